import { cidrSize, ipInCidr, parseIp, type Cidr } from './ip';

/**
 * Hands out addresses the manifests do not declare. The same inputs always give the same
 * addresses: each key hashes to a slot and collisions probe forward, keys taken in sorted order,
 * after every declared address has been reserved.
 */
export class IpAllocator {
  private readonly taken = new Set<bigint>();

  constructor(private readonly cidr: Cidr, reservedOffsets: readonly number[]) {
    for (const offset of reservedOffsets) this.taken.add(cidr.base + BigInt(offset));
    const size = cidrSize(cidr);
    if (size > 1n) this.taken.add(cidr.base + size - 1n); // broadcast / last address
  }

  reserve(ip: string): void {
    const parsed = parseIp(ip);
    if (parsed && parsed.family === this.cidr.family) this.taken.add(parsed.value);
  }

  allocate(key: string): string | undefined {
    const size = cidrSize(this.cidr);
    const usable = size;
    if (BigInt(this.taken.size) >= usable) return undefined;
    let offset = hash(key) % usable;
    for (let tries = 0n; tries < usable; tries++) {
      const candidate = this.cidr.base + offset;
      if (!this.taken.has(candidate)) {
        this.taken.add(candidate);
        return ipInCidr(this.cidr, offset);
      }
      offset = (offset + 1n) % usable;
    }
    return undefined;
  }
}

/** FNV-1a, 52 bits: stable across runs and platforms. */
function hash(key: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (let index = 0; index < key.length; index++) {
    h ^= BigInt(key.charCodeAt(index));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h >> 12n;
}
