import { z } from 'zod';
import type { ClusterModel } from '../model/clusterModel';
import type { ManifestObject } from '../model/manifestObject';
import { intOrString, optional, tolerantList } from '../model/schemas/tolerant';
import { labelSelectorSchema, type LabelSelector } from '../model/schemas/workload';

const peerSchema = z.looseObject({
  podSelector: optional(labelSelectorSchema),
  namespaceSelector: optional(labelSelectorSchema),
  ipBlock: optional(z.looseObject({ cidr: optional(z.string()), except: optional(z.array(z.string())) })),
});

const portSchema = z.looseObject({
  protocol: optional(z.string()),
  port: optional(intOrString),
  endPort: optional(z.number().int()),
});

const ruleSchema = z.looseObject({
  from: optional(tolerantList(peerSchema)),
  to: optional(tolerantList(peerSchema)),
  ports: optional(tolerantList(portSchema)),
});

const specSchema = z.looseObject({
  podSelector: optional(labelSelectorSchema),
  policyTypes: optional(z.array(z.string())),
  ingress: optional(tolerantList(ruleSchema)),
  egress: optional(tolerantList(ruleSchema)),
});

export type Direction = 'ingress' | 'egress';

/** One `from`/`to` entry: its selectors together (AND); the entries of a rule are alternatives (OR). */
export interface PolicyPeer {
  readonly index: number;
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: { readonly cidr: string; readonly except: readonly string[] };
}

export interface PolicyPort {
  /** As written; the API defaults it to TCP. */
  readonly protocol: string;
  /** Undefined: every port of the protocol. */
  readonly port?: number | string;
  readonly endPort?: number;
}

export interface PolicyRule {
  readonly direction: Direction;
  readonly index: number;
  /** Undefined or empty: every peer (the API: "empty or missing … matches all"). */
  readonly peers?: readonly PolicyPeer[];
  /** Undefined or empty: every port. */
  readonly ports?: readonly PolicyPort[];
}

/** A NetworkPolicy after the API server's defaulting of `policyTypes`. */
export interface NetworkPolicyView {
  readonly object: ManifestObject;
  readonly name: string;
  readonly namespace: string;
  /** Empty selects every Pod of the namespace. */
  readonly podSelector: LabelSelector;
  readonly policyTypes: readonly Direction[];
  /** True when `policyTypes` is not written and was defaulted. */
  readonly policyTypesDefaulted: boolean;
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
}

const views = new WeakMap<ManifestObject, NetworkPolicyView>();

export function networkPolicyOf(object: ManifestObject): NetworkPolicyView {
  let view = views.get(object);
  if (!view) {
    view = readPolicy(object);
    views.set(object, view);
  }
  return view;
}

/** The NetworkPolicies of a namespace (a policy applies only to Pods of its own namespace). */
export function networkPoliciesIn(model: ClusterModel, namespace: string): readonly NetworkPolicyView[] {
  // asked once per Pod and direction: grouped once per model generation
  const byNamespace = model.memo(POLICY_INDEX, 'by-namespace', () => {
    const groups = new Map<string, NetworkPolicyView[]>();
    for (const object of model.objectsOfKind('NetworkPolicy')) {
      const list = groups.get(object.namespace);
      if (list) list.push(networkPolicyOf(object));
      else groups.set(object.namespace, [networkPolicyOf(object)]);
    }
    return groups;
  });
  return byNamespace.get(namespace) ?? [];
}

const POLICY_INDEX = {};

/** `namespace/name`, as reasons and JSON name a policy. */
export function policyName(policy: NetworkPolicyView): string {
  return `${policy.namespace}/${policy.name}`;
}

function readPolicy(object: ManifestObject): NetworkPolicyView {
  const spec = specSchema.safeParse((object.body as { spec?: unknown } | undefined)?.spec ?? {}).data ?? {};
  const rules = (direction: Direction, list: typeof spec.ingress): PolicyRule[] =>
    (list ?? []).map((rule, position) => ({
      direction,
      index: position,
      peers: (direction === 'ingress' ? rule.from : rule.to)?.map((peer, index) => ({
        index,
        podSelector: peer.podSelector,
        namespaceSelector: peer.namespaceSelector,
        ipBlock: peer.ipBlock?.cidr !== undefined ? { cidr: peer.ipBlock.cidr, except: peer.ipBlock.except ?? [] } : undefined,
      })),
      ports: rule.ports?.map((port) => ({ protocol: port.protocol ?? 'TCP', port: port.port, endPort: port.endPort })),
    }));
  const written = (spec.policyTypes ?? []).filter((type): type is 'Ingress' | 'Egress' => type === 'Ingress' || type === 'Egress');
  // the API server's defaulting: Ingress always, Egress when the policy has any egress rule
  const policyTypes: Direction[] = written.length > 0
    ? written.map((type) => (type === 'Ingress' ? 'ingress' : 'egress'))
    : ['ingress', ...((spec.egress?.length ?? 0) > 0 ? ['egress' as const] : [])];
  return {
    object, name: object.name, namespace: object.namespace, podSelector: spec.podSelector ?? {},
    policyTypes, policyTypesDefaulted: written.length === 0,
    ingress: rules('ingress', spec.ingress), egress: rules('egress', spec.egress),
  };
}
