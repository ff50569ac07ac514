import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { profileFromCorefile } from '../../../server/src/core/corefile/dnsProfile';
import { kubeadmCorefile } from '../../../server/src/core/corefile/kubeadmCorefile';
import { dnsProfileOf, dnsSettingsOf } from '../../../server/src/core/corefile/profileOf';
import { answerQuestion, clusterRecords, renderNslookup, resolveFrom, type QueryType } from '../../../server/src/core/dns/index';
import type { ClusterModel } from '../../../server/src/core/model/clusterModel';
import { defaultSettings, type AnalysisSettings } from '../../../server/src/core/settings';
import { lines, modelOf } from '../../helpers/modelFrom';

const MANIFESTS = lines(
  'apiVersion: v1', 'kind: Service', 'metadata: {name: web, namespace: default}',
  'spec: {clusterIP: 10.96.0.50, selector: {app: web}, ports: [{name: http, port: 80}]}',
  '---',
  'apiVersion: v1', 'kind: Pod', 'metadata: {name: web-0, namespace: default, labels: {app: web}}',
  'spec: {containers: [{name: c, image: nginx}]}', 'status: {podIP: 10.244.0.9}',
  '---',
  'apiVersion: v1', 'kind: Namespace', 'metadata: {name: shop}',
);

/** The seeds-like cluster above, answered as `corefile` says (undefined: the settings' kubeadm Corefile). */
function cluster(corefile?: string, settings: Partial<AnalysisSettings> = {}): ClusterModel {
  const model = modelOf({ 'app.yaml': MANIFESTS }, settings);
  if (corefile !== undefined) model.setCorefile({ source: 'Corefile', text: corefile });
  return model;
}

function ask(model: ClusterModel, name: string, type: QueryType = 'A'): string[] {
  const answer = answerQuestion(model, name, type);
  return [answer.rcode, ...answer.answers.map((entry) => `${entry.name} ${entry.ttl} ${entry.type} ${entry.data}`)];
}

function why(model: ClusterModel, name: string, type: QueryType = 'A'): string {
  return answerQuestion(model, name, type).why.join('\n');
}

const KUBEADM_BODY = ['    errors', '    kubernetes cluster.local in-addr.arpa ip6.arpa {', '       pods insecure', '       fallthrough in-addr.arpa ip6.arpa', '       ttl 30', '    }', '    forward . /etc/resolv.conf', '    cache 30'];

