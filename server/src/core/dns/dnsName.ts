import { canonicalIp, formatIp, parseIp, type IpFamily } from '../model/ip';

/** Lower case, no trailing dot: the form names are compared in (all comparisons are case-insensitive, spec §2.1). */
export function normalizeName(name: string): string {
  return name.replace(/\.$/, '').toLowerCase();
}

/** The absolute form of a name, with its trailing dot; the case is kept. */
export function absolute(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}

/** True when `name` is `zone` or below it (both normalized). */
export function isInZone(name: string, zone: string): boolean {
  return name === zone || name.endsWith(`.${zone}`);
}

/** The labels of a name below its zone: `kubia.default.svc` for `kubia.default.svc.cluster.local`. */
export function labelsBelow(name: string, zone: string): string[] {
  if (name === zone) return [];
  return name.slice(0, name.length - zone.length - 1).split('.');
}

export function serviceFqdn(name: string, namespace: string, zone: string): string {
  return `${name}.${namespace}.svc.${zone}`;
}

/** An endpoint's address as a DNS label, as CoreDNS writes it: `10-244-1-5`, `fd00--5`, and `fd00--0` for `fd00::` (a label cannot end in a dash). */
export function dashedIp(ip: string): string {
  const dashed = canonicalIp(ip).replace(/[.:]/g, '-');
  return dashed.endsWith('-') ? `${dashed}0` : dashed;
}

/** The address a pod-record label stands for (`10-244-1-5` → `10.244.1.5`), as CoreDNS reads it. */
export function ipFromDashed(label: string): string | undefined {
  const text = (label.split('-').length === 4 && !label.includes('--')) ? label.replace(/-/g, '.') : label.replace(/-/g, ':');
  const parsed = parseIp(text);
  return parsed ? formatIp(parsed.family, parsed.value) : undefined;
}

/** `<d>.<c>.<b>.<a>.in-addr.arpa` or the 32 reversed nibbles under `ip6.arpa` (spec §2.3, §2.4). */
export function reverseName(ip: string): string | undefined {
  const parsed = parseIp(ip);
  if (!parsed) return undefined;
  if (parsed.family === 'IPv4') return `${canonicalIp(ip).split('.').reverse().join('.')}.in-addr.arpa`;
  const nibbles = parsed.value.toString(16).padStart(32, '0').split('').reverse();
  return `${nibbles.join('.')}.ip6.arpa`;
}

/** The address a reverse name stands for, or undefined when it is not a complete one. */
export function ipFromReverseName(name: string): { ip: string; family: IpFamily } | undefined {
  const lower = normalizeName(name);
  if (lower.endsWith('.in-addr.arpa')) {
    const labels = lower.slice(0, -'.in-addr.arpa'.length).split('.');
    if (labels.length !== 4 || labels.some((label) => !/^\d{1,3}$/.test(label))) return undefined;
    const parsed = parseIp(labels.reverse().join('.'));
    return parsed ? { ip: formatIp(parsed.family, parsed.value), family: parsed.family } : undefined;
  }
  if (lower.endsWith('.ip6.arpa')) {
    const labels = lower.slice(0, -'.ip6.arpa'.length).split('.');
    if (labels.length !== 32 || labels.some((label) => !/^[0-9a-f]$/.test(label))) return undefined;
    const value = BigInt(`0x${labels.reverse().join('')}`);
    return { ip: formatIp('IPv6', value), family: 'IPv6' };
  }
  return undefined;
}

export function isReverseName(name: string): boolean {
  const lower = normalizeName(name);
  return lower === 'in-addr.arpa' || lower === 'ip6.arpa' || lower.endsWith('.in-addr.arpa') || lower.endsWith('.ip6.arpa');
}

/** An externalName CoreDNS treats as an address, not a name, and so does not serve (coredns #2324). */
export function looksLikeIp(name: string): boolean {
  return parseIp(name.replace(/\.$/, '')) !== undefined;
}
