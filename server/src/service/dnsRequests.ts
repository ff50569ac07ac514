import { recordsOf, renderNslookup, renderRecordsText, renderServiceEnvironment, resolveFrom, serviceEnvironment, truncatedPodsNote, type LookupOrigin } from '../core/dns/index';
import type { ClusterModel } from '../core/model/clusterModel';
import { dnsBlockedNote } from '../core/policy/index';
import { describeObject } from '../core/model/manifestObject';
import type { PodView } from '../core/model/podView';
import type { RecordsResult, ServiceEnvironmentResult, SimulateNslookupParams, SimulateNslookupResult } from '../protocol';
import { objectsAt, placeAt } from './objectAt';

/** The nslookup simulation: resolv.conf and search list of the asking Pod, then the cluster DNS's answers. */
export function simulateNslookup(model: ClusterModel, params: SimulateNslookupParams): SimulateNslookupResult {
  const type = params.type ?? 'A';
  const pod = params.from.pod ? model.podsIn(params.from.namespace).find((candidate) => candidate.name === params.from.pod) : undefined;
  if (params.from.pod && !pod) throw new Error(`no Pod ${params.from.namespace}/${params.from.pod} in this workspace`);
  const origin: LookupOrigin = pod ? { pod } : { namespace: params.from.namespace };
  const name = params.name.trim();
  const resolution = resolveFrom(model, origin, name, type);
  const typeFlag = type === 'A' ? '' : `-type=${type} `;
  const command = pod
    ? `$ kubectl exec -n ${pod.namespace} ${pod.name} -- nslookup ${typeFlag}${name}`
    : `$ nslookup ${typeFlag}${name}    # from any Pod of namespace ${params.from.namespace}`;
  return {
    query: resolution.query,
    type,
    from: pod ? `${pod.namespace}/${pod.name}` : `${params.from.namespace}/*`,
    tried: resolution.tried.map((entry) => ({ name: entry.name, rcode: entry.rcode })),
    rcode: resolution.rcode,
    answers: resolution.answers.map((answer) => ({ name: answer.name, type: answer.type, ttl: answer.ttl, data: answer.data })),
    upstream: resolution.upstream,
    transcript: `${command}\n${renderNslookup(resolution, model.settings)}${blockedLine(model, pod, resolution.clusterServer)}`,
  };
}

/** The transcript's last line when NetworkPolicy keeps the Pod from the cluster DNS. */
function blockedLine(model: ClusterModel, pod: PodView | undefined, clusterServer: boolean): string {
  const note = pod && clusterServer ? dnsBlockedNote(model, pod) : undefined;
  return note ? `;; ${note}\n` : '';
}

/** The records the object under the offset publishes (a Service) or feeds (a Pod, workload, Endpoints). */
export function recordsAt(model: ClusterModel, uri: string, offset: number): RecordsResult {
  return model.seenFrom(uri, () => recordsIn(model, uri, offset));
}

function recordsIn(model: ClusterModel, uri: string, offset: number): RecordsResult {
  const object = placeAt(model, uri, offset)?.object ?? objectsAt(model, uri, offset)[0];
  if (!object) return { object: '', records: [], text: '; Put the cursor on a Kubernetes object.\n' };
  const records = recordsOf(model, object);
  const header = `; DNS records of ${describeObject(object)} (zone ${model.settings.clusterDomain}, ${model.settings.dnsProfile} profile)`;
  const truncated = truncatedPodsNote(model);
  const body = records.length > 0 ? renderRecordsText(records, truncated ? [truncated] : []) : `; ${describeObject(object)} publishes no DNS records of its own.\n`;
  return {
    object: describeObject(object),
    records: records.map((entry) => ({ name: entry.name, type: entry.type, ttl: entry.ttl, data: entry.data })),
    text: `${header}\n${body}`,
  };
}

/** The service environment variables kubelet gives the Pod. */
export function serviceEnvironmentOf(model: ClusterModel, pod: PodView): ServiceEnvironmentResult {
  const environment = serviceEnvironment(model, pod);
  return {
    pod: `Pod ${pod.namespace}/${pod.name}`,
    variables: environment.variables.map((variable) => ({ name: variable.name, value: variable.value })),
    text: renderServiceEnvironment(environment, pod),
  };
}
