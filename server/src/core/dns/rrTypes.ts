/**
 * Query types by their mnemonic (IANA "Resource Record (RR) TYPEs"), so any question a user can
 * type into `dig -t` or `nslookup -type=` can be asked. The cluster zone holds only a handful of
 * them; every other type is answered NODATA or NXDOMAIN, as CoreDNS does.
 */
const MNEMONICS = [
  'A', 'NS', 'MD', 'MF', 'CNAME', 'SOA', 'MB', 'MG', 'MR', 'NULL', 'WKS', 'PTR', 'HINFO', 'MINFO', 'MX', 'TXT',
  'RP', 'AFSDB', 'X25', 'ISDN', 'RT', 'NSAP', 'NSAP-PTR', 'SIG', 'KEY', 'PX', 'GPOS', 'AAAA', 'LOC', 'NXT',
  'EID', 'NIMLOC', 'SRV', 'ATMA', 'NAPTR', 'KX', 'CERT', 'A6', 'DNAME', 'SINK', 'APL', 'DS', 'SSHFP',
  'IPSECKEY', 'RRSIG', 'NSEC', 'DNSKEY', 'DHCID', 'NSEC3', 'NSEC3PARAM', 'TLSA', 'SMIMEA', 'HIP', 'NINFO',
  'RKEY', 'TALINK', 'CDS', 'CDNSKEY', 'OPENPGPKEY', 'CSYNC', 'ZONEMD', 'SVCB', 'HTTPS', 'SPF', 'NID', 'L32',
  'L64', 'LP', 'EUI48', 'EUI64', 'TKEY', 'TSIG', 'IXFR', 'AXFR', 'MAILB', 'MAILA', 'ANY', 'URI', 'CAA', 'AVC',
  'DOA', 'AMTRELAY', 'RESINFO', 'WALLET', 'TA', 'DLV',
] as const;

/** Meta types that are not questions about data: a transfer, or a transaction signature. */
const NOT_QUERIES = new Set(['AXFR', 'IXFR', 'MAILB', 'MAILA', 'TKEY', 'TSIG', 'OPT']);

/**
 * The canonical form of a type name (`mx` → `MX`, `TYPE15` → `MX`, `type65280` → `TYPE65280`,
 * RFC 3597), or an error message for a name that is not a type or cannot be asked.
 */
export function parseQueryType(text: string): { type: string } | { error: string } {
  const upper = text.trim().toUpperCase();
  const numeric = /^TYPE(\d{1,5})$/.exec(upper);
  if (numeric) {
    const value = Number(numeric[1]);
    if (value < 1 || value > 65535) return { error: `TYPE${numeric[1]} is out of range (TYPE1 to TYPE65535)` };
    const known = TYPE_NUMBERS.get(value);
    return { type: known ?? `TYPE${value}` };
  }
  if (NOT_QUERIES.has(upper)) return { error: `${upper} is not a question the simulator answers (zone transfers and transaction types are refused by CoreDNS)` };
  if ((MNEMONICS as readonly string[]).includes(upper)) return { type: upper };
  return { error: `"${text}" is not a DNS record type (A, AAAA, SRV, PTR, CNAME, TXT, SOA, NS, MX, ANY, … or TYPEnnn)` };
}

/** The numbers of the types a user is likely to write as TYPEnnn. */
const TYPE_NUMBERS = new Map<number, string>([
  [1, 'A'], [2, 'NS'], [5, 'CNAME'], [6, 'SOA'], [12, 'PTR'], [13, 'HINFO'], [15, 'MX'], [16, 'TXT'], [28, 'AAAA'],
  [33, 'SRV'], [35, 'NAPTR'], [64, 'SVCB'], [65, 'HTTPS'], [255, 'ANY'], [257, 'CAA'],
]);
