import { serviceEnvironment, type ServiceEnvVar } from '../dns/serviceEnv';
import { podTemplateOf } from '../model/podView';
import { hasPlaceholder } from '../placeholders';
import { at, list, text } from '../references/fields';
import { podsMadeBy } from './podsMadeBy';
import { insertFirstEntry } from './textEdits';
import { defineRule, type Fix, type RuleContext } from './types';

/** `$(NAME)`: a reference kubelet expands from the container's variables and the service links; `$$(NAME)` is an escape. */
const REFERENCE = /(?<!\$)\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g;

/** The names of service link variables end so (`…_SERVICE_HOST`, `…_SERVICE_PORT_HTTP`, `…_PORT`, `…_PORT_80_TCP_ADDR`). */
const LINK_NAME = /_(?:SERVICE_HOST|SERVICE_PORT|PORT)(?:_[A-Z0-9_]*)?\b/;

/** The links of each namespace's Services, by variable name (see ClusterModel.memo). */
const LINKS = {};

/** Whether some container's env names, values, command or args hold a name a service link could have. */
function mentionsLinkName(body: unknown, templatePath: readonly (string | number)[]): boolean {
  const spec = at(body, ...templatePath, 'spec');
  return ['initContainers', 'containers'].some((key) => list(at(spec, key)).some((container) => {
    const texts = [
      ...list(at(container, 'env')).flatMap((variable) => [text(at(variable, 'name')), text(at(variable, 'value'))]),
      ...list(at(container, 'command')).map(text),
      ...list(at(container, 'args')).map(text),
    ];
    return texts.some((value) => value !== undefined && LINK_NAME.test(value));
  }));
}

export default defineRule({
  meta: {
    id: 'service-link-env-collision',
    description: 'A container variable whose name is also a service link variable kubelet sets for a Service of the Pod\'s namespace (`<SVC>_SERVICE_HOST`, `<SVC>_SERVICE_PORT`, `<SVC>_PORT=tcp://…`, `<SVC>_PORT_<port>_<PROTO>…`; the Service name upper-cased, dashes to underscores), when `enableServiceLinks` is not false: a `$(NAME)` reference the container does not define itself expands to the link\'s value (`FOO_PORT` is `tcp://10.96.0.12:80`, not a number), and an `env` entry of that name hides the link only in the containers that set it — an image that reads the variable without it gets the link. The classic case: a Service named `foo` and a program that reads `FOO_PORT` expecting a number. Every Service of the Pod\'s namespace is taken to exist before the Pod (kubelet sets links only for those that exist when the container starts); the `kubernetes` Service\'s variables, which every Pod gets, are left alone.',
    remediation: 'Set `enableServiceLinks: false` in the Pod spec when nothing reads the service link variables (cluster DNS names are the way to find Services), or rename the variable.',
    severity: 'info',
    kinds: ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'],
    scope: 'cluster',
    messages: {
      reads: '{{where}} of container "{{container}}" reads $({{name}}), which the container does not set: kubelet expands it to the service link of Service "{{service}}", {{name}}={{value}}.',
      sets: 'env {{name}} of container "{{container}}" has the name of a service link variable of Service "{{service}}" ({{name}}={{value}}): this value wins in this container only, and whatever reads {{name}} without it gets the link\'s value.',
    },
    example: {
      wrong: 'kind: Service\nmetadata: {name: redis}\nspec:\n  ports: [{port: 6379}]\n---\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: app\n        args: ["--redis-port=$(REDIS_PORT)"]   # tcp://10.96.0.12:6379',
      right: 'kind: Service\nmetadata: {name: redis}\nspec:\n  ports: [{port: 6379}]\n---\nkind: Deployment\nspec:\n  template:\n    spec:\n      enableServiceLinks: false\n      containers:\n      - name: app\n        env: [{name: REDIS_PORT, value: "6379"}]\n        args: ["--redis-port=$(REDIS_PORT)"]',
    },
  },
  check(context, object) {
    const template = podTemplateOf(object);
    if (!template || template.spec.enableServiceLinks === false) return;
    // most containers set or read no variable a service link could have: nothing to look up
    if (!mentionsLinkName(object.body, template.templatePath)) return;
    const pod = podsMadeBy(context, object)[0];
    if (!pod) return;
    // the Pod's own namespace: a Service's links reach only the Pods of its namespace, the same for each of its Pods
    const links = context.model.memo(LINKS, pod.namespace, () => {
      const byName = new Map<string, ServiceEnvVar>();
      for (const variable of serviceEnvironment(context.model, pod).variables) if (variable.service !== 'default/kubernetes') byName.set(variable.name, variable);
      return byName;
    });
    // an address the simulator made up is no fact to print: `tcp://<cluster IP>:6379`
    const shown = (link: ServiceEnvVar): string => {
      if (!link.simulated) return link.value;
      const [namespace, name] = link.service.split('/');
      const ip = context.model.service(namespace, name)?.clusterIPs[0]?.ip;
      return ip ? link.value.split(ip).join('<cluster IP>') : link.value;
    };
    if (links.size === 0) return;
    const specPath = [...template.templatePath, 'spec'];
    const fix = (fixContext: RuleContext): Fix | undefined => {
      const edits = insertFirstEntry(fixContext, object, specPath, 'enableServiceLinks: false');
      return edits ? { title: 'Set enableServiceLinks: false', edits } : undefined;
    };
    for (const containersKey of ['initContainers', 'containers']) {
      list(at(object.body, ...specPath, containersKey)).forEach((container, containerIndex) => {
        const containerPath = [...specPath, containersKey, containerIndex];
        const containerName = text(at(container, 'name')) ?? String(containerIndex);
        const env = list(at(container, 'env'));
        const defined = new Set(env.map((variable) => text(at(variable, 'name'))).filter((name): name is string => name !== undefined));
        const reported = new Set<string>();
        env.forEach((variable, index) => {
          const name = text(at(variable, 'name'));
          const link = name === undefined || hasPlaceholder(name) ? undefined : links.get(name);
          if (!link || reported.has(name!)) return;
          reported.add(name!);
          context.report({ messageId: 'sets', data: { name: name!, container: containerName, service: link.service, value: shown(link) }, path: [...containerPath, 'env', index, 'name'], fix });
        });
        // what envFrom brings in is not known here: a reference may be to one of its keys
        if (list(at(container, 'envFrom')).length > 0) return;
        const places: { path: (string | number)[]; where: string; value: string }[] = [];
        env.forEach((variable, index) => {
          const value = text(at(variable, 'value'));
          if (value) places.push({ path: [...containerPath, 'env', index, 'value'], where: `env ${text(at(variable, 'name')) ?? index}`, value });
        });
        for (const key of ['command', 'args']) {
          list(at(container, key)).forEach((argument, index) => {
            const value = text(argument);
            if (value) places.push({ path: [...containerPath, key, index], where: `${key}[${index}]`, value });
          });
        }
        for (const place of places) {
          for (const match of place.value.matchAll(REFERENCE)) {
            const name = match[1];
            const link = links.get(name);
            if (!link || defined.has(name) || reported.has(name)) continue;
            reported.add(name);
            context.report({ messageId: 'reads', data: { where: place.where, name, container: containerName, service: link.service, value: shown(link) }, path: place.path, part: match[0], fix });
          }
        }
      });
    }
  },
});
