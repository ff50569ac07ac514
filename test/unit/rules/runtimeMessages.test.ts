import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lintFiles } from '../../../server/src/core/rules/runRules';
import { modelOf } from '../../helpers/modelFrom';
import { fixturesRoot } from '../../helpers/paths';

/** Which message each invalid fixture gets: the fixtures pin the spans, this pins the reason given. */
const EXPECTED: Record<string, string[]> = {
  'cluster-ip-outside-service-cidr/invalid/outside.yaml': ['outside'],
  'duplicate-cluster-ip/invalid/two-services.yaml': ['duplicate', 'duplicate'],
  'duplicate-node-port/invalid/two-services.yaml': ['duplicate', 'duplicate'],
  'duplicate-object/invalid/same-file.yaml': ['duplicate', 'duplicate'],
  'endpoint-port-name-mismatch/invalid/endpoints-typo.yaml': ['didYouMean'],
  'endpoint-port-name-mismatch/invalid/slice-unnamed.yaml': ['unnamed'],
  'endpoints-deprecated/invalid/endpoints.yaml': ['deprecated'],
  'endpoints-for-selector-service/invalid/selector-service.yaml': ['overwritten'],
  'endpointslice-without-service/invalid/label-typo.yaml': ['didYouMean'],
  'endpointslice-without-service/invalid/no-label.yaml': ['noLabel'],
  'external-name-ignored-fields/invalid/selector-and-ports.yaml': ['ports', 'selector'],
  'external-host-search-walk/invalid/hosts.yaml': ['walks', 'walks', 'walks'],
  'external-name-ip-address/invalid/ipv4.yaml': ['ipAddress'],
  'host-network-cluster-first/invalid/daemonset.yaml': ['fallsBack'],
  'hostname-fqdn-too-long/invalid/statefulset.yaml': ['tooLong'],
  'hostname-without-subdomain/invalid/pod.yaml': ['noSubdomain'],
  'network-policy-blocks-callers/invalid/shop.yaml': ['egress', 'ingress', 'ingress'],
  'service-link-env-collision/invalid/links.yaml': ['reads', 'sets'],
  'service-target-port-not-found/invalid/typo-and-protocol.yaml': ['didYouMean', 'wrongProtocol'],
  'service-target-port-undeclared/invalid/typo.yaml': ['undeclared', 'undeclared'],
  'statefulset-peers-not-ready/invalid/etcd.yaml': ['perPodName', 'serviceName'],
  'statefulset-service-name/invalid/no-service-and-not-selected.yaml': ['noService', 'notSelected'],
  'statefulset-service-name/invalid/not-headless.yaml': ['notHeadless'],
  'subdomain-without-headless-service/invalid/not-selected.yaml': ['notSelected'],
  'subdomain-without-headless-service/invalid/selected-by-other.yaml': ['didYouMean', 'selectedByOther', 'selectedByOther'],
  'subdomain-without-hostname/invalid/pod.yaml': ['noHostname'],
  'traffic-policy-local-not-every-node/invalid/services.yaml': ['external', 'internal'],
};

function lint(relative: string) {
  const file = path.join(fixturesRoot, 'rules', relative);
  const ruleId = relative.split('/')[0];
  return lintFiles(modelOf({ [file]: fs.readFileSync(file, 'utf8') })).findings.filter((finding) => finding.ruleId === ruleId);
}

describe('runtime rule messages', () => {
  for (const [relative, messageIds] of Object.entries(EXPECTED)) {
    it(`${relative}: ${messageIds.join(', ')}`, () => {
      assert.deepEqual(lint(relative).map((finding) => finding.messageId).sort(), messageIds);
    });
  }

  it('looks a ConfigMap\'s hosts up from the Pod that reads it, and says which', () => {
    assert.deepEqual(lint('configured-host-not-found/invalid/configmap-read-by-pod.yaml').map((finding) => finding.message), [
      'data.DATABASE_ADDR: "postgres" is NXDOMAIN on every search domain of the Pods of Deployment "orders" (namespace "shop"), which reads this ConfigMap: Service "postgres" is in namespace "data", not "shop"; write "postgres.data".',
    ]);
  });

  it('words the findings with the names and DNS names involved', () => {
    const messages = (relative: string) => lint(relative).map((finding) => finding.message).sort();
    assert.deepEqual(messages('hostname-fqdn-too-long/invalid/statefulset.yaml'), [
      'setHostnameAsFQDN makes the hostname "analytics-warehouse-coordinator-0.warehouse.data-platform-production.svc.cluster.local" (86 characters), over the 64-character limit, so the Pod stays Pending (kubelet: "Failed to construct FQDN … is too long").',
    ]);
    assert.deepEqual(messages('service-target-port-not-found/invalid/typo-and-protocol.yaml'), [
      'targetPort "dns" names a TCP container port in Deployment "web", but this Service port is UDP; the name and the protocol must both match, so those Pods get no traffic on port 53.',
      'targetPort "htpp" matches no TCP container port named "htpp" in Deployment "web"; did you mean "http"? Until then those Pods get no traffic on port 80.',
    ]);
    assert.deepEqual(messages('statefulset-service-name/invalid/no-service-and-not-selected.yaml'), [
      'serviceName "cache" names a headless Service whose selector app=redis does not select this set\'s Pods, so cache-0.cache.default.svc.cluster.local has no record.',
      'serviceName "queue-headless" names no Service in namespace "default", so queue-0.queue-headless.default.svc.cluster.local does not resolve.',
    ]);
    assert.deepEqual(messages('external-name-ip-address/invalid/ipv4.yaml'), [
      'externalName "192.0.2.10" is an IP address; CoreDNS answers NXDOMAIN for legacy-db.default.svc.cluster.local, because an ExternalName is published only as a CNAME to a host name.',
    ]);
  });

  it('points related information at the other definition', () => {
    const [first, second] = lint('duplicate-node-port/invalid/two-services.yaml');
    assert.equal(first.related.length, 1);
    assert.equal(first.related[0].span.start, second.span.start);
    assert.equal(second.related[0].span.start, first.span.start);
    assert.equal(first.message, 'nodePort 30080/TCP is also declared by Service "admin"; only one of them can be created ("provided port is already allocated").');
  });

  it('takes the nearest of look-alike applications', () => {
    const service = 'apiVersion: v1\nkind: Service\nmetadata: {name: redis}\nspec:\n  selector: {app: redis}\n  ports: [{port: 6379, targetPort: redis}]\n';
    const named = 'apiVersion: v1\nkind: Pod\nmetadata: {name: redis-a, labels: {app: redis}}\nspec:\n  containers: [{name: r, image: redis, ports: [{name: redis, containerPort: 6379}]}]\n';
    const unnamed = 'apiVersion: v1\nkind: Pod\nmetadata: {name: redis-b, labels: {app: redis}}\nspec:\n  containers: [{name: r, image: redis}]\n';
    const ids = (files: Record<string, string>) => lintFiles(modelOf(files)).findings.filter((finding) => finding.ruleId === 'service-target-port-not-found').map((finding) => finding.message);
    // another application's look-alike Pod, in a sibling folder, is not this Service's concern
    assert.deepEqual(ids({ 'apps/one/svc.yaml': service, 'apps/one/pod.yaml': named, 'apps/two/pod.yaml': unnamed }), []);
    // the same Pod next to the Service is
    assert.equal(ids({ 'apps/one/svc.yaml': service, 'apps/one/pod.yaml': named, 'apps/one/other.yaml': unnamed }).length, 1);
  });
});
