import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exportedZones, renderDig, renderNslookup, renderPodDnsMarkdown, renderServiceDnsMarkdown, renderZoneFile, resolutionToJson, resolveFrom, type QueryType } from '../../../server/src/core/dns/index';
import { dnsCluster } from '../../helpers/dnsCluster';
import { lines, modelOf } from '../../helpers/modelFrom';

const model = dnsCluster('endpoints', { upstreamHosts: { 'github.github.io': ['185.199.108.153'] } });
const requestPod = model.podsIn('default').find((pod) => pod.name === 'request-pod')!;

function transcript(name: string, type: QueryType = 'A'): string {
  return renderNslookup(resolveFrom(model, { pod: requestPod }, name, type), model.settings);
}

describe('nslookup transcript', () => {
  it('an answer: Server/Address header, Name/Address pairs, then the trace of names tried and why', () => {
    assert.equal(transcript('db-0.headless'), lines(
      'Server:\t\t10.96.0.10',
      'Address:\t10.96.0.10#53',
      '',
      'Name:\tdb-0.headless.default.svc.cluster.local',
      'Address: 10.244.2.10',
      '',
      ';; kube-lookup: A lookup from Pod default/request-pod (dnsPolicy ClusterFirst), coredns profile, glibc resolver',
      ';; resolv.conf: search default.svc.cluster.local svc.cluster.local cluster.local; nameserver 10.96.0.10; options ndots:5',
      ';; db-0.headless has 1 dot (< ndots 5): each search domain first, the name as given last (glibc order)',
      ';; 1. db-0.headless.default.svc.cluster.local.  NOERROR',
      ';;      headless Service default/headless has 3 ready endpoints (1 not ready)',
      ';;      db-0 is the hostname of endpoint 10.244.2.10',
    ));
  });

  it('NXDOMAIN: ** server can\'t find, after every name of the search list failed', () => {
    const text = transcript('lonely');
    assert.match(text, /\n\*\* server can't find lonely: NXDOMAIN\n/);
    assert.match(text, /;; 1\. lonely\.default\.svc\.cluster\.local\. {2}NXDOMAIN\n;; {6}headless Service default\/lonely has 0 ready endpoints \(1 not ready\)\n/);
    assert.match(text, /;; 4\. lonely\. {2}NXDOMAIN\n/);
  });

  it('NODATA: *** Can\'t find …: No answer', () => {
    assert.match(transcript('kubia', 'AAAA'), /\n\*\*\* Can't find kubia: No answer\n/);
  });

  it('CNAME, SRV, PTR and TXT answers in nslookup\'s wording', () => {
    // CoreDNS sets AA on an ExternalName answer, its upstream target included: no "Non-authoritative answer:"
    assert.match(transcript('github'), /\n\ngithub\.default\.svc\.cluster\.local\tcanonical name = github\.github\.io\.\nName:\tgithub\.github\.io\nAddress: 185\.199\.108\.153\n/);
    assert.match(transcript('github.github.io'), /\nNon-authoritative answer:\nName:\tgithub\.github\.io\nAddress: 185\.199\.108\.153\n/);
    assert.match(transcript('_http._tcp.kubia', 'SRV'), /\n_http\._tcp\.kubia\.default\.svc\.cluster\.local\tservice = 0 100 80 kubia\.default\.svc\.cluster\.local\.\n/);
    assert.match(transcript('50.0.96.10.in-addr.arpa.', 'PTR'), /\n50\.0\.96\.10\.in-addr\.arpa\tname = kubia\.default\.svc\.cluster\.local\.\n/);
    assert.match(transcript('dns-version.cluster.local', 'TXT'), /\ndns-version\.cluster\.local\ttext = "1\.1\.0"\n/);
  });

  it('explains a hostname that is not published: the subdomain names another Service', () => {
    const web = modelOf({ 'web.yaml': lines(
      'apiVersion: v1', 'kind: Service', 'metadata: {name: web}', 'spec: {clusterIP: None, selector: {app: web}, ports: [{port: 80}]}', '---',
      'apiVersion: v1', 'kind: Pod', 'metadata: {name: pod-b, labels: {app: web}}', 'spec: {hostname: pod-b, subdomain: web2, containers: [{name: c, image: i}]}', 'status: {podIP: 10.244.1.2}',
    ) });
    const text = renderNslookup(resolveFrom(web, { namespace: 'default' }, 'pod-b.web', 'A'), web.settings);
    assert.match(text, /;; {6}headless Service default\/web has 1 ready endpoint\n;; {6}no ready endpoint of Service default\/web is named pod-b \(names: 10-244-1-2\)\n;; {6}pod-b has no hostname record under web: its subdomain names Service web2, not web\n/);
  });

  it('marks simulated addresses in the answer and in the trace', () => {
    const simulated = modelOf({ 'kubia.yaml': lines('apiVersion: v1', 'kind: Service', 'metadata: {name: kubia}', 'spec: {ports: [{port: 80}]}') });
    const resolution = resolveFrom(simulated, { namespace: 'default' }, 'kubia', 'A');
    const ip = resolution.answers[0].data;
    const text = renderNslookup(resolution, simulated.settings);
    assert.ok(text.includes(`Address: ${ip} (simulated)\n`), text);
    assert.ok(text.includes(`;; simulated: ${ip} — allocated by kube-lookup, not declared in the manifests\n`), text);
    assert.equal((resolutionToJson(resolution) as { answers: { simulated: boolean }[] }).answers[0].simulated, true);
  });
});

describe('zone file (RFC 1035 master file)', () => {
  it('one master file per zone: $ORIGIN, $TTL, SOA and NS, names relative to the origin', () => {
    const text = renderZoneFile(exportedZones(model), model.settings);
    const head = text.split('\n').slice(2, 10);
    assert.deepEqual(head, [
      '; zone cluster.local',
      '$ORIGIN cluster.local.',
      '$TTL 30',
      '@\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 30',
      '@\t30\tIN\tNS\tns.dns.cluster.local.',
      'ns.dns\t30\tIN\tA\t10.96.0.10',
      'dns-version\t28800\tIN\tTXT\t"1.1.0"',
      'alias.default.svc\t30\tIN\tCNAME\tkubia.default.svc.cluster.local.',
    ]);
    assert.ok(text.includes('\n_pg._tcp.headless.default.svc\t30\tIN\tSRV\t0 33 5432 db-0.headless.default.svc.cluster.local.\n'));
    assert.ok(text.includes('\n; zone in-addr.arpa\n$ORIGIN in-addr.arpa.\n$TTL 30\n@\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 30\n@\t30\tIN\tNS\tns.dns.cluster.local.\n'), text);
    assert.ok(text.includes('\n50.0.96.10\t30\tIN\tPTR\tkubia.default.svc.cluster.local.\n'));
    assert.ok(text.includes('\n; zone ip6.arpa\n$ORIGIN ip6.arpa.\n'));
  });

  it('comments simulated addresses', () => {
    const simulated = modelOf({ 'kubia.yaml': lines('apiVersion: v1', 'kind: Service', 'metadata: {name: kubia}', 'spec: {ports: [{port: 80}]}') });
    assert.match(renderZoneFile(exportedZones(simulated), simulated.settings), /\nkubia\.default\.svc\t30\tIN\tA\t10\.\d+\.\d+\.\d+\t; simulated\n/);
  });
});

describe('Service DNS hover (Markdown)', () => {
  it('FQDN, short names, records and search-path capture', () => {
    const slices = dnsCluster('endpointslices');
    assert.equal(renderServiceDnsMarkdown(slices, slices.service('web', 'api')!), lines(
      '**api.web.svc.cluster.local**',
      '',
      '`api` from namespace web · `api.web` from every namespace · `api.web.svc` from every namespace · `api.web.svc.cluster.local` from every namespace',
      '',
      '```',
      'api.web.svc.cluster.local. 30 IN A 10.96.1.10',
      '_http._tcp.api.web.svc.cluster.local. 30 IN SRV 0 100 80 api.web.svc.cluster.local.',
      '10.1.96.10.in-addr.arpa. 30 IN PTR api.web.svc.cluster.local.',
      '```',
      '',
      'From namespace shop, `api.web` is answered by Service shop/web first (search-path capture); use `api.web.svc`.',
    ));
    assert.match(renderServiceDnsMarkdown(slices, slices.service('default', 'lonely')!), /\nNo DNS records: a headless Service without ready endpoints has no records: NXDOMAIN\.\n$/);
  });
});

describe('Pod DNS hover (Markdown)', () => {
  it('published names, the CoreDNS pod record, /etc/hosts and resolv.conf', () => {
    const peers = dnsCluster('endpoints');
    const peer = peers.podsIn('default').find((pod) => pod.name === 'peer-0')!;
    assert.equal(renderPodDnsMarkdown(peers, peer), lines(
      '**Pod default/peer-0**',
      '',
      'DNS names: `peers.default.svc.cluster.local` → 10.244.4.1 · `peer-0.peers.default.svc.cluster.local` → 10.244.4.1 · `10-244-4-1.default.pod.cluster.local` → 10.244.4.1 (CoreDNS `pods insecure`)',
      '',
      '/etc/hosts: `10.244.4.1 peer-0.peers.default.svc.cluster.local peer-0` (getent reads it; nslookup does not)',
      '',
      '/etc/resolv.conf:',
      '```',
      'search default.svc.cluster.local svc.cluster.local cluster.local',
      'nameserver 10.96.0.10',
      'options ndots:5',
      '```',
    ));
  });

  it('says why a subdomain hostname is not published', () => {
    const text = renderPodDnsMarkdown(model, requestPod);
    assert.match(text, /\nIts hostname `me\.headless` is not published: it needs `spec\.hostname`, a headless Service `headless` in default that selects it/);
  });
});

describe('dig-style transcript', () => {
  it('NXDOMAIN from the cluster zone, as dig +search prints CoreDNS\'s answer: aa without ra, the zone\'s SOA in the authority section', () => {
    const resolution = resolveFrom(model, { pod: requestPod }, 'nope.default.svc.cluster.local.', 'A', { resolver: 'nslookup' });
    assert.equal(renderDig(resolution, model.settings), lines(
      '',
      '; <<>> kube-lookup (simulated DiG) <<>> +search nope.default.svc.cluster.local. A',
      ';; global options: +cmd',
      ';; Got answer:',
      ';; WARNING: .local is reserved for Multicast DNS',
      ';; You are currently testing what happens when an mDNS query is leaked to DNS',
      ';; ->>HEADER<<- opcode: QUERY, status: NXDOMAIN, id: 0',
      ';; flags: qr aa rd; QUERY: 1, ANSWER: 0, AUTHORITY: 1, ADDITIONAL: 1',
      ';; WARNING: recursion requested but not available',
      '',
      ';; OPT PSEUDOSECTION:',
      '; EDNS: version: 0, flags:; udp: 1232',
      ';; QUESTION SECTION:',
      ';nope.default.svc.cluster.local.\tIN\tA',
      '',
      ';; AUTHORITY SECTION:',
      'cluster.local.\t\t30\tIN\tSOA\tns.dns.cluster.local. hostmaster.cluster.local. 1 7200 1800 86400 30',
      '',
      ';; Query time: 0 msec',
      ';; SERVER: 10.96.0.10#53(10.96.0.10) (UDP)',
      ';; WHEN: (simulated)',
      ';; MSG SIZE  rcvd: (not simulated)',
      '',
    ));
  });

  it('an answer after search names shows the answered name in dig\'s columns, and the names asked before', () => {
    const resolution = resolveFrom(model, { pod: requestPod }, 'kubia.default', 'A', { resolver: 'nslookup' });
    const text = renderDig(resolution, model.settings);
    assert.match(text, /\n;; ANSWER SECTION:\nkubia\.default\.svc\.cluster\.local\. 30 IN\tA\t10\.96\.0\.50\n/);
    assert.match(text, /\n;; kube-lookup: dig \+search asked 1 name before: kubia\.default\.default\.svc\.cluster\.local\. NXDOMAIN\n$/);
  });

  it('a forwarded answer carries the upstream\'s ra and no aa', () => {
    const resolution = resolveFrom(model, { pod: requestPod }, 'example.com.', 'A', { resolver: 'nslookup' });
    assert.match(renderDig(resolution, model.settings), /\n;; flags: qr rd ra; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 1\n\n/);
  });
});
