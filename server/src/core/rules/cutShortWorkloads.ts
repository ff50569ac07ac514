import { COMPLETION_INDEX, isOrdinal, isOrdinalName, POD_INDEX, POD_NAME } from '../model/controllerLabels';
import { podDraftsOf } from '../model/expandPods';
import type { ManifestObject } from '../model/manifestObject';
import type { PodShortfall } from '../model/podBudget';
import { podTemplateOf } from '../model/podView';
import type { AnalysisSettings } from '../settings';
import type { RuleContext } from './types';

/**
 * Whether a workload of the namespace that the Pod caps cut short (1,000 Pods a workload, 100,000 a
 * workspace) makes Pods the selector picks. Those Pods run in the cluster but are not in the model,
 * so a selector that matches none of the simulated Pods is no mistake of the manifests: a rule
 * makes no claim then (`simulated-pods-capped` says where the model stops). The Pods left out
 * carry the labels of the workload's first Pod but for their identity (a StatefulSet's Pod name and
 * ordinal, a Job's completion index).
 */
export function selectsPodsLeftOut(context: Pick<RuleContext, 'model' | 'settings'>, namespace: string, selector: Readonly<Record<string, string>>): boolean {
  const { settings } = context;
  // once per namespace and model version: every Service of a namespace may ask
  const index = context.model.memo(LEFT_OUT, namespace, () => leftOutIndex(context.model.podShortfallsIn(namespace)));
  if (index.all.length === 0) return false;
  // through one label of the selector the workloads write in their templates; a label only the
  // controller adds (`job-name`) is looked for in every workload cut short
  const key = Object.keys(selector).find((each) => !IDENTITY_LABELS.has(each));
  const candidates = key === undefined ? index.all : (index.byLabel.get(`${key}=${selector[key]}`) ?? index.all);
  return candidates.some((owner) => {
    const labels = firstPodLabels(owner, settings);
    return labels !== undefined && Object.keys(selector).every((each) => (IDENTITY_LABELS.has(each) ? givesIdentity(owner, labels, each, selector[each]) : labels[each] === selector[each]));
  });
}

const LEFT_OUT = {};
const IDENTITY_LABELS = new Set([POD_NAME, POD_INDEX, COMPLETION_INDEX]);

/** The workloads cut short, and by each label their Pod templates write. Read without asking the model for more than the list, so nothing more is recorded as read. */
function leftOutIndex(shortfalls: readonly PodShortfall[]): { all: ManifestObject[]; byLabel: Map<string, ManifestObject[]> } {
  const index = { all: [] as ManifestObject[], byLabel: new Map<string, ManifestObject[]>() };
  for (const { owner } of shortfalls) {
    index.all.push(owner);
    for (const [key, value] of Object.entries(podTemplateOf(owner)?.labels ?? {})) {
      const pair = `${key}=${value}`;
      const list = index.byLabel.get(pair);
      if (list) list.push(owner);
      else index.byLabel.set(pair, [owner]);
    }
  }
  return index;
}

/** The labels of the first Pod a workload makes, as its controller writes them. */
function firstPodLabels(owner: ManifestObject, settings: AnalysisSettings): Readonly<Record<string, string>> | undefined {
  let first = firstPods.get(owner);
  if (!first || first.settings !== settings) firstPods.set(owner, (first = { settings, labels: podDraftsOf(owner, settings, 1)[0]?.labels }));
  return first.labels;
}

const firstPods = new WeakMap<ManifestObject, { readonly settings: AnalysisSettings; readonly labels: Readonly<Record<string, string>> | undefined }>();

/** Whether some Pod of the workload has this identity: a StatefulSet's Pod names and ordinals, an Indexed Job's completion indexes. */
function givesIdentity(owner: ManifestObject, labels: Readonly<Record<string, string>>, key: string, value: string): boolean {
  if (key === POD_NAME) return owner.kind === 'StatefulSet' && isOrdinalName(value, owner.name);
  if (key === POD_INDEX) return owner.kind === 'StatefulSet' && isOrdinal(value);
  return labels[COMPLETION_INDEX] !== undefined && isOrdinal(value);
}
