import type { ClusterModel } from '../model/clusterModel';
import type { ManifestObject } from '../model/manifestObject';
import { podTemplateOf } from '../model/podView';
import type { ValuePath } from '../yaml/sourceLocator';
import { at, list, record, text } from './fields';

/** How a Pod uses a ConfigMap or Secret; what happens when it is missing differs. */
export type ConfigUse = 'envFrom' | 'env' | 'volume' | 'imagePullSecrets';

/** A ConfigMap or Secret a Pod template names: by `envFrom`, an env `valueFrom`, a volume or projected volume source, or `imagePullSecrets`. */
export interface ConfigSourceRef {
  readonly kind: 'ConfigMap' | 'Secret';
  /** Path to the name. */
  readonly path: ValuePath;
  /** `spec.template.spec.containers[0].envFrom[1].configMapRef.name`, for messages. */
  readonly field: string;
  readonly name: string;
  readonly use: ConfigUse;
  /** The key an env `valueFrom` reads. */
  readonly key?: string;
  readonly keyPath?: ValuePath;
}

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

/**
 * The ConfigMaps and Secrets the Pods of an object need, as the kubelet reads them; a reference
 * marked `optional: true` is left out (the Pod starts without it), as is one without a name.
 */
export function configSourceRefsOf(object: ManifestObject): ConfigSourceRef[] {
  const template = podTemplateOf(object);
  if (!template) return [];
  const specPath = [...template.templatePath, 'spec'];
  const spec = at(object.body, ...specPath);
  const refs: ConfigSourceRef[] = [];
  const field = (path: ValuePath): string => path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
  const add = (kind: ConfigSourceRef['kind'], source: unknown, path: ValuePath, nameKey: string, use: ConfigUse, withKey = false): void => {
    const value = record(source);
    const name = text(value?.[nameKey]);
    if (!value || !name || value.optional === true) return;
    const key = withKey ? text(value.key) : undefined;
    refs.push({ kind, path: [...path, nameKey], field: field([...path, nameKey]), name, use, key, keyPath: key !== undefined ? [...path, 'key'] : undefined });
  };
  for (const listKey of CONTAINER_LISTS) {
    list(at(spec, listKey)).forEach((container, index) => {
      const containerPath = [...specPath, listKey, index];
      list(at(container, 'envFrom')).forEach((entry, entryIndex) => {
        add('ConfigMap', at(entry, 'configMapRef'), [...containerPath, 'envFrom', entryIndex, 'configMapRef'], 'name', 'envFrom');
        add('Secret', at(entry, 'secretRef'), [...containerPath, 'envFrom', entryIndex, 'secretRef'], 'name', 'envFrom');
      });
      list(at(container, 'env')).forEach((entry, entryIndex) => {
        add('ConfigMap', at(entry, 'valueFrom', 'configMapKeyRef'), [...containerPath, 'env', entryIndex, 'valueFrom', 'configMapKeyRef'], 'name', 'env', true);
        add('Secret', at(entry, 'valueFrom', 'secretKeyRef'), [...containerPath, 'env', entryIndex, 'valueFrom', 'secretKeyRef'], 'name', 'env', true);
      });
    });
  }
  list(at(spec, 'volumes')).forEach((volume, index) => {
    const volumePath = [...specPath, 'volumes', index];
    add('ConfigMap', at(volume, 'configMap'), [...volumePath, 'configMap'], 'name', 'volume');
    add('Secret', at(volume, 'secret'), [...volumePath, 'secret'], 'secretName', 'volume');
    list(at(volume, 'projected', 'sources')).forEach((source, sourceIndex) => {
      add('ConfigMap', at(source, 'configMap'), [...volumePath, 'projected', 'sources', sourceIndex, 'configMap'], 'name', 'volume');
      add('Secret', at(source, 'secret'), [...volumePath, 'projected', 'sources', sourceIndex, 'secret'], 'name', 'volume');
    });
  });
  list(at(spec, 'imagePullSecrets')).forEach((entry, index) => add('Secret', entry, [...specPath, 'imagePullSecrets', index], 'name', 'imagePullSecrets'));
  return refs;
}

/**
 * The objects of a namespace that stand for a ConfigMap or Secret of that name: the object itself,
 * or for a Secret one an operator of the workspace writes (cert-manager's Certificate
 * `spec.secretName`, a SealedSecret, an ExternalSecret's `spec.target.name`).
 */
export function configSourcesNamed(model: ClusterModel, kind: ConfigSourceRef['kind'], namespace: string, name: string): ManifestObject[] {
  const found = [...model.objectsNamed(kind, namespace, name)];
  if (kind === 'Secret') for (const maker of secretMakersIn(model, namespace)) if (maker.secret === name) found.push(maker.object);
  return found;
}

/** The Secrets operators of the workspace write in a namespace, by name. */
export function secretMakersIn(model: ClusterModel, namespace: string): { readonly object: ManifestObject; readonly secret?: string }[] {
  const makers: { object: ManifestObject; secret?: string }[] = [];
  for (const object of model.objectsOfKind('Certificate')) if (object.namespace === namespace) makers.push({ object, secret: text(at(object.body, 'spec', 'secretName')) });
  for (const object of model.objectsOfKind('SealedSecret')) if (object.namespace === namespace) makers.push({ object, secret: object.name });
  for (const object of model.objectsOfKind('ExternalSecret')) if (object.namespace === namespace) makers.push({ object, secret: text(at(object.body, 'spec', 'target', 'name')) ?? object.name });
  return makers;
}

/**
 * Whether a Role of the namespace, or a ClusterRole, lets something create objects of the kind
 * (`create` on `configmaps` or `secrets` of the core group): an operator or an init Job of the
 * workspace that makes them at run time (argo-cd's `argocd-redis`, MetalLB's `memberlist`).
 */
export function createdAtRunTime(model: ClusterModel, kind: ConfigSourceRef['kind'], namespace: string): boolean {
  const resource = kind === 'ConfigMap' ? 'configmaps' : 'secrets';
  const grants = (role: ManifestObject): boolean => list(at(role.body, 'rules')).some((rule) => {
    const has = (field: string, value: string) => list(at(rule, field)).some((item) => item === value || item === '*');
    return has('apiGroups', '') && has('resources', resource) && has('verbs', 'create');
  });
  return model.objectsOfKind('ClusterRole').some(grants) || model.objectsOfKind('Role').some((role) => role.namespace === namespace && grants(role));
}

/**
 * Whether a kustomization of the workspace generates objects of the kind (`configMapGenerator`,
 * `secretGenerator`): read as written, their names are not objects of the model (rendered, they are).
 */
export function kustomizationGenerates(model: ClusterModel, kind: ConfigSourceRef['kind']): boolean {
  const key = kind === 'ConfigMap' ? 'configMapGenerator' : 'secretGenerator';
  for (const file of model.files()) {
    if (/(^|[/\\])(kustomization\.ya?ml|Kustomization)$/.test(file.file) && file.text.includes(key)) return true;
  }
  return false;
}
