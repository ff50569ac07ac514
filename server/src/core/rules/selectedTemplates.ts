import type { ClusterModel } from '../model/clusterModel';
import type { PodTemplateView } from '../model/podView';
import type { ServiceView } from '../model/serviceView';
import { nearest } from '../model/alternatives';

/**
 * The Pod templates (one per workload or bare Pod) behind a Service's selector, keeping the
 * nearest in the folder tree when look-alike applications match too. Kept until the model changes:
 * several rules ask for the same Service.
 */
export function selectedTemplates(model: ClusterModel, service: ServiceView): readonly PodTemplateView[] {
  return model.memo(service, selectedTemplates, () => {
    const unique = new Map<unknown, PodTemplateView>();
    if (service.selector) for (const pod of model.podsSelectedBy(service.namespace, service.selector)) unique.set(pod.template.owner, pod.template);
    return nearest(service.object.file, [...unique.values()], (template) => template.owner.file);
  });
}
