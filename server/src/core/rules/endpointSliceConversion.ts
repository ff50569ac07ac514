import { SERVICE_NAME_LABEL, SKIP_MIRROR_LABEL } from '../model/computeBackends';
import { parseIp, type IpFamily } from '../model/ip';
import type { ManifestObject } from '../model/manifestObject';
import { endpointsSchema } from '../model/schemas/endpoints';

/**
 * The EndpointSlices that say what a v1 Endpoints object says, as YAML text: one slice per subset
 * and address family (a slice holds one address type and one port list), labelled with the
 * Service name. The text is built by hand so the fix can replace one document without touching
 * the rest of the file.
 */
export function endpointSlicesFor(endpoints: ManifestObject, newline = '\n'): string | undefined {
  const body = endpointsSchema.safeParse(endpoints.body ?? {}).data;
  if (!body) return undefined;
  const slices: string[][] = [];
  for (const subset of body.subsets ?? []) {
    const addresses = [...(subset.addresses ?? []).map((address) => ({ address, ready: true })), ...(subset.notReadyAddresses ?? []).map((address) => ({ address, ready: false }))];
    for (const family of ['IPv4', 'IPv6'] as IpFamily[]) {
      const members = addresses.filter(({ address }) => address.ip !== undefined && parseIp(address.ip)?.family === family);
      if (members.length === 0) continue;
      const lines: string[] = [];
      lines.push('ports:');
      for (const port of subset.ports ?? []) {
        const fields = [port.name !== undefined ? `name: ${scalar(port.name)}` : '', port.port !== undefined ? `port: ${port.port}` : '', `protocol: ${scalar(port.protocol ?? 'TCP')}`].filter((field) => field !== '');
        fields.forEach((field, index) => lines.push(`${index === 0 ? '-' : ' '} ${field}`));
      }
      if ((subset.ports ?? []).length === 0) lines[0] = 'ports: []';
      lines.push('endpoints:');
      for (const { address, ready } of members) {
        lines.push(`- addresses: [${scalar(address.ip!)}]`);
        lines.push(`  conditions: {ready: ${ready}}`);
        if (address.hostname) lines.push(`  hostname: ${scalar(address.hostname)}`);
        if (address.nodeName) lines.push(`  nodeName: ${scalar(address.nodeName)}`);
        const ref = address.targetRef;
        if (ref?.kind && ref.name) lines.push(`  targetRef: {kind: ${scalar(ref.kind)}, name: ${scalar(ref.name)}${ref.namespace ? `, namespace: ${scalar(ref.namespace)}` : ''}}`);
      }
      slices.push([`addressType: ${family}`, ...lines]);
    }
  }
  if (slices.length === 0) return undefined;
  const labels = Object.entries(endpoints.labels).filter(([key]) => key !== SKIP_MIRROR_LABEL && key !== SERVICE_NAME_LABEL);
  const documents = slices.map((slice, index) => {
    const metadata = ['metadata:', `  name: ${scalar(slices.length === 1 ? endpoints.name : `${endpoints.name}-${index + 1}`)}`];
    if (endpoints.namespaceDeclared) metadata.push(`  namespace: ${scalar(endpoints.namespace)}`);
    metadata.push('  labels:', `    ${SERVICE_NAME_LABEL}: ${scalar(endpoints.name)}`, ...labels.map(([key, value]) => `    ${scalar(key)}: ${scalar(value)}`));
    return ['apiVersion: discovery.k8s.io/v1', 'kind: EndpointSlice', ...metadata, ...slice].join(newline);
  });
  return documents.join(`${newline}---${newline}`);
}

const PLAIN = /^[A-Za-z][A-Za-z0-9._/-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|y|n|null)$/i;

/** A YAML scalar: plain when it reads back as the same string, else double-quoted (JSON is valid YAML). */
function scalar(value: string): string {
  return PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
}
