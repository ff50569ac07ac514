import type { ManifestObject } from '../model/manifestObject';
import { entryLines } from './textEdits';
import { defineRule, type Fix, type RuleContext } from './types';
import { hasKey, rawAt } from './validation/apiObjects';
import { goQuote } from './validation/fieldErrors';
import { serviceUnderValidation } from './validation/serviceSpec';

export default defineRule({
  meta: {
    id: 'service-cluster-ip-forbidden',
    description: 'Cluster IP settings the Service type forbids: `clusterIP: None` on a NodePort or LoadBalancer Service, or any `clusterIP`, `clusterIPs`, `ipFamilies` or `ipFamilyPolicy` on an ExternalName Service (the API server copies `clusterIP` into `clusterIPs`, so `clusterIP: None` counts).',
    remediation: 'Remove the cluster IP fields from ExternalName Services; a NodePort or LoadBalancer Service cannot be headless, so use a separate headless Service for per-Pod DNS names.',
    severity: 'error',
    kinds: ['Service'],
    scope: 'object',
    messages: {
      noneForType: "spec.clusterIPs[0]: Invalid value: {{value}}: may not be set to 'None' for {{type}} services",
      forbiddenForExternalName: '{{field}}: Forbidden: may not be set for ExternalName services',
    },
    example: {
      wrong: 'spec:\n  type: ExternalName\n  externalName: github.github.io\n  clusterIP: None',
      right: 'spec:\n  type: ExternalName\n  externalName: github.github.io',
    },
  },
  check(context, object) {
    const service = serviceUnderValidation(object);
    if (!service) return;
    const ipPath = service.clusterIPsField === 'clusterIPs' ? ['spec', 'clusterIPs', 0] : ['spec', 'clusterIP'];
    if ((service.type === 'NodePort' || service.type === 'LoadBalancer') && service.headless) {
      context.report({ messageId: 'noneForType', data: { value: goQuote(service.clusterIPs[0]), type: service.type }, path: ipPath });
    }
    if (service.type !== 'ExternalName') return;
    if (service.clusterIPs.length > 0) {
      context.report({
        messageId: 'forbiddenForExternalName',
        data: { field: 'spec.clusterIPs' },
        path: ipPath,
        fix: service.headless ? (fixContext) => removeClusterIPs(fixContext, object) : undefined,
      });
    }
    const families = rawAt(object, ['spec', 'ipFamilies']);
    if (Array.isArray(families) && families.length > 0) {
      context.report({ messageId: 'forbiddenForExternalName', data: { field: 'spec.ipFamilies' }, path: ['spec', 'ipFamilies'], on: 'key' });
    }
    const policy = rawAt(object, ['spec', 'ipFamilyPolicy']);
    if (policy !== undefined && policy !== null) {
      context.report({ messageId: 'forbiddenForExternalName', data: { field: 'spec.ipFamilyPolicy' }, path: ['spec', 'ipFamilyPolicy'], on: 'key' });
    }
  },
});

/** Deletes the `clusterIP: None` (and `clusterIPs`) lines: an ExternalName Service has no cluster IP at all. */
function removeClusterIPs(context: RuleContext, object: ManifestObject): Fix | undefined {
  const text = context.model.file(object.file)?.text;
  if (text === undefined) return undefined;
  const edits: Fix['edits'][number][] = [];
  for (const key of ['clusterIP', 'clusterIPs']) {
    if (!hasKey(object, ['spec'], key)) continue;
    const place = context.locate({ object, path: ['spec', key] });
    const lines = place.found && place.keySpan ? entryLines(text, place.keySpan, place.span) : undefined;
    if (!lines) return undefined;
    edits.push({ file: place.file, span: lines, newText: '' });
  }
  return edits.length ? { title: 'Remove clusterIP: None from the ExternalName Service', edits } : undefined;
}
