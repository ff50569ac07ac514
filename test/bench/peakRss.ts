import * as fs from 'node:fs';

/**
 * Preloaded into a measured process (`node --require`): at exit, writes the process's peak resident
 * set size in kilobytes to the file named by KUBE_LOOKUP_BENCH_RSS.
 */
const target = process.env.KUBE_LOOKUP_BENCH_RSS;
if (target) process.on('exit', () => fs.writeFileSync(target, String(process.resourceUsage().maxRSS)));
