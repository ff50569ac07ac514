import type { ClusterModel } from '../model/clusterModel';
import type { PodTemplateView } from '../model/podView';
import type { ServiceView } from '../model/serviceView';
import { nearest } from './nearest';

/** Service views are rebuilt with every model generation, so a cache keyed by them never goes stale. */
const cache = new WeakMap<ServiceView, readonly PodTemplateView[]>();

/**
 * The Pod templates (one per workload or bare Pod) behind a Service's selector, keeping the
 * nearest in the folder tree when look-alike applications match too.
 */
export function selectedTemplates(model: ClusterModel, service: ServiceView): readonly PodTemplateView[] {
  let templates = cache.get(service);
  if (!templates) {
    const unique = new Map<unknown, PodTemplateView>();
    if (service.selector) for (const pod of model.podsSelectedBy(service.namespace, service.selector)) unique.set(pod.template.owner, pod.template);
    templates = nearest(service.object.file, [...unique.values()], (template) => template.owner.file);
    cache.set(service, templates);
  }
  return templates;
}
