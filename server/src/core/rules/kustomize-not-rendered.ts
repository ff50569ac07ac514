import { defineRule } from './types';

/**
 * Reported by the rendering step of the CLI and of the editor (see render/): a Kustomize root that
 * was read as written instead of built, so `namespace`, `namePrefix`, `labels` and patches are not
 * applied to it.
 */
export default defineRule({
  meta: {
    id: 'kustomize-not-rendered',
    description: 'A Kustomize root was not built: it has remote resources, kustomize failed on it, neither kustomize nor kubectl is on PATH, or (in the editor) the workspace is not trusted; its files are read as written.',
    remediation: 'Vendor remote bases into the repository, fix the error kustomize prints, install kustomize or kubectl, or trust the workspace (Workspace Trust) if you trust its kustomizations; until then the namespace, name prefix, labels and patches of the kustomization are not applied.',
    severity: 'info',
    kinds: [],
    scope: 'file',
    messages: {
      remote: 'Not rendered: {{remote}} is a remote resource, and kube-lookup does not fetch over the network; the files are read as written.',
      failed: 'Not rendered: {{tool}} failed: {{error}}; the files are read as written.',
      noTool: 'Not rendered: neither kustomize nor kubectl is on PATH; the files are read as written.',
      untrusted: 'Not rendered: this workspace is not trusted, and kube-lookup runs kustomize only in trusted workspaces; the files are read as written. Trust the workspace to render it.',
    },
    example: {
      wrong: 'resources:\n- github.com/example/platform//deploy/base?ref=v1.2.0',
      right: 'resources:\n- ../../vendor/platform/deploy/base',
    },
  },
});
