/**
 * The text of a file's bytes: UTF-8 unless a byte order mark, or the NUL bytes of UTF-16 without
 * one, say otherwise. A byte order mark is not text.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return bigEndian(bytes.subarray(2));
  const order = utf16WithoutMark(bytes);
  if (order === 'le') return bytes.toString('utf16le');
  if (order === 'be') return bigEndian(bytes);
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function bigEndian(bytes: Buffer): string {
  return Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2))).swap16().toString('utf16le');
}

/** Code units looked at to recognise UTF-16 without a mark. */
const SAMPLE_UNITS = 512;

/**
 * UTF-16 without a byte order mark, as YAML 1.2 (§5.2) recognises it: the first character is ASCII,
 * so the NUL byte beside it gives the byte order. UTF-8 manifests hold no NUL bytes, but binary
 * files do, so more is asked: an even length, and printable ASCII with its NUL byte on the same
 * side in the first code unit and in at least half of the first SAMPLE_UNITS.
 */
function utf16WithoutMark(bytes: Buffer): 'le' | 'be' | undefined {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return undefined;
  const units = Math.min(bytes.length / 2, SAMPLE_UNITS);
  let little = 0;
  let big = 0;
  for (let unit = 0; unit < units; unit++) {
    const first = bytes[2 * unit];
    const second = bytes[2 * unit + 1];
    if (second === 0 && isPrintableAscii(first)) little += 1;
    else if (first === 0 && isPrintableAscii(second)) big += 1;
  }
  if (bytes[1] === 0 && isPrintableAscii(bytes[0]) && little * 2 >= units) return 'le';
  if (bytes[0] === 0 && isPrintableAscii(bytes[1]) && big * 2 >= units) return 'be';
  return undefined;
}

function isPrintableAscii(byte: number): boolean {
  return (byte >= 0x20 && byte < 0x7f) || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}
