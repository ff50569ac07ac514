/** A host (and port) written in a configuration value: a URL's authority, `host:port`, or a `.svc` name. */
export interface HostInText {
  /** As written, without a trailing dot. */
  readonly host: string;
  readonly port?: number;
  /** `host:port` exactly as it stands in the text, for a fix to replace. */
  readonly written: string;
  /** The URL's scheme (`http`, `redis`), when the host is a URL's. */
  readonly scheme?: string;
}

const URL = /\b(?:jdbc:)?([a-z][a-z0-9+.-]*):\/\/(?:[^\s@/?#]*@)?([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)\.?(?::(\d{1,5}))?(?=[/?#\s,;'"]|$)/gi;
const HOST_PORT = /^([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)\.?:(\d{1,5})$/i;
const SVC_NAME = /^([a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.svc(?:\.[a-z0-9.-]+)?)\.?$/i;

/**
 * The hosts a configuration value names: `http://cart:8080/`, `mongodb://user:pw@mongo:27017/db`,
 * `jdbc:postgresql://db:5432/app`, `redis-cart:6379`, `--addr=metrics.monitoring.svc:9090`,
 * `prometheus-k8s.monitoring.svc`. Words, IP addresses, times (`12:30`) and image tags (`postgres:15`)
 * are not hosts; a bare word without a port is not taken for one (too many values are plain words).
 */
export function hostsInText(value: string): HostInText[] {
  if (value.length > MAX_VALUE_LENGTH) return [];
  const hosts: HostInText[] = [];
  for (const match of value.matchAll(URL)) add(hosts, match[2], match[3], match[0].slice(match[0].indexOf('://') + 3).replace(/^[^@]*@/, ''), match[1].toLowerCase());
  if (hosts.length > 0) return hosts;
  for (const raw of value.split(/[\s,;]+/)) {
    // a flag's value (`--redis=cart:6379`), or an assignment in a command line
    const token = raw.replace(/^[^=]*=/, '').replace(/^["']|["']$/g, '');
    const hostPort = HOST_PORT.exec(token);
    // below 80 a bare `name:number` is more often an image tag or a version (`postgres:15`) than a port
    if (hostPort && Number(hostPort[2]) >= MIN_BARE_PORT) add(hosts, hostPort[1], hostPort[2], token);
    else if (SVC_NAME.test(token)) add(hosts, token.replace(/\.$/, ''), undefined, token);
  }
  return hosts;
}

function add(hosts: HostInText[], host: string, port: string | undefined, written: string, scheme?: string): void {
  // a host has a letter; an IP address or a time does not
  if (!/[a-z]/i.test(host) || /^[\d.]+$/.test(host)) return;
  const number = port === undefined ? undefined : Number(port);
  if (number !== undefined && (number < 1 || number > 65535)) return;
  hosts.push({ host, port: number, written: written.replace(/[/?#].*$/, ''), scheme });
}

const MIN_BARE_PORT = 80;

/** Longer values are documents (a config file in a ConfigMap key), read line by line by the caller. */
const MAX_VALUE_LENGTH = 4096;
