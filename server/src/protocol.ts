/**
 * The custom part of the protocol between the kube-lookup client and server: method names, command
 * ids and the shapes of their params and results. Import-free, so the client, the server and the
 * tests share one definition without pulling either side's dependencies.
 */

/** A zero-based line and UTF-16 character, as LSP counts them. */
export interface WirePosition {
  readonly line: number;
  readonly character: number;
}

export interface WireRange {
  readonly start: WirePosition;
  readonly end: WirePosition;
}

export interface WireLocation {
  readonly uri: string;
  readonly range: WireRange;
}

export type DnsRecordType = 'A' | 'AAAA' | 'SRV' | 'PTR' | 'CNAME' | 'TXT' | 'SOA' | 'NS' | 'MX' | 'ANY';

export const DNS_RECORD_TYPES: readonly DnsRecordType[] = ['A', 'AAAA', 'SRV', 'PTR', 'CNAME', 'TXT', 'SOA', 'NS', 'MX', 'ANY'];

/** One resource record, as a zone file writes it; names are absolute with the trailing dot. */
export interface WireRecord {
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  readonly data: string;
}

/** `kubeLookup/simulateNslookup`: what the cluster DNS answers a Pod (or any Pod of a namespace). */
export const SIMULATE_NSLOOKUP_REQUEST = 'kubeLookup/simulateNslookup';

export interface SimulateNslookupParams {
  /** A document of the workspace whose cluster answers: picks the workspace folder. */
  readonly uri: string;
  readonly name: string;
  readonly type?: DnsRecordType;
  readonly from: { readonly namespace: string; readonly pod?: string };
}

export interface SimulateNslookupResult {
  readonly query: string;
  readonly type: DnsRecordType;
  /** `namespace/pod`, or `namespace/*` for any Pod of the namespace. */
  readonly from: string;
  /** The names tried through the search list, in order, and what each got. */
  readonly tried: readonly { readonly name: string; readonly rcode: string }[];
  /** NOERROR, NXDOMAIN, NODATA (NOERROR without answers) or UPSTREAM (forwarded, no simulated answer). */
  readonly rcode: string;
  readonly answers: readonly WireRecord[];
  /** True when the final question would leave the cluster (forwarded upstream). */
  readonly upstream: boolean;
  /** The nslookup-style transcript, rendered by the server. */
  readonly transcript: string;
}

/** `kubeLookup/simulateConnection`: a connection from a Pod to HOST:PORT through DNS, the Service and every NetworkPolicy. */
export const SIMULATE_CONNECTION_REQUEST = 'kubeLookup/simulateConnection';

export interface SimulateConnectionParams {
  /** A document of the workspace whose cluster answers: picks the workspace folder. */
  readonly uri: string;
  /** `HOST:PORT`, `HOST:PORTNAME` or a URL such as `http://web.shop:8080/x`. */
  readonly target: string;
  /** TCP (default), UDP or SCTP. */
  readonly protocol?: string;
  readonly from: { readonly namespace: string; readonly pod: string };
}

export interface SimulateConnectionResult {
  /** connected, dns-failed, dns-blocked, no-such-port, no-endpoints, egress-denied, ingress-denied or external. */
  readonly verdict: string;
  /** What `kube-lookup connect --format json` prints. */
  readonly report: unknown;
  /** The step-by-step transcript, rendered by the server. */
  readonly transcript: string;
}

/** `kubeLookup/records`: the DNS records the object at a position publishes. */
export const RECORDS_REQUEST = 'kubeLookup/records';

export interface RecordsParams {
  readonly uri: string;
  readonly position: WirePosition;
}

export interface RecordsResult {
  /** `Service default/web`; empty when nothing is under the position. */
  readonly object: string;
  readonly records: readonly WireRecord[];
  /** Records as zone-file lines, with a header and notes on simulated addresses. */
  readonly text: string;
}

/** `kubeLookup/serviceEnvironment`: the `*_SERVICE_HOST`/`*_PORT` variables kubelet gives a Pod. */
export const SERVICE_ENVIRONMENT_REQUEST = 'kubeLookup/serviceEnvironment';

export interface ServiceEnvironmentParams {
  readonly uri: string;
  readonly position: WirePosition;
}

export interface ServiceEnvironmentResult {
  /** `Pod default/web-…`; empty when no Pod or workload is under the position. */
  readonly pod: string;
  readonly variables: readonly { readonly name: string; readonly value: string }[];
  /** `NAME=value` lines with a header. */
  readonly text: string;
}

/** `kubeLookup/pods`: the Pods and Services the nslookup command offers to pick from. */
export const PODS_REQUEST = 'kubeLookup/pods';

export interface PodsParams {
  readonly uri: string;
  readonly position?: WirePosition;
}

export interface PodsResult {
  readonly namespaces: readonly {
    readonly namespace: string;
    readonly pods: readonly { readonly name: string; readonly owner: string }[];
    readonly services: readonly string[];
  }[];
  /** The Pod made by the object under the position, if any. */
  readonly podAtPosition?: { readonly namespace: string; readonly name: string };
}