describe('Corefile answers: reverse zones, authoritative or falling through (issue 15, done when)', () => {
  it('kubeadm\'s Corefile (the settings) sends an unknown PTR upstream: fallthrough in-addr.arpa ip6.arpa', () => {
    const model = cluster();
    assert.deepEqual(ask(model, '4.3.2.1.in-addr.arpa.', 'PTR'), ['UPSTREAM']);
    assert.equal(answerQuestion(model, '4.3.2.1.in-addr.arpa.', 'PTR').upstream, true);
    const known = cluster(undefined, { upstreamHosts: { 'one.example.com': ['1.2.3.4'] } });
    assert.deepEqual(ask(known, '4.3.2.1.in-addr.arpa.', 'PTR'), ['NOERROR', '4.3.2.1.in-addr.arpa. 300 PTR one.example.com.']);
  });

  it('the same Corefile written out answers the same, and cites its fallthrough line', () => {
    const model = cluster(['.:53 {', ...KUBEADM_BODY, '}'].join('\n'));
    assert.deepEqual(ask(model, '4.3.2.1.in-addr.arpa.', 'PTR'), ['UPSTREAM']);
    assert.match(why(model, '4.3.2.1.in-addr.arpa.', 'PTR'), /`fallthrough in-addr\.arpa ip6\.arpa` \(Corefile:5\) passes the NXDOMAIN for 4\.3\.2\.1\.in-addr\.arpa on to the next plugin/);
    assert.match(why(model, '4.3.2.1.in-addr.arpa.', 'PTR'), /forward \. \/etc\/resolv\.conf \(Corefile:8\) sends 4\.3\.2\.1\.in-addr\.arpa to the node's resolvers/);
  });

  it('authoritative reverse zones (no fallthrough) answer NXDOMAIN for an unknown PTR, citing the kubernetes line', () => {
    const model = cluster(['.:53 {', '    kubernetes cluster.local in-addr.arpa ip6.arpa {', '       pods insecure', '    }', '    forward . /etc/resolv.conf', '}'].join('\n'));
    assert.deepEqual(ask(model, '4.3.2.1.in-addr.arpa.', 'PTR'), ['NXDOMAIN']);
    assert.equal(answerQuestion(model, '4.3.2.1.in-addr.arpa.', 'PTR').upstream, false);
    assert.match(why(model, '4.3.2.1.in-addr.arpa.', 'PTR'), /no Service has 1\.2\.3\.4 as cluster IP or ready endpoint: NXDOMAIN from the kubernetes plugin \(Corefile:2\)/);
    // an IPv6 reverse name too, and known addresses still answer
    assert.deepEqual(ask(model, `${'1.'.repeat(32)}ip6.arpa.`, 'PTR'), ['NXDOMAIN']);
    assert.deepEqual(ask(model, '50.0.96.10.in-addr.arpa.', 'PTR'), ['NOERROR', '50.0.96.10.in-addr.arpa. 5 PTR web.default.svc.cluster.local.']);
  });

  it('fallthrough without zones covers every zone of the plugin', () => {
    const model = cluster(['.:53 {', '    kubernetes cluster.local in-addr.arpa ip6.arpa {', '       fallthrough', '    }', '    forward . /etc/resolv.conf', '}'].join('\n'));
    assert.deepEqual(ask(model, 'nothere.default.svc.cluster.local.'), ['NXDOMAIN']);
    assert.match(why(model, 'nothere.default.svc.cluster.local.'), /`fallthrough` \(Corefile:3\) passes the NXDOMAIN/);
    assert.deepEqual(ask(model, '4.3.2.1.in-addr.arpa.', 'PTR'), ['UPSTREAM']);
  });
});

describe('Corefile answers: kubernetes options', () => {
  it('ttl, pods and namespaces of the Corefile, not of the settings', () => {
    const model = cluster(['.:53 {', '    kubernetes cluster.local {', '       pods verified', '       namespaces default', '       ttl 7', '    }', '}'].join('\n'), { pods: 'insecure', dnsTtl: 30 });
    assert.deepEqual(ask(model, 'web.default.svc.cluster.local.'), ['NOERROR', 'web.default.svc.cluster.local. 7 A 10.96.0.50']);
    assert.deepEqual(ask(model, '10-244-0-9.default.pod.cluster.local.'), ['NOERROR', '10-244-0-9.default.pod.cluster.local. 7 A 10.244.0.9']);
    assert.deepEqual(ask(model, '10-244-0-99.default.pod.cluster.local.'), ['NXDOMAIN']);
    assert.match(why(model, '10-244-0-99.default.pod.cluster.local.'), /pods verified` \(Corefile:3\)/);
    assert.deepEqual(ask(model, 'x.shop.svc.cluster.local.'), ['NXDOMAIN']);
    assert.match(why(model, 'x.shop.svc.cluster.local.'), /namespace shop is not among the namespaces the kubernetes plugin exposes \(namespaces default \(Corefile:4\)\)/);
  });

  it('the kubernetes plugin\'s pods mode defaults to disabled, as CoreDNS\'s does', () => {
    const model = cluster(['.:53 {', '    kubernetes cluster.local', '}'].join('\n'));
    assert.deepEqual(ask(model, '10-244-0-9.default.pod.cluster.local.'), ['NXDOMAIN']);
  });

  it('a name no plugin answers is SERVFAIL; a name no server block serves is REFUSED', () => {
    const model = cluster(['cluster.local:53 {', '    kubernetes cluster.local {', '       fallthrough', '    }', '}'].join('\n'));
    assert.deepEqual(ask(model, 'nothere.default.svc.cluster.local.'), ['SERVFAIL']);
    assert.deepEqual(ask(model, 'example.com.'), ['REFUSED']);
    assert.match(why(model, 'example.com.'), /no server block of Corefile serves example\.com \(zones: cluster\.local\): CoreDNS answers REFUSED/);
  });
});

describe('Corefile answers: rewrite (CoreDNS plugin documentation examples)', () => {
  const body = (rule: string): string => ['.:53 {', `    ${rule}`, ...KUBEADM_BODY, '}'].join('\n');

  it('an exact rewrite answers with the Service and writes the answer name back', () => {
    const model = cluster(body('rewrite name exact db.example.com web.default.svc.cluster.local'));
    assert.deepEqual(ask(model, 'db.example.com.'), ['NOERROR', 'db.example.com. 30 A 10.96.0.50']);
    assert.match(why(model, 'db.example.com.'), /rewrite name exact db\.example\.com web\.default\.svc\.cluster\.local \(Corefile:2\) turns db\.example\.com into web\.default\.svc\.cluster\.local/);
  });

  it('is honoured in the nslookup transcript, as a Pod walks its search list', () => {
    const model = cluster(body('rewrite name exact db.example.com web.default.svc.cluster.local'));
    const resolution = resolveFrom(model, { namespace: 'default' }, 'db.example.com', 'A');
    const transcript = renderNslookup(resolution, model.settings);
    assert.match(transcript, /^Name:\tdb\.example\.com\nAddress: 10\.96\.0\.50$/m);
    assert.doesNotMatch(transcript, /Non-authoritative/);
    assert.match(transcript, /Corefile, glibc resolver/);
    assert.match(transcript, /;; 4\. db\.example\.com\.  NOERROR\n;;      rewrite name exact db\.example\.com web\.default\.svc\.cluster\.local \(Corefile:2\) turns/);
  });

  it('suffix (the docs\' .schmoogle.com. → .google.com.): without `answer auto` the answer keeps the rewritten name, and the trace says resolvers may ignore it', () => {
    const model = cluster(body('rewrite name suffix .schmoogle.com. .google.com.'), { upstreamHosts: { 'www.google.com': ['142.250.0.1'] } });
    assert.deepEqual(ask(model, 'www.schmoogle.com.'), ['NOERROR', 'www.google.com. 300 A 142.250.0.1']);
    assert.match(why(model, 'www.schmoogle.com.'), /keeps the name www\.google\.com, not the www\.schmoogle\.com asked/);
    const auto = cluster(body('rewrite name suffix .schmoogle.com. .google.com. answer auto'), { upstreamHosts: { 'www.google.com': ['142.250.0.1'] } });
    assert.deepEqual(ask(auto, 'www.schmoogle.com.'), ['NOERROR', 'www.schmoogle.com. 300 A 142.250.0.1']);
  });

  it('substring (the docs\' us-west-1 example); regex rules are listed as not modelled and leave the name alone', () => {
    const substring = cluster(body('rewrite name substring service.us-west-1.example.org service.us-west-1.consul'));
    assert.match(why(substring, 'ftp.service.us-west-1.example.org.'), /turns ftp\.service\.us-west-1\.example\.org into ftp\.service\.us-west-1\.consul/);
    // a pattern from the workspace never becomes a RegExp here (ReDoS): the rule is reported, not run
    const regex = cluster(body('rewrite name regex (.*)-(us-west-1)\\.example\\.org {1}.service.{2}.consul'));
    assert.deepEqual(dnsProfileOf(regex).unmodelled.map((entry) => `${entry.line} ${entry.message}`), ['2 rewrite name regex (.*)-(us-west-1)\\.example\\.org is not modelled (kube-lookup builds no regular expression from workspace text)']);
    assert.doesNotMatch(why(regex, 'ftp-us-west-1.example.org.'), /rewrite/);
    const block = cluster(['.:53 {', '    rewrite stop {', '        name regex (.*)-(us-west-1)\\.example\\.org {1}.service.{2}.consul', '        answer name (.*)\\.service\\.(us-west-1)\\.consul {1}-{2}.example.org', '    }', ...KUBEADM_BODY, '}'].join('\n'));
    assert.equal(dnsProfileOf(block).unmodelled.length, 1);
  });

  it('stop ends the rewriting at the first rule that matches; continue goes on', () => {
    const stop = cluster(body('rewrite name prefix a. b.\n    rewrite name prefix b. web.'));
    assert.match(why(stop, 'a.default.svc.cluster.local.'), /turns a\.default\.svc\.cluster\.local into b\.default\.svc\.cluster\.local/);
    assert.doesNotMatch(why(stop, 'a.default.svc.cluster.local.'), /into web\./);
    const go = cluster(body('rewrite continue name prefix a. b.\n    rewrite name prefix b. web.'));
    assert.deepEqual(ask(go, 'a.default.svc.cluster.local.'), ['NOERROR', 'web.default.svc.cluster.local. 30 A 10.96.0.50']);
  });
});

describe('Corefile answers: stub domains and hosts', () => {
  it('a stub domain\'s server block forwards to its server; the transcript names it and does not simulate its answer', () => {
    const model = cluster(['.:53 {', ...KUBEADM_BODY, '}', 'corp.example:53 {', '    errors', '    cache 30', '    forward . 10.0.0.53', '}'].join('\n'));
    assert.deepEqual(ask(model, 'db.corp.example.'), ['UPSTREAM']);
    assert.match(why(model, 'db.corp.example.'), /server block corp\.example \(Corefile:11\) takes the question\nforward \. 10\.0\.0\.53 \(Corefile:14\) sends db\.corp\.example to 10\.0\.0\.53\nthe answer of 10\.0\.0\.53 is not simulated/);
    // `.local`-style names a public resolver would refuse are the stub server's business: not taken as NXDOMAIN
    const transcript = renderNslookup(resolveFrom(model, { namespace: 'default' }, 'db.corp.example', 'A'), model.settings);
    assert.match(transcript, /db\.corp\.example\. went to the upstream resolver/);
    assert.match(transcript, /sends db\.corp\.example to 10\.0\.0\.53/);
    assert.deepEqual(ask(model, 'example.com.'), ['UPSTREAM']);
    assert.match(why(model, 'example.com.'), /forward \. \/etc\/resolv\.conf \(Corefile:8\)/);
  });

  it('forward except leaves those names to no one: SERVFAIL', () => {
    const model = cluster(['.:53 {', '    forward . 10.0.0.10:53 {', '        except miek.nl example.org', '    }', '}'].join('\n'));
    assert.deepEqual(ask(model, 'www.example.org.'), ['SERVFAIL']);
    assert.deepEqual(ask(model, 'www.example.net.'), ['UPSTREAM']);
  });

  it('hosts: inline entries answer A and PTR; without fallthrough other names of its zones are SERVFAIL (hosts.go)', () => {
    const model = cluster(['example.org:53 {', '    hosts {', '        10.0.0.1 example.org', '        fd00::1 v6.example.org', '    }', '}'].join('\n'));
    assert.deepEqual(ask(model, 'example.org.'), ['NOERROR', 'example.org. 3600 A 10.0.0.1']);
    assert.deepEqual(ask(model, 'example.org.', 'AAAA'), ['NODATA']);
    assert.deepEqual(ask(model, 'v6.example.org.', 'AAAA'), ['NOERROR', 'v6.example.org. 3600 AAAA fd00::1']);
    assert.deepEqual(ask(model, 'other.example.org.'), ['SERVFAIL']);
    assert.match(why(model, 'other.example.org.'), /the hosts plugin \(Corefile:2\) has no entry for other\.example\.org and no `fallthrough` for it: CoreDNS answers SERVFAIL/);
    const both = cluster(['.:53 {', '    hosts {', '        10.0.0.1 example.org', '        ttl 60', '        fallthrough', '    }', ...KUBEADM_BODY, '}'].join('\n'));
    assert.deepEqual(ask(both, '1.0.0.10.in-addr.arpa.', 'PTR'), ['NOERROR', '1.0.0.10.in-addr.arpa. 60 PTR example.org.']);
    assert.deepEqual(ask(both, 'web.default.svc.cluster.local.'), ['NOERROR', 'web.default.svc.cluster.local. 30 A 10.96.0.50']);
  });
});

describe('where the profile comes from', () => {
  it('the DNS settings are shorthands for kubeadm\'s Corefile: the same profile object', () => {
    const settings = { ...defaultSettings, clusterDomain: 'corp.local', pods: 'verified' as const, endpointPodNames: true, ignoreEmptyService: true, dnsTtl: 12 };
    const kubernetes = profileFromCorefile(kubeadmCorefile(settings), 'x', 'settings').servers[0].kubernetes!;
    assert.deepEqual({ zones: kubernetes.zones, pods: kubernetes.pods, endpointPodNames: kubernetes.endpointPodNames, ignoreEmptyService: kubernetes.ignoreEmptyService, ttl: kubernetes.ttl, fallthrough: kubernetes.fallthrough },
      { zones: ['corp.local', 'in-addr.arpa', 'ip6.arpa'], pods: 'verified', endpointPodNames: true, ignoreEmptyService: true, ttl: 12, fallthrough: ['in-addr.arpa', 'ip6.arpa'] });
    assert.deepEqual(profileFromCorefile(kubeadmCorefile(settings), 'x', 'settings').unmodelled, []);
  });

  it('the kube-system/coredns ConfigMap of the manifests, cited by manifest line', () => {
    const configMap = lines('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: coredns, namespace: kube-system}', 'data:', '  Corefile: |', '    .:53 {', '        kubernetes cluster.local in-addr.arpa ip6.arpa', '        forward . /etc/resolv.conf', '    }');
    const model = modelOf({ 'app.yaml': MANIFESTS, 'dns/coredns.yaml': configMap });
    assert.equal(dnsProfileOf(model).origin, 'configmap');
    assert.deepEqual(ask(model, '4.3.2.1.in-addr.arpa.', 'PTR'), ['NXDOMAIN']);
    assert.match(why(model, '4.3.2.1.in-addr.arpa.', 'PTR'), /kubernetes plugin \(dns\/coredns\.yaml:7\)/);
    const transcript = renderNslookup(resolveFrom(model, { namespace: 'default' }, 'web', 'A'), model.settings);
    assert.match(transcript, /Corefile dns\/coredns\.yaml \(ConfigMap kube-system\/coredns\), glibc resolver/);
    // a Corefile the settings give wins over the ConfigMap
    model.setCorefile({ source: 'given/Corefile', text: ['.:53 {', ...KUBEADM_BODY, '}'].join('\n') });
    assert.equal(dnsProfileOf(model).origin, 'file');
    assert.deepEqual(ask(model, '4.3.2.1.in-addr.arpa.', 'PTR'), ['UPSTREAM']);
  });

  it('records, hovers and the zone export publish with the Corefile\'s kubernetes options', () => {
    const model = cluster(['.:53 {', '    kubernetes cluster.local in-addr.arpa ip6.arpa {', '       ttl 7', '    }', '}'].join('\n'), { dnsTtl: 30 });
    assert.deepEqual(clusterRecords(model).filter((entry) => entry.name === 'web.default.svc.cluster.local.').map((entry) => `${entry.type} ${entry.ttl}`), ['A 7']);
    assert.equal(dnsSettingsOf(model).pods, 'disabled');
    assert.equal(dnsSettingsOf(cluster()).dnsTtl, 30);
  });

  it('a Corefile that does not parse is not used: the settings answer, and the transcript says why', () => {
    const model = cluster('.:53 {\n    kubernetes cluster.local {\n');
    assert.equal(dnsProfileOf(model).origin, 'settings');
    const transcript = renderNslookup(resolveFrom(model, { namespace: 'default' }, 'web', 'A'), model.settings);
    assert.match(transcript, /;; note: the Corefile of Corefile does not parse \(line 1: this block is never closed: a "\}" is missing\), so the answers are those of kubeadm's Corefile \(from the settings\)/);
    assert.match(transcript, /Address: 10\.96\.0\.50/);
  });
});
