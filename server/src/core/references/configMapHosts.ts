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
  for (const key of Object.keys(data)) {
    const value = text(data[key]);
    if (!value) continue;
    const lines = value.length > WHOLE_VALUE_LENGTH ? value.split('\n', MAX_LINES) : [value];
    for (const line of lines) for (const host of hostsInText(line)) hosts.push({ ...host, path: ['data', key], field: `data.${key}` });
  }
  return hosts;
}

/** Values longer than this are config files, read a line at a time; past MAX_LINES lines, no more. */
const WHOLE_VALUE_LENGTH = 4096;
const MAX_LINES = 20_000;
