import type { PodView } from '../model/podView';
import type { ServiceView } from '../model/serviceView';
import { selectorMatchOf } from '../model/selectorMatch';
import type { RuleContext } from './types';

/**
 * The headless Services (not ExternalName) of the Pods' namespace whose selector selects one of
 * them: the Services under which a per-Pod name `<hostname>.<service>` can be published.
 */
export function headlessServicesSelecting(context: Pick<RuleContext, 'model'>, namespace: string, pods: readonly PodView[]): ServiceView[] {
  if (pods.length === 0) return [];
  const selected = (selector: Readonly<Record<string, string>>): boolean => pods.some((pod) => selectorMatchOf(pod, selector) === 'selected');
  return context.model.servicesIn(namespace).filter((service) => service.headless && service.type !== 'ExternalName' && service.selector !== undefined && selected(service.selector));
}

/** The one headless Service that selects the Pods, when exactly one (by name; alternatives count once) does. */
export function onlyHeadlessServiceSelecting(context: Pick<RuleContext, 'model'>, namespace: string, pods: readonly PodView[]): ServiceView | undefined {
  const headless = headlessServicesSelecting(context, namespace, pods);
  return new Set(headless.map((service) => service.name)).size === 1 ? headless[0] : undefined;
}
