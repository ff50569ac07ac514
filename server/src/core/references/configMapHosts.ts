import type { ManifestObject } from '../model/manifestObject';
import type { ConfiguredHost } from './configuredHosts';
import { at, record, text } from './fields';
import { hostsInText } from './hostsInText';

/**
 * The hosts a ConfigMap's `data` holds: whole values (`REDIS_ADDR: redis-cart:6379`) and the lines
 * of the config files kept in it (`url: http://cart:8080/`).
 */
export function configMapHostsOf(configMap: ManifestObject): readonly ConfiguredHost[] {
  let hosts = found.get(configMap);
  if (!hosts) found.set(configMap, (hosts = hostsOf(configMap)));
  return hosts;
}

/** An object is not changed once read (a new version of its file is new objects): its hosts are found once. */
const found = new WeakMap<ManifestObject, readonly ConfiguredHost[]>();

function hostsOf(configMap: ManifestObject): ConfiguredHost[] {
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
