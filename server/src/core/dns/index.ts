/**
 * The DNS simulator: what the cluster DNS publishes and answers, from the manifests alone.
 *
 * Public API (everything else in this folder is internal):
 * - `recordsOf(model, object)`     the records a Service publishes, or a Pod/workload/Endpoints feeds
 * - `clusterRecords(model)`        every record of the cluster zone (kubernetes/dns 1.1.0, §2.2–§2.5)
 * - `answerQuestion(model, name, type)`  one question to the cluster DNS server → ZoneAnswer
 * - `resolveFrom(model, origin, name, type)`  a lookup as a Pod makes it (resolv.conf, search list)
 *                                  → Resolution {tried names with rcodes, answers, notes}
 * - `podResolvConf(settings, {pod, namespace})`, `renderResolvConf(conf)`  the Pod's /etc/resolv.conf
 * - `serviceEnvironment(model, pod)`  the service environment variables kubelet injects
 * - `serviceNames(model, service)` its FQDN, the short names that work and from where, SRV and
 *                                  endpoint names, and namespaces where a search path captures it
 * - `reverseName(ip)`              `d.c.b.a.in-addr.arpa` / nibbles under `ip6.arpa`
 * - renderers: `renderNslookup` (nslookup text + trace), `renderDig` (dig +search), `resolutionToJson` (CLI JSON contract),
 *   `renderRecordsText`, `recordsToJson`, `renderZoneFile` (RFC 1035), `renderServiceEnvironment`,
 *   `renderServiceDnsMarkdown`, `renderPodDnsMarkdown` (names, records, resolv.conf, for hovers)
 *
 * `settings.dnsProfile` chooses the answerer: `coredns` (default; CoreDNS's kubernetes plugin as
 * kubeadm configures it, see coreDnsAnswer.ts for what it adds to the spec) or `spec` (a plain
 * authoritative zone holding exactly the records the specification requires, see specZoneAnswer.ts).
 */
export { answerQuestion } from './answerQuestion';
export { reverseName } from './dnsName';
export type { DnsRecord, PublishedRecord, QueryType, Rcode, RecordType } from './dnsRecord';
export { QUERY_TYPES } from './dnsRecord';
export { parseQueryType } from './rrTypes';
export { clusterRecords, recordsOf, DNS_SCHEMA_VERSION, type EndpointRecord } from './records';
export { exportedZones, type ExportedZone } from './zoneExport';
export { clusterDnsIp, podResolvConf, renderResolvConf, type ResolvConf } from './resolvConf';
export { resolveBindDefault } from './bindNslookup';
export { podHostsEntries, resolveFrom, type LookupOrigin, type Resolution, type TriedName } from './resolveFrom';
export { renderDig } from './renderDig';
export { renderNslookup, renderNslookupOutput, renderTrace, resolutionToJson } from './renderNslookup';
export { recordsToJson, renderRecordsText, renderZoneFile } from './renderRecords';
export { truncatedPodsJson, truncatedPodsNote } from './truncatedPods';
export { renderPodDnsMarkdown } from './renderPodDns';
export { renderServiceDnsMarkdown } from './renderServiceDns';
export { serviceNames, type ServiceNames } from './serviceNames';
export { renderServiceEnvironment, serviceEnvironment, type ServiceEnvVar, type ServiceEnvironment } from './serviceEnv';
export type { ZoneAnswer } from './zoneAnswer';
