import { podDraftsOf, podViewOf } from '../model/expandPods';
import type { ManifestObject } from '../model/manifestObject';
import type { PodView } from '../model/podView';
import type { RuleContext } from './types';

/**
 * The Pods an object makes, as the DNS model has them: with the labels and hostname their
 * controller writes (controllerLabels.ts), so rules and `records` judge the same Pods. When it
 * makes none at the moment (`replicas: 0`, a suspended Job), the first one it would make: its
 * template is still judged as the controller will fill it in.
 */
export function podsMadeBy(context: Pick<RuleContext, 'model' | 'settings'>, object: ManifestObject): readonly PodView[] {
  const pods = context.model.podsOf(object);
  if (pods.length > 0) return pods;
  let first = firstPods.get(object);
  if (!first) {
    // its addresses are never read: a rule asks a Pod for labels, hostname and subdomain
    first = podDraftsOf(object, context.settings, 1).map((draft) => podViewOf(draft, () => NO_ADDRESSES));
    firstPods.set(object, first);
  }
  return first;
}

const firstPods = new WeakMap<ManifestObject, readonly PodView[]>();
const NO_ADDRESSES = { ips: [], ipSimulated: true };
