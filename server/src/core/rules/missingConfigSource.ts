import type { ManifestObject } from '../model/manifestObject';
import { hasPlaceholder } from '../placeholders';
import { at, record } from '../references/fields';
import { configSourceRefsOf, configSourcesNamed, createdAtRunTime, kustomizationGenerates, secretMakersIn, type ConfigSourceRef, type ConfigUse } from '../references/configSources';
import { closestName, closestNamed, editDistance } from './closestName';
import { replaceFix } from './replaceFix';
import type { RuleContext } from './types';

/** The ConfigMap every namespace gets from the API server's root-CA publisher (projected service-account token volumes name it). */
const PUBLISHED_CONFIG_MAPS = new Set(['kube-root-ca.crt']);

const MAX_TYPO_EDITS = 2;

function folderOf(file: string): string {
  return file.slice(0, Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\') ) + 1);
}

/** What the Pod does without it, by how it uses it. */
const CONSEQUENCES: Readonly<Record<ConfigUse, (kind: string, name: string) => string>> = {
  envFrom: (kind, name) => `the container does not start (CreateContainerConfigError: ${kind.toLowerCase()} "${name}" not found)`,
  env: (kind, name) => `the container does not start (CreateContainerConfigError: ${kind.toLowerCase()} "${name}" not found)`,
  volume: () => 'the volume cannot be mounted and the Pod does not start (FailedMount)',
  imagePullSecrets: () => 'the kubelet pulls the image without it, which fails for a private registry',
};

/**
 * Reports the references of a Pod or Pod template to ConfigMaps (or Secrets) of its namespace that
 * the workspace does not hold, when it declares others of that kind there (they are often created
 * apart: by a chart, an operator, `kubectl create secret`): a name two edits from a declared one, or
 * any name when one is declared in the referring object's folder and no Role lets the workspace
 * create them; and, for a ConfigMap it holds, an env
 * `configMapKeyRef.key` missing from its data. Messages get `field`, `name`, `namespace`,
 * `consequence`, `closest`, `key` and `keys`.
 */
export function reportMissingConfigSources(context: RuleContext, object: ManifestObject, kind: ConfigSourceRef['kind']): void {
  const refs = configSourceRefsOf(object).filter((ref) => ref.kind === kind);
  if (refs.length === 0) return;
  const { model } = context;
  const namespace = object.namespace;
  for (const ref of refs) {
    if (hasPlaceholder(ref.name) || (kind === 'ConfigMap' && PUBLISHED_CONFIG_MAPS.has(ref.name))) continue;
    const data = { field: ref.field, name: ref.name, namespace, consequence: CONSEQUENCES[ref.use](kind, ref.name) };
    const found = configSourcesNamed(model, kind, namespace, ref.name);
    if (found.length > 0) {
      if (kind === 'ConfigMap' && ref.key !== undefined && ref.keyPath) reportMissingKey(context, object, found, ref, data);
      continue;
    }
    const declared: { readonly name: string; readonly object: ManifestObject }[] = model.objectsOfKind(kind).filter((candidate) => candidate.namespace === namespace).map((candidate) => ({ name: candidate.name, object: candidate }));
    if (kind === 'Secret') for (const maker of secretMakersIn(model, namespace)) if (maker.secret) declared.push({ name: maker.secret, object: maker.object });
    if (declared.length === 0 || declared.some((candidate) => hasPlaceholder(candidate.name)) || kustomizationGenerates(model, kind)) continue;
    const candidate = closestNamed(ref.name, declared);
    const closest = candidate && editDistance(ref.name, candidate.name, MAX_TYPO_EDITS) <= MAX_TYPO_EDITS ? candidate : undefined;
    if (!closest) {
      // something the workspace runs may create it (a Role lets it): only a near name is evident
      if (createdAtRunTime(model, kind, namespace)) continue;
      // examples side by side create theirs with kubectl: speak when the namespace's are declared in the referring object's folder
      const folder = folderOf(object.file);
      if (!declared.some((declaration) => folderOf(declaration.object.file) === folder)) continue;
    }
    if (closest) {
      context.report({
        messageId: 'didYouMean',
        data: { ...data, closest: closest.name },
        path: ref.path,
        related: [{ object: closest.object, path: ['metadata', 'name'], message: `${closest.object.kind} "${closest.object.name}" is declared here` }],
        fix: replaceFix(object, ref.path, closest.name, `Change the ${kind} to "${closest.name}"`),
      });
      continue;
    }
    context.report({ messageId: 'notFound', data, path: ref.path });
  }
}

function reportMissingKey(context: RuleContext, object: ManifestObject, found: readonly ManifestObject[], ref: ConfigSourceRef, data: Readonly<Record<string, string>>): void {
  const keysOf = (configMap: ManifestObject): string[] | undefined => {
    const held = [record(at(configMap.body, 'data')), record(at(configMap.body, 'binaryData'))];
    // a ConfigMap whose data is left to a generator or a placeholder: its keys are unknown
    if (held.every((value) => value === undefined) || held.some((value) => value && hasPlaceholder(Object.keys(value).join(' ')))) return undefined;
    return held.flatMap((value) => Object.keys(value ?? {}));
  };
  const key = ref.key!;
  const keySets = found.map(keysOf);
  if (hasPlaceholder(key) || keySets.some((keys) => keys === undefined || keys.includes(key))) return;
  const keys = [...new Set(keySets.flatMap((set) => set ?? []))];
  const closest = closestName(key, keys);
  context.report({
    messageId: closest ? 'keyDidYouMean' : 'noKey',
    data: { ...data, key, keys: keys.map((candidate) => `"${candidate}"`).join(', ') || 'none', closest: closest ?? '' },
    path: ref.keyPath!,
    related: [{ object: found[0], path: ['data'], on: 'key', message: `the data of ConfigMap "${found[0].name}"` }],
    fix: closest ? replaceFix(object, ref.keyPath!, closest, `Change the key to "${closest}"`) : undefined,
  });
}
