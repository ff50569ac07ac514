/** Names as the controllers make them, with the random parts derived from the workload's identity. */
const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

export function stableSuffix(seed: string, length: number): string {
  let h = 2166136261;
  let out = '';
  for (let round = 0; out.length < length; round++) {
    for (let index = 0; index < seed.length; index++) {
      h ^= seed.charCodeAt(index) + round;
      h = Math.imul(h, 16777619) >>> 0;
    }
    out += SAFE_ALPHABET[h % SAFE_ALPHABET.length];
  }
  return out;
}

/** `<deployment>-<pod-template-hash>-<5>`, `<set>-<ordinal>`, `<rs>-<5>`, and so on. */
export function controllerPodName(kind: string, workload: string, namespace: string, replica: number): string {
  const seed = `${kind}/${namespace}/${workload}/${replica}`;
  switch (kind) {
    case 'Pod':
      return workload;
    case 'StatefulSet':
      return `${workload}-${replica}`;
    case 'Deployment':
      return generatedName(`${workload}-${stableSuffix(`${kind}/${namespace}/${workload}`, 10)}-`, seed);
    case 'CronJob':
    case 'ScaledJob':
      return generatedName(`${jobName(kind, workload)}-`, seed);
    default:
      return generatedName(`${workload}-`, seed);
  }
}

/** The API server's generateName: the prefix cut to 58 characters, then 5 random ones (here derived from the seed). */
function generatedName(prefix: string, seed: string): string {
  return `${prefix.slice(0, MAX_GENERATED_PREFIX)}${stableSuffix(seed, 5)}`;
}

const MAX_GENERATED_PREFIX = 58;

/** The Job a Job, CronJob or KEDA ScaledJob runs: a CronJob names each Job `<cronjob>-<scheduled time in minutes>`, a ScaledJob `<scaledjob>-<5 random characters>`. */
export function jobName(kind: string, workload: string): string {
  if (kind === 'ScaledJob') return `${workload}-${stableSuffix(`ScaledJob/${workload}`, 5)}`;
  return kind === 'CronJob' ? `${workload}-29000000` : workload;
}

/** An Indexed Job's Pod: the Job controller's generateName `<job>-<index>-`, plus the random suffix. */
export function indexedJobPodName(kind: string, workload: string, namespace: string, index: number): string {
  // podGenerateNameWithIndex keeps the `-<index>-` whole and cuts the Job name instead
  const append = `-${index}-`;
  const prefix = `${jobName(kind, workload)}${append}`;
  const fitted = prefix.length > MAX_GENERATED_PREFIX ? `${prefix.slice(0, MAX_GENERATED_PREFIX - append.length)}${append}` : prefix;
  return generatedName(fitted, `${kind}/${namespace}/${workload}/${index}`);
}
