/** IPv4 and IPv6 addresses as bigints, and CIDR arithmetic for deterministic allocation. */
export type IpFamily = 'IPv4' | 'IPv6';

export interface Cidr {
  readonly family: IpFamily;
  readonly base: bigint;
  readonly prefix: number;
  readonly text: string;
}

export function parseIp(text: string): { family: IpFamily; value: bigint } | undefined {
  const trimmed = text.trim();
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(trimmed)) {
    const parts = trimmed.split('.').map(Number);
    if (parts.some((part) => part > 255)) return undefined;
    return { family: 'IPv4', value: parts.reduce((acc, part) => (acc << 8n) | BigInt(part), 0n) };
  }
  if (!trimmed.includes(':') || !/^[0-9a-fA-F:.]+$/.test(trimmed)) return undefined;
  const halves = trimmed.split('::');
  if (halves.length > 2) return undefined;
  const groups = (half: string): string[] => (half === '' ? [] : half.split(':'));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  // an embedded IPv4 tail (::ffff:1.2.3.4) counts as two groups
  const last = (tail.length ? tail : head).at(-1);
  if (last?.includes('.')) {
    const v4 = parseIp(last);
    if (!v4 || v4.family !== 'IPv4') return undefined;
    const list = tail.length ? tail : head;
    list.splice(list.length - 1, 1, (v4.value >> 16n).toString(16), (v4.value & 0xffffn).toString(16));
  }
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0 || (halves.length === 2 && missing < 1)) return undefined;
  const all = [...head, ...Array(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  if (all.some((group) => !/^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
  return { family: 'IPv6', value: all.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group, 16)), 0n) };
}

export function formatIp(family: IpFamily, value: bigint): string {
  if (family === 'IPv4') return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, index) => Number((value >> BigInt(112 - index * 16)) & 0xffffn));
  // RFC 5952: compress the longest run of two or more zero groups
  let bestStart = -1;
  let bestLength = 1;
  for (let start = 0; start < 8; ) {
    let end = start;
    while (end < 8 && groups[end] === 0) end++;
    if (end - start > bestLength) {
      bestStart = start;
      bestLength = end - start;
    }
    start = end === start ? start + 1 : end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

export function parseCidr(text: string): Cidr | undefined {
  const [address, prefixText] = text.trim().split('/');
  const ip = parseIp(address ?? '');
  const prefix = Number(prefixText);
  if (!ip || !Number.isInteger(prefix)) return undefined;
  const bits = ip.family === 'IPv4' ? 32 : 128;
  if (prefix < 0 || prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  const base = (ip.value >> hostBits) << hostBits;
  return { family: ip.family, base, prefix, text: text.trim() };
}

export function cidrSize(cidr: Cidr): bigint {
  return 1n << BigInt((cidr.family === 'IPv4' ? 32 : 128) - cidr.prefix);
}

export function cidrContains(cidr: Cidr, ip: string): boolean {
  const parsed = parseIp(ip);
  if (!parsed || parsed.family !== cidr.family) return false;
  return parsed.value >= cidr.base && parsed.value < cidr.base + cidrSize(cidr);
}

export function ipInCidr(cidr: Cidr, offset: bigint): string {
  return formatIp(cidr.family, cidr.base + offset);
}

/** The canonical text of an address (IPv6 compressed, lower case), or the input when it is not an IP. */
export function canonicalIp(text: string): string {
  const parsed = parseIp(text);
  return parsed ? formatIp(parsed.family, parsed.value) : text;
}
