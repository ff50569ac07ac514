import { MAX_PODS_PER_WORKLOAD, MAX_PODS_PER_WORKSPACE } from '../model/podBudget';
import { defineRule } from './types';

/** The field that asks for the Pods, where the finding stands; a DaemonSet asks by the nodes, so its name. */
const COUNT_PATH: Readonly<Record<string, readonly string[]>> = {
  Job: ['spec', 'parallelism'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'parallelism'],
  DaemonSet: ['metadata', 'name'],
};

export default defineRule({
  meta: {
    id: 'simulated-pods-capped',
    description: `A workload that asks for more Pods than are simulated: at most ${MAX_PODS_PER_WORKLOAD.toLocaleString('en-US')} per workload and ${MAX_PODS_PER_WORKSPACE.toLocaleString('en-US')} per workspace (given to files in path order). Its DNS records, endpoints and hovers show the simulated Pods only.`,
    remediation: 'Nothing is wrong with the manifest if the count is meant; lower it if it is a typo, or analyse fewer files at once to simulate them all.',
    severity: 'info',
    kinds: ['Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'],
    scope: 'cluster',
    messages: {
      workload: '{{kind}} "{{name}}" asks for {{requested}} Pods; only the first {{simulated}} are simulated (at most {{cap}} per workload), so its DNS records, endpoints and hovers show those only.',
      workspace: '{{kind}} "{{name}}" asks for {{requested}} Pods; {{simulated}} are simulated, as the workspace reached its limit of {{cap}} simulated Pods (given to files in path order), so its DNS records, endpoints and hovers show those only.',
    },
    example: {
      wrong: 'kind: StatefulSet\nmetadata: {name: web}\nspec:\n  replicas: 100000   # meant 10\n  serviceName: web',
      right: 'kind: StatefulSet\nmetadata: {name: web}\nspec:\n  replicas: 10\n  serviceName: web',
    },
  },
  check(context, object) {
    const shortfall = context.model.podShortfallOf(object);
    if (!shortfall) return;
    context.report({
      messageId: shortfall.cap,
      data: {
        kind: object.kind,
        name: object.name,
        requested: shortfall.requested,
        simulated: shortfall.simulated,
        cap: shortfall.cap === 'workload' ? MAX_PODS_PER_WORKLOAD : MAX_PODS_PER_WORKSPACE,
      },
      path: COUNT_PATH[object.kind] ?? ['spec', 'replicas'],
    });
  },
});