/** `kubeLookup/status` (server → client notification): the size of the model and indexing state. */
export const STATUS_NOTIFICATION = 'kubeLookup/status';

export interface StatusParams {
  readonly services: number;
  readonly files: number;
  readonly indexing: boolean;
  /** Apply units (clusters) across the workspace folders. */
  readonly clusters: number;
  /** Changes whenever some folder's clusters or their files change: the client asks `kubeLookup/clusters` again. */
  readonly clusterLayout: number;
}

/** `kubeLookup/clusters`: the apply units (clusters) of the folder holding a document, and the document's own. */
export const CLUSTERS_REQUEST = 'kubeLookup/clusters';

export interface ClustersParams {
  /** A document (or folder) of the workspace: picks the workspace folder. */
  readonly uri: string;
  /** False to leave out each cluster's file lists (the status item only counts them). */
  readonly files?: boolean;
}

export type ClusterKind = 'kustomize' | 'helm' | 'plain' | 'configured';

export interface WireCluster {
  /** As `kube-lookup clusters` and `--cluster` name it: the root folder relative to the workspace folder, `plain`, or a configured name. */
  readonly name: string;
  readonly kind: ClusterKind;
  /** The kustomization file or chart folder, as a URI. */
  readonly root: string | null;
  /** Files whose objects the cluster applies (URIs); empty when `files: false` was asked. */
  readonly files: readonly string[];
  /** Files it reads but does not apply: kustomizations, patches, generator inputs (URIs); empty when `files: false`. */
  readonly support: readonly string[];
  readonly fileCount: number;
  readonly services: number;
}

export interface ClustersResult {
  /** The workspace folder, or null for a file outside every folder (or an unknown one). */
  readonly folder: string | null;
  /** In discovery order. */
  readonly clusters: readonly WireCluster[];
  /** The names of the clusters the document belongs to, in discovery order. */
  readonly fileClusters: readonly string[];
  /** The document's active cluster: the one hovers, CodeLens and lookups use; null when there is none. */
  readonly active: string | null;
}

/** `kubeLookup/setActiveCluster`: makes a cluster the document's active one; answers as `kubeLookup/clusters` does. */
export const SET_ACTIVE_CLUSTER_REQUEST = 'kubeLookup/setActiveCluster';

export interface SetActiveClusterParams {
  readonly uri: string;
  readonly cluster: string;
}

/** Client commands. `showEndpoints` is what a Service's CodeLens runs. */
export const COMMANDS = {
  simulateNslookup: 'kubeLookup.simulateNslookup',
  simulateConnection: 'kubeLookup.simulateConnection',
  showRecords: 'kubeLookup.showRecords',
  showServiceEnvironment: 'kubeLookup.showServiceEnvironment',
  showEndpoints: 'kubeLookup.showEndpoints',
  showLog: 'kubeLookup.showLog',
  pickCluster: 'kubeLookup.pickCluster',
  showServiceMap: 'kubeLookup.showServiceMap',
  start: 'kubeLookup.start',
} as const;

/** Arguments of the `kubeLookup.showEndpoints` command: where to show the list, and its entries. */
export type ShowEndpointsArguments = [uri: string, position: WirePosition, locations: WireLocation[]];

/** The service map of the cluster of `uri`, narrowed to `namespace`, with the node `nodeId` focused (a Service's CodeLens). */
export type ShowServiceMapArguments = [uri: string, nodeId: string, namespace: string];

/** The comment that silences one rule on the next line. */
export const DISABLE_NEXT_LINE = 'kube-lookup-disable-next-line';

/** `kubeLookup/serviceMap`: the wiring of the document's active cluster, as `kube-lookup map` draws it. */
export const SERVICE_MAP_REQUEST = 'kubeLookup/serviceMap';

export interface ServiceMapParams {
  /** A document of the workspace: its active cluster is mapped. */
  readonly uri: string;
  /** One namespace and what crosses into it; every namespace when absent or null. */
  readonly namespace?: string | null;
}

export interface WireMapFinding {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
}

/** The graph of core/map (see serviceMap.ts) with its sources as LSP locations, kept apart from the nodes the webview draws. */
export interface ServiceMapResult {
  /** The cluster mapped; null when the document belongs to no cluster. */
  readonly cluster: string | null;
  readonly namespace: string | null;
  readonly namespaces: readonly string[];
  readonly nodes: readonly {
    readonly id: string;
    readonly kind: string;
    readonly objectKind: string;
    readonly namespace: string;
    readonly name: string;
    readonly details: readonly string[];
    readonly findings: readonly WireMapFinding[];
  }[];
  readonly edges: readonly {
    readonly id: string;
    readonly kind: string;
    readonly from: string;
    readonly to: string;
    readonly label: string;
    readonly findings: readonly WireMapFinding[];
  }[];
  /** Findings of objects drawn as no node, with where they are. */
  readonly findings: readonly (WireMapFinding & { readonly location: WireLocation })[];
  /** Where each node's object is written, by node id. */
  readonly locations: Readonly<Record<string, WireLocation>>;
}
