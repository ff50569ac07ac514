import * as fs from 'node:fs';

/**
 * Preloaded into a measured process (`node --require`): at exit, writes the process's peak resident
 * set size (KB) and the CPU time it used (ms, user + system) to the file named by
 * KUBE_LOOKUP_BENCH_USAGE, as `{"maxRssKb":…,"cpuMs":…}`.
 */
const target = process.env.KUBE_LOOKUP_BENCH_USAGE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    fs.writeFileSync(target, JSON.stringify({ maxRssKb: usage.maxRSS, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 }));
  });
}
