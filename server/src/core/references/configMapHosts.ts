import type { ManifestObject } from '../model/manifestObject';
import type { ConfiguredHost } from './configuredHosts';
import { at, record, text } from './fields';
import { hostsInText } from './hostsInText';

/**
 * The hosts a ConfigMap's `data` holds: whole values (`REDIS_ADDR: redis-cart:6379`) and the lines
 * of the config files kept in it (`url: http://cart:8080/`). Several rules ask, once per object
 * and again at each re-lint; a ConfigMap of megabytes is scanned once per version of its file (an
 * object is never changed once read: an edit reads new objects).
 */
export function configMapHostsOf(configMap: ManifestObject): readonly ConfiguredHost[] {
  let hosts = scanned.get(configMap);
  if (!hosts) scanned.set(configMap, (hosts = scan(configMap)));
  return hosts;
}

const scanned = new WeakMap<ManifestObject, readonly ConfiguredHost[]>();

function scan(configMap: ManifestObject): ConfiguredHost[] {
  const data = record(at(configMap.body, 'data'));
  if (!data) return [];
  const hosts: ConfiguredHost[] = [];
  let scannedLength = 0;
  for (const key of Object.keys(data)) {
    const value = text(data[key]);
    if (!value) continue;
    scannedLength += key.length + value.length;
    if (scannedLength > MAX_DATA_LENGTH) break;
    const lines = value.length > WHOLE_VALUE_LENGTH ? value.split('\n', MAX_LINES) : [value];
    for (const line of lines) for (const host of hostsInText(line)) hosts.push({ ...host, path: ['data', key], field: `data.${key}` });
  }
  return hosts;
}

/**
 * The API server takes no ConfigMap whose data hold more than 1 MiB, so past that no host of its
 * counts; the bound keeps a ConfigMap of megabytes from holding the server's thread (one scan ran
 * 150 ms on a 4.9 MB one).
 */
const MAX_DATA_LENGTH = 1_048_576;
/** Values longer than this are config files, read a line at a time; past MAX_LINES lines, no more. */
const WHOLE_VALUE_LENGTH = 4096;
const MAX_LINES = 20_000;
