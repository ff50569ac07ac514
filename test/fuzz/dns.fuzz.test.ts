import fc from 'fast-check';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  clusterRecords, exportedZones, podResolvConf, QUERY_TYPES, recordsOf, recordsToJson, renderDig, renderNslookup, renderPodDnsMarkdown, renderResolvConf,
  renderServiceDnsMarkdown, renderZoneFile, resolutionToJson, resolveFrom, serviceEnvironment, serviceNames,
} from '../../server/src/core/dns/index';
import { fuzzParameters } from './budget';
import { loadModel } from './harness';
import { applyMutations, mutation } from './mutations';
import { allSeeds } from './seeds';

/** Names a user may type in the nslookup box: real ones, near misses, and hostile text. */
const NAME = fc.oneof(
  fc.constantFrom('kubernetes', 'kubernetes.default', 'headless1', 'pod-a.headless1', 'web.shop.svc.cluster.local.', '10.96.0.1', '10.96.0.10', '::1', 'fd00::7',
    '1.0.96.10.in-addr.arpa', '_http._tcp.web', '_._.', '.', '..', '', ' ', 'a'.repeat(300), 'a.'.repeat(200), '*', '*.svc.cluster.local', 'ÄÖ.example', 'xn--', '-', '1-2-3-4.default.pod',
    '10-244-0-7.shop.pod.cluster.local', 'github.github.io', 'localhost', '__proto__', 'constructor.default', 'a..b', 'in-addr.arpa', 'ip6.arpa', '0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.ip6.arpa'),
  fc.string({ maxLength: 40 }),
  fc.array(fc.constantFrom('a', 'web', 'default', 'svc', 'cluster', 'local', 'pod', '_tcp', '_http', '0', '10', '-', 'x'), { maxLength: 8 }).map((labels) => labels.join('.')),
);

describe('fuzz: the DNS simulator', () => {
  it('answers any name of any type from any Pod of a damaged workspace, and renders every answer', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: allSeeds.length - 1 }), fc.array(mutation, { maxLength: 2 })), { minLength: 1, maxLength: 4 }),
        fc.array(fc.tuple(NAME, fc.constantFrom(...QUERY_TYPES), fc.nat()), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('coredns' as const, 'spec' as const),
        (chosen, questions, dnsProfile) => {
          const files = Object.fromEntries(chosen.map(([index, damage], position) => [`ws/${position}.yaml`, applyMutations(allSeeds[index].text, damage)]));
          const model = loadModel(files, { dnsProfile });
          const pods = model.pods();
          for (const [name, type, pick] of questions) {
            const origin = pods.length > 0 && pick % 3 !== 0 ? { pod: pods[pick % pods.length] } : { namespace: pick % 2 === 0 ? 'default' : 'kube-system' };
            const resolution = resolveFrom(model, origin, name, type);
            assert.ok(['NOERROR', 'NXDOMAIN', 'NODATA', 'UPSTREAM'].includes(resolution.rcode), resolution.rcode);
            renderNslookup(resolution, model.settings);
            renderDig(resolution, model.settings);
            JSON.stringify(resolutionToJson(resolution));
          }
          const records = clusterRecords(model);
          renderZoneFile(exportedZones(model), model.settings);
          JSON.stringify(recordsToJson(records, model.settings));
          for (const service of model.services()) {
            serviceNames(model, service);
            renderServiceDnsMarkdown(model, service);
            recordsOf(model, service.object);
          }
          for (const pod of pods.slice(0, 20)) {
            renderResolvConf(podResolvConf(model.settings, { pod, namespace: pod.namespace }));
            serviceEnvironment(model, pod);
            renderPodDnsMarkdown(model, pod);
          }
        },
      ),
      fuzzParameters('DNS questions on damaged workspaces', 100),
    );
  });
});
