import { parseIp } from '../model/ip';

/** Where a connection goes: a host (name or address) and a port (number, or a Service/container port name). */
export interface ConnectTarget {
  /** As typed. */
  readonly text: string;
  readonly host: string;
  readonly port: number | string;
  /** True when the port came from the URL scheme. */
  readonly portFromScheme: boolean;
  readonly scheme?: string;
}

/** The ports clients use when a URL names none. */
const SCHEME_PORTS: Readonly<Record<string, number>> = {
  http: 80, https: 443, ws: 80, wss: 443, grpc: 80, grpcs: 443, ftp: 21, ssh: 22, smtp: 25, dns: 53,
  redis: 6379, rediss: 6379, postgres: 5432, postgresql: 5432, mysql: 3306, mongodb: 27017, amqp: 5672, amqps: 5671, nats: 4222, kafka: 9092,
};

/**
 * Reads `HOST:PORT`, `HOST:PORTNAME`, `[v6]:PORT`, or a URL (`http://web.shop:8080/x`, where the
 * port defaults from the scheme). Returns a sentence saying what is wrong instead of throwing.
 */
export function parseConnectTarget(text: string): ConnectTarget | string {
  let rest = text.trim();
  let scheme: string | undefined;
  const schemeMatch = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(rest);
  if (schemeMatch) {
    scheme = schemeMatch[1].toLowerCase();
    rest = rest.slice(schemeMatch[0].length);
    rest = rest.replace(/[/?#].*$/, '').replace(/^[^@]*@/, '');
  }
  let host: string;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(rest);
  if (bracketed) [, host, portText] = bracketed;
  else if (parseIp(rest)?.family === 'IPv6') host = rest;
  else {
    const colon = rest.lastIndexOf(':');
    host = colon < 0 ? rest : rest.slice(0, colon);
    portText = colon < 0 ? undefined : rest.slice(colon + 1);
  }
  if (!host) return `"${text}" names no host`;
  if (portText !== undefined && portText !== '') {
    if (/^\d+$/.test(portText)) {
      const port = Number(portText);
      if (port < 1 || port > 65535) return `port ${portText} is not between 1 and 65535`;
      return { text, host, port, portFromScheme: false, scheme };
    }
    return { text, host, port: portText, portFromScheme: false, scheme };
  }
  const fromScheme = scheme !== undefined ? SCHEME_PORTS[scheme] : undefined;
  if (fromScheme === undefined) return scheme ? `"${text}" names no port and kube-lookup knows no default port for ${scheme}://` : `"${text}" names no port: write HOST:PORT (a number, or a port name) or a URL such as http://${host}/`;
  return { text, host, port: fromScheme, portFromScheme: true, scheme };
}
