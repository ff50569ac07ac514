import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clusterDnsIp, podResolvConf, renderResolvConf } from '../../../server/src/core/dns/index';
import type { ClusterModel } from '../../../server/src/core/model/clusterModel';
import { parseSettings } from '../../../server/src/core/settings';
import { dnsCluster } from '../../helpers/dnsCluster';
import { lines, modelOf } from '../../helpers/modelFrom';

function resolvConfOf(model: ClusterModel, namespace: string, name: string): string {
  const pod = model.podsIn(namespace).find((candidate) => candidate.name === name)!;
  return renderResolvConf(podResolvConf(model.settings, { pod, namespace }));
}

describe('kubelet resolv.conf (anchors §1.3)', () => {
  const model = dnsCluster('endpointslices', { nodeResolvConf: { nameservers: ['192.168.0.1'], searches: ['lan'], options: ['timeout:2'] } });

  it('the cluster DNS Service IP is the 10th address of the service CIDR', () => {
    assert.equal(clusterDnsIp(parseSettings({}).settings), '10.96.0.10');
    assert.equal(clusterDnsIp(parseSettings({ serviceCIDR: '172.20.0.0/16' }).settings), '172.20.0.10');
  });

  it('ClusterFirst: cluster nameserver, <ns>.svc, svc, zone then the node searches, ndots:5 replacing node options', () => {
    assert.equal(resolvConfOf(model, 'default', 'request-pod'), 'search default.svc.cluster.local svc.cluster.local cluster.local lan\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('dnsConfig nameservers, searches and options are merged (a Pod option replaces the same-named one)', () => {
    assert.equal(resolvConfOf(model, 'tools', 'toolbox'), 'search tools.svc.cluster.local svc.cluster.local cluster.local lan corp.example.com\nnameserver 10.96.0.10\nnameserver 192.0.2.53\noptions ndots:2 edns0\n');
  });

  it('hostNetwork with ClusterFirst falls back to Default: the node\'s resolv.conf', () => {
    const pod = model.podsIn('tools').find((candidate) => candidate.name === 'hostnet')!;
    const conf = podResolvConf(model.settings, { pod, namespace: 'tools' });
    assert.equal(renderResolvConf(conf), 'search lan\nnameserver 192.168.0.1\noptions timeout:2\n');
    assert.equal(conf.effectivePolicy, 'host');
    assert.match(conf.notes[0], /falls back to Default/);
  });

  it('ClusterFirstWithHostNet keeps the cluster DNS for hostNetwork Pods', () => {
    assert.equal(resolvConfOf(model, 'tools', 'hostnet-cluster'), 'search tools.svc.cluster.local svc.cluster.local cluster.local lan\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('None: only dnsConfig, nameservers cut to 3 with kubelet\'s message', () => {
    const pod = model.podsIn('tools').find((candidate) => candidate.name === 'custom')!;
    const conf = podResolvConf(model.settings, { pod, namespace: 'tools' });
    assert.equal(renderResolvConf(conf), 'search a.example\nnameserver 192.0.2.1\nnameserver 192.0.2.2\nnameserver 192.0.2.3\noptions ndots:1\n');
    assert.deepEqual(conf.notes, ['Nameserver limits were exceeded, some nameservers have been omitted, the applied nameserver line is: 192.0.2.1 192.0.2.2 192.0.2.3']);
  });

  it('search limits: at most 32 domains and 2048 characters', () => {
    const many = Array.from({ length: 40 }, (_, index) => `d${index}.example`);
    const pod = (searches: string[]) => lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', `spec: {dnsConfig: {searches: [${searches.join(', ')}]}, containers: [{name: c, image: i}]}`);
    const counted = modelOf({ 'p.yaml': pod(many) });
    const conf = podResolvConf(counted.settings, { pod: counted.pods()[0], namespace: 'default' });
    assert.equal(conf.searches.length, 32);
    assert.equal(conf.searches[31], 'd28.example');
    assert.match(conf.notes[0], /^Search Line limits were exceeded/);
    const long = Array.from({ length: 12 }, (_, index) => `${'x'.repeat(200)}${index}.example`);
    const sized = modelOf({ 'p.yaml': pod(long) });
    const fitted = podResolvConf(sized.settings, { pod: sized.pods()[0], namespace: 'default' });
    assert.ok(fitted.searches.join(' ').length <= 2048);
    // 57 characters of cluster domains, then 210 per entry (with its space): nine fit in 2048
    assert.equal(fitted.searches.length, 3 + 9);
  });
});
