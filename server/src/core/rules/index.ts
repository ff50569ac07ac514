import type { Rule } from './types';
import clusterIpOutsideServiceCidr from './cluster-ip-outside-service-cidr';
import configmapNotFound from './configmap-not-found';
import configuredHostNotFound from './configured-host-not-found';
import configuredHostPortNotFound from './configured-host-port-not-found';
import corefileNotModelled from './corefile-not-modelled';
import duplicateClusterIp from './duplicate-cluster-ip';
import duplicateNodePort from './duplicate-node-port';
import duplicateObject from './duplicate-object';
import endpointPortNameMismatch from './endpoint-port-name-mismatch';
import endpointsDeprecated from './endpoints-deprecated';
import endpointsForSelectorService from './endpoints-for-selector-service';
import endpointsWithoutService from './endpoints-without-service';
import endpointsliceWithoutService from './endpointslice-without-service';
import externalHostSearchWalk from './external-host-search-walk';
import externalNameIgnoredFields from './external-name-ignored-fields';
import externalNameIpAddress from './external-name-ip-address';
import fileSkipped from './file-skipped';
import helmNotRendered from './helm-not-rendered';
import hostNetworkClusterFirst from './host-network-cluster-first';
import hostnameFqdnTooLong from './hostname-fqdn-too-long';
import hostnameWithoutSubdomain from './hostname-without-subdomain';
import ingressBackendPortNotFound from './ingress-backend-port-not-found';
import ingressBackendServiceNotFound from './ingress-backend-service-not-found';
import ingressClassNotFound from './ingress-class-not-found';
import kustomizeNotRendered from './kustomize-not-rendered';
import networkPolicyBlocksCallers from './network-policy-blocks-callers';
import networkPolicyBlocksDns from './network-policy-blocks-dns';
import networkPolicyPortNotFound from './network-policy-port-not-found';
import networkPolicySelectorMatchesNothing from './network-policy-selector-matches-nothing';
import objectNameInvalid from './object-name-invalid';
import pdbSelectorMatchesNothing from './pdb-selector-matches-nothing';
import podDnsConfigInvalid from './pod-dns-config-invalid';
import podHostnameInvalid from './pod-hostname-invalid';
import podmonitorPortNotFound from './podmonitor-port-not-found';
import podmonitoringSelectorMatchesNothing from './podmonitoring-selector-matches-nothing';
import routeBackendPortNotFound from './route-backend-port-not-found';
import routeBackendRefNotPermitted from './route-backend-ref-not-permitted';
import routeBackendServiceNotFound from './route-backend-service-not-found';
import routeParentRefNotAllowed from './route-parent-ref-not-allowed';
import routeParentRefNotFound from './route-parent-ref-not-found';
import scaleTargetNotFound from './scale-target-not-found';
import secretNotFound from './secret-not-found';
import serviceAccountNotFound from './service-account-not-found';
import serviceClusterIpForbidden from './service-cluster-ip-forbidden';
import serviceExternalNameInvalid from './service-external-name-invalid';
import serviceLinkEnvCollision from './service-link-env-collision';
import serviceNodePortInvalid from './service-node-port-invalid';
import servicePortInvalid from './service-port-invalid';
import servicePortNameInvalid from './service-port-name-invalid';
import serviceSelectorMatchesNothing from './service-selector-matches-nothing';
import serviceTargetPortNotFound from './service-target-port-not-found';
import serviceTargetPortUndeclared from './service-target-port-undeclared';
import serviceTypeUnsupported from './service-type-unsupported';
import servicemonitorPortNotFound from './servicemonitor-port-not-found';
import servicemonitorSelectorMatchesNothing from './servicemonitor-selector-matches-nothing';
import simulatedPodsCapped from './simulated-pods-capped';
import statefulsetPeersNotReady from './statefulset-peers-not-ready';
import statefulsetServiceName from './statefulset-service-name';
import subdomainWithoutHeadlessService from './subdomain-without-headless-service';
import subdomainWithoutHostname from './subdomain-without-hostname';
import templatedFile from './templated-file';
import trafficPolicyLocalNotEveryNode from './traffic-policy-local-not-every-node';
import webhookServiceNotFound from './webhook-service-not-found';
import webhookServicePortNotFound from './webhook-service-port-not-found';
import workloadSelectorMismatch from './workload-selector-mismatch';
import yamlSyntax from './yaml-syntax';

/** Every rule, sorted by id. The catalogue test keeps this list, the files, fixtures and docs in step. */
export const rules: readonly Rule[] = [
  clusterIpOutsideServiceCidr,
  configmapNotFound,
  configuredHostNotFound,
  configuredHostPortNotFound,
  corefileNotModelled,
  duplicateClusterIp,
  duplicateNodePort,
  duplicateObject,
  endpointPortNameMismatch,
  endpointsDeprecated,
  endpointsForSelectorService,
  endpointsWithoutService,
  endpointsliceWithoutService,
  externalHostSearchWalk,
  externalNameIgnoredFields,
  externalNameIpAddress,
  fileSkipped,
  helmNotRendered,
  hostNetworkClusterFirst,
  hostnameFqdnTooLong,
  hostnameWithoutSubdomain,
  ingressBackendPortNotFound,
  ingressBackendServiceNotFound,
  ingressClassNotFound,
  kustomizeNotRendered,
  networkPolicyBlocksCallers,
  networkPolicyBlocksDns,
  networkPolicyPortNotFound,
  networkPolicySelectorMatchesNothing,
  objectNameInvalid,
  pdbSelectorMatchesNothing,
  podDnsConfigInvalid,
  podHostnameInvalid,
  podmonitorPortNotFound,
  podmonitoringSelectorMatchesNothing,
  routeBackendPortNotFound,
  routeBackendRefNotPermitted,
  routeBackendServiceNotFound,
  routeParentRefNotAllowed,
  routeParentRefNotFound,
  scaleTargetNotFound,
  secretNotFound,
  serviceAccountNotFound,
  serviceClusterIpForbidden,
  serviceExternalNameInvalid,
  serviceLinkEnvCollision,
  serviceNodePortInvalid,
  servicePortInvalid,
  servicePortNameInvalid,
  serviceSelectorMatchesNothing,
  serviceTargetPortNotFound,
  serviceTargetPortUndeclared,
  serviceTypeUnsupported,
  servicemonitorPortNotFound,
  servicemonitorSelectorMatchesNothing,
  simulatedPodsCapped,
  statefulsetPeersNotReady,
  statefulsetServiceName,
  subdomainWithoutHeadlessService,
  subdomainWithoutHostname,
  templatedFile,
  trafficPolicyLocalNotEveryNode,
  webhookServiceNotFound,
  webhookServicePortNotFound,
  workloadSelectorMismatch,
  yamlSyntax,
];

export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((rule) => [rule.meta.id, rule]));
