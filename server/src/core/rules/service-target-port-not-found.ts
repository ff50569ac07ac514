import { findPort } from '../model/findPort';
import type { PodTemplateView } from '../model/podView';
import { closestName } from './closestName';
import { selectedTemplates } from './selectedTemplates';
import { defineRule } from './types';
import { rawAt } from './validation/apiObjects';
import type { ManifestObject } from '../model/manifestObject';
import { hasPlaceholder } from '../placeholders';

export default defineRule({
  meta: {
    id: 'service-target-port-not-found',
    description: 'A named `targetPort` must match a container port with that name and protocol in every Pod the Service selects (sidecar init containers count); a Pod without it is left out of that port\'s endpoints.',
    remediation: 'Name the container port like the targetPort (same protocol), or set the targetPort to the container port\'s name or number.',
    severity: 'error',
    kinds: ['Service'],
    scope: 'cluster',
    messages: {
      notFound: 'targetPort "{{target}}" matches no {{protocol}} container port named "{{target}}" in {{owners}}, so those Pods get no traffic on port {{port}}.',
      didYouMean: 'targetPort "{{target}}" matches no {{protocol}} container port named "{{target}}" in {{owners}}; did you mean "{{closest}}"? Until then those Pods get no traffic on port {{port}}.',
      wrongProtocol: 'targetPort "{{target}}" names a {{other}} container port in {{owners}}, but this Service port is {{protocol}}; the name and the protocol must both match, so those Pods get no traffic on port {{port}}.',
    },
    example: {
      wrong: 'kind: Service\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]\n---\nkind: Deployment\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - name: web\n        ports: [{name: web, containerPort: 8080}]',
      right: 'kind: Service\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]\n---\nkind: Deployment\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - name: web\n        ports: [{name: http, containerPort: 8080}]',
    },
  },
  check(context, object) {
    const service = context.model.serviceOf(object);
    if (!service?.selector || service.type === 'ExternalName') return;
    const templates = selectedTemplates(context.model, service);
    for (const port of service.ports) {
      const target = port.targetPort;
      if (typeof target !== 'string' || hasPlaceholder(target)) continue;
      const missing = templates.filter((template) => !findPort(template.spec, port).ok);
      if (missing.length === 0) continue;
      const owners = missing.map((template) => `${template.owner.kind} "${template.owner.name}"`).join(', ');
      const declared = missing.flatMap((template) => containerPorts(template));
      // a container port named by a placeholder may be this one once substituted
      if (declared.some((candidate) => hasPlaceholder(candidate.name))) continue;
      const sameName = declared.find((candidate) => candidate.name === target);
      const data = { target, protocol: port.protocol, owners, port: port.port ?? writtenPort(object, port.index) };
      const path = ['spec', 'ports', port.index, 'targetPort'];
      const first = missing[0].owner;
      const related = [{ object: first, path: [...missing[0].templatePath, 'spec', 'containers'], on: 'key' as const, message: `the containers of ${first.kind} "${first.name}"` }];
      if (sameName) {
        context.report({ messageId: 'wrongProtocol', data: { ...data, other: sameName.protocol }, path, related });
        continue;
      }
      const closest = closestName(target, declared.filter((candidate) => candidate.protocol === port.protocol).map((candidate) => candidate.name));
      context.report({
        messageId: closest ? 'didYouMean' : 'notFound',
        data: { ...data, closest: closest ?? '' },
        path,
        related,
        fix: closest && missing.length === templates.length
          ? (fixContext) => {
              const place = fixContext.locate({ object, path });
              return { title: `Change the targetPort to "${closest}"`, edits: [{ file: place.file, span: place.span, newText: closest }] };
            }
          : undefined,
      });
    }
  },
});

/** The Service port as written when it is no number (a placeholder such as `${PORT}`), else "?". */
function writtenPort(object: ManifestObject, index: number): string {
  const written = rawAt(object, ['spec', 'ports', index, 'port']);
  return typeof written === 'string' ? written : '?';
}

/** The named ports a Pod's containers and sidecar init containers declare. */
function containerPorts(template: PodTemplateView): { name: string; protocol: string }[] {
  const containers = [...(template.spec.containers ?? []), ...(template.spec.initContainers ?? []).filter((container) => container.restartPolicy === 'Always')];
  return containers.flatMap((container) => (container.ports ?? []).flatMap((port) => (port.name ? [{ name: port.name, protocol: port.protocol ?? 'TCP' }] : [])));
}
