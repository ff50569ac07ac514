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
      return `${workload}-${stableSuffix(`${kind}/${namespace}/${workload}`, 10)}-${stableSuffix(seed, 5)}`;
    case 'CronJob':
      return `${workload}-29000000-${stableSuffix(seed, 5)}`;
    default:
      return `${workload}-${stableSuffix(seed, 5)}`;
  }
}
