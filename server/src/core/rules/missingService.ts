import type { ManifestObject } from '../model/manifestObject';
import { hasPlaceholder } from '../placeholders';
import type { ValuePath } from '../yaml/sourceLocator';
import { closestNamed, editDistance } from './closestName';
import { servicesNamedByPlaceholder } from './placeholderMatches';
import type { RuleContext } from './types';

/**
 * Reports a reference by name to a Service that the workspace does not hold in `namespace`, when
 * the mistake is evident (Services of other charts or operators are often not in the workspace):
 * `didYouMean` with the rename as a fix when a Service of the namespace is a likely typo away;
 * `otherNamespace` when a Service of that name sits in another namespace and the namespace looked
 * in is written out (not left to a kustomization's namespace, which would move both); `noService` when Services of the namespace are written in the same file.
 * Otherwise silent. Messages get `field`, `name`, `namespace`, `closest` and `others`.
 */
export function reportMissingService(
  context: RuleContext,
  object: ManifestObject,
  path: ValuePath,
  name: string,
  namespace: string,
  namespaceWritten: boolean,
  evident: boolean,
  data: Readonly<Record<string, string>>,
  fixTitle: (closest: string) => string,
): void {
  const { model } = context;
  if (hasPlaceholder(name) || hasPlaceholder(namespace) || model.service(namespace, name)) return;
  // a Service named by a placeholder may be the one meant, once substituted
  if (servicesNamedByPlaceholder(model, namespace)) return;
  const all = { ...data, name, namespace };
  const candidate = closestNamed(name, model.servicesIn(namespace));
  const closest = candidate && editDistance(name, candidate.name, MAX_TYPO_EDITS) <= MAX_TYPO_EDITS ? candidate : undefined;
  if (closest) {
    context.report({
      messageId: 'didYouMean',
      data: { ...all, closest: closest.name },
      path,
      related: [{ object: closest.object, path: ['metadata', 'name'], message: `Service "${closest.name}" is declared here` }],
      fix: (fixContext) => {
        const place = fixContext.locate({ object, path });
        return { title: fixTitle(closest.name), edits: [{ file: place.file, span: place.span, newText: closest.name }] };
      },
    });
    return;
  }
  const elsewhere = namespaceWritten ? model.services().filter((service) => service.name === name && service.namespace !== namespace && !hasPlaceholder(service.namespace)) : [];
  // a Service that does not write its namespace may be put in this one by a kustomization
  if (elsewhere.some((service) => !service.object.namespaceDeclared)) return;
  if (elsewhere.length > 0) {
    context.report({
      messageId: 'otherNamespace',
      data: { ...all, others: [...new Set(elsewhere.map((service) => `"${service.namespace}"`))].join(', ') },
      path,
      related: [{ object: elsewhere[0].object, path: ['metadata', 'name'], message: `Service "${name}" in namespace "${elsewhere[0].namespace}"` }],
    });
    return;
  }
  if (evident) context.report({ messageId: 'noService', data: all, path });
}

const MAX_TYPO_EDITS = 2;

/** Whether one of the names, looked up in its namespace, is a Service written in the object's own file. */
export function namesServiceInOwnFile(context: RuleContext, object: ManifestObject, references: readonly { readonly name?: string; readonly namespace: string }[]): boolean {
  return references.some((reference) => reference.name !== undefined && context.model.service(reference.namespace, reference.name)?.object.file === object.file);
}
