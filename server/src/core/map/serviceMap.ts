import type { Severity } from '../settings';
import type { Span } from '../yaml/span';

/**
 * The wiring of one cluster as a graph: what routes traffic to Services, the workloads behind them
 * and their container ports, what scrapes them, and where the wiring is broken. Columns follow the
 * direction traffic flows, so the layout only has to order each column.
 */
export type MapNodeKind =
  /** An Ingress or a Gateway API route. */
  | 'route'
  /** A ServiceMonitor or PodMonitor. */
  | 'monitor'
  /** A HorizontalPodAutoscaler or KEDA ScaledObject, beside the workload it scales. */
  | 'autoscaler'
  /** A PodDisruptionBudget, beside the workloads whose Pods it guards. */
  | 'budget'
  | 'service'
  /** A Service some object names that the cluster does not hold. */
  | 'missing'
  /** The Pods of one owner (a workload, or a Pod written by itself). */
  | 'workload'
  /** The host an ExternalName Service answers with: outside the cluster. */
  | 'external'
  | 'containerPort';

export type MapEdgeKind =
  /** An Ingress backend or a route backendRef to its Service. */
  | 'routes'
  /** A Service's selector to the Pods of a workload. */
  | 'selects'
  /** An ExternalName Service's CNAME. */
  | 'aliases'
  | 'scrapes'
  /** A workload to its container ports. */
  | 'exposes'
  /** What a finding says an object meant to reach but does not: a selector one letter off a workload's labels. */
  | 'intended'
  /** A workload to a Service its containers are configured to connect to (`http://cart:80/` in an env value). */
  | 'calls'
  /** An autoscaler to the workload its scaleTargetRef names. */
  | 'scales'
  /** A PodDisruptionBudget to the workloads its selector matches. */
  | 'guards';

/** A finding of a wiring rule, on the node or edge it concerns. */
export interface MapFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
}

/** Where an object is written: its file and the span of its document (or List item). */
export interface MapSource {
  readonly file: string;
  readonly span: Span;
}

export interface MapNode {
  /** `<kind>:<namespace>/<name>` and the like: the same for the same manifests, run after run. */
  readonly id: string;
  readonly kind: MapNodeKind;
  /** The Kubernetes kind (`Service`, `Deployment`, `HTTPRoute`); empty for hosts and ports. */
  readonly objectKind: string;
  readonly namespace: string;
  readonly name: string;
  /** Short lines under the name: ports, type, ready Pods, per-Pod DNS names. */
  readonly details: readonly string[];
  readonly source?: MapSource;
  readonly findings: MapFinding[];
}

export interface MapEdge {
  /** `<from>-><to>`, with `#<n>` for a second edge between the same nodes. */
  readonly id: string;
  readonly kind: MapEdgeKind;
  readonly from: string;
  readonly to: string;
  /** The ports it carries: `80`, `http → 8080`. */
  readonly label: string;
  readonly findings: MapFinding[];
  /** Why NetworkPolicy stops the traffic this edge carries, when it does: the edge is drawn dashed. */
  readonly denied?: string;
}

export interface ServiceMap {
  /** The namespace asked for, or null for every namespace. */
  readonly namespace: string | null;
  /** Every namespace the cluster holds objects in, for a picker. */
  readonly namespaces: readonly string[];
  readonly nodes: readonly MapNode[];
  readonly edges: readonly MapEdge[];
  /** Wiring findings on objects the map draws no node for (an Endpoints named after no Service). */
  readonly findings: readonly (MapFinding & MapSource)[];
}

/** A node or edge drawn in the error colour: some finding at error or warning severity. */
export function isBroken(item: { readonly findings: readonly MapFinding[] }): boolean {
  return item.findings.some((finding) => finding.severity === 'error' || finding.severity === 'warning');
}

/** `Service default/web`, `host db.example.com`: how lists and screen readers name a node. */
export function describeNode(node: MapNode): string {
  if (node.kind === 'external') return `external host ${node.name}`;
  if (node.kind === 'containerPort') return `container port ${node.name}`;
  if (node.kind === 'missing') return `missing Service ${node.namespace}/${node.name}`;
  return `${node.objectKind} ${node.namespace}/${node.name}`;
}

/** How the text alternative and tooltips read an edge: `Deployment shop/web calls Service shop/cart`. */
export function verbOf(kind: MapEdgeKind): string {
  switch (kind) {
    case 'routes': return 'routes to';
    case 'selects': return 'selects';
    case 'aliases': return 'is an alias of';
    case 'scrapes': return 'scrapes';
    case 'exposes': return 'exposes';
    case 'calls': return 'is configured to call';
    case 'scales': return 'scales';
    case 'guards': return 'limits disruptions of';
    case 'intended': return 'was meant to reach';
  }
}
