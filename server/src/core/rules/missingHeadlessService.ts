import type { ManifestObject } from '../model/manifestObject';
import type { ValuePath } from '../yaml/sourceLocator';
import { closestNamed } from './closestName';
import type { RuleContext } from './types';
import { servicesNamedByPlaceholder } from './placeholderMatches';

/**
 * Reports a name that should be a headless Service's (a Pod's `subdomain`, a StatefulSet's
 * `serviceName`) but names no Service: `didYouMean`, with the rename as a fix, when a headless
 * Service of the namespace is a likely typo away; `noService` otherwise.
 */
export function reportMissingHeadlessService(
  context: RuleContext,
  object: ManifestObject,
  path: ValuePath,
  name: string,
  data: Readonly<Record<string, string>>,
  fixTitle: (closest: string) => string,
): void {
  // a Service named by a placeholder may be the one meant, once substituted
  if (servicesNamedByPlaceholder(context.model, object.namespace)) return;
  const closest = closestNamed(name, context.model.servicesIn(object.namespace), (candidate) => candidate.headless)?.name;
  context.report({
    messageId: closest ? 'didYouMean' : 'noService',
    data: { ...data, closest: closest ?? '' },
    path,
    fix: closest
      ? (fixContext) => {
          const place = fixContext.locate({ object, path });
          return { title: fixTitle(closest), edits: [{ file: place.file, span: place.span, newText: closest }] };
        }
      : undefined,
  });
}
