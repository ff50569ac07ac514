import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateWorkspace, type GeneratedWorkspace } from './generateWorkspace';

/**
 * A repository of variants: one Kustomize base of N applications (the generated monorepo, planted
 * mistakes included) and K overlays that each build on the whole base with a patch of their own.
 * Every overlay is an apply unit holding every base file, so the base is checked K times; each
 * planted mistake must still be reported once.
 */
export interface VariantWorkspace extends GeneratedWorkspace {
  readonly overlays: number;
  /** The base alone: the same applications as one cluster. */
  readonly base: GeneratedWorkspace;
}

export function generateVariants(root: string, appCount: number, overlays: number): VariantWorkspace {
  const base = generateWorkspace(path.join(root, 'base'), appCount);
  const resources = base.apps.flatMap((app) => app.files).sort();
  fs.writeFileSync(path.join(root, 'base', 'kustomization.yaml'), `resources:\n${resources.map((file) => `- ${file.split(path.sep).join('/')}`).join('\n')}\n`);
  const first = base.apps.find((app) => app.shape === 'web')!;
  let bytes = base.bytes;
  for (let index = 1; index <= overlays; index++) {
    const folder = path.join(root, 'overlays', `variant-${String(index).padStart(2, '0')}`);
    fs.rmSync(folder, { recursive: true, force: true });
    fs.mkdirSync(folder, { recursive: true });
    const kustomization = `resources:\n- ../../base\npatches:\n- path: replicas.yaml\n`;
    const patch = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${first.name}\n  namespace: ${first.namespace}\nspec:\n  replicas: ${index + 1}\n`;
    fs.writeFileSync(path.join(folder, 'kustomization.yaml'), kustomization);
    fs.writeFileSync(path.join(folder, 'replicas.yaml'), patch);
    bytes += kustomization.length + patch.length;
  }
  return { ...base, root, overlays, base, fileCount: base.fileCount + 1 + 2 * overlays, bytes };
}
