import { defineRule } from './types';

/**
 * Reported by the CLI's rendering step (see render/): a Kustomize root that was read as written
 * instead of built, so `namespace`, `namePrefix`, `labels` and patches are not applied to it.
 */
export default defineRule({
  meta: {
    id: 'kustomize-not-rendered',
    description: 'A Kustomize root was not built: it has remote resources, kustomize failed on it, or neither kustomize nor kubectl is on PATH; its files are read as written.',
    remediation: 'Vendor remote bases into the repository, fix the error kustomize prints, or install kustomize or kubectl; until then the namespace, name prefix, labels and patches of the kustomization are not applied.',
    severity: 'info',
    kinds: [],
    scope: 'file',
    messages: {
      remote: 'Not rendered: {{remote}} is a remote resource, and kube-lookup does not fetch over the network; the files are read as written.',
      failed: 'Not rendered: {{tool}} failed: {{error}}; the files are read as written.',
      noTool: 'Not rendered: neither kustomize nor kubectl is on PATH; the files are read as written.',
    },
    example: {
      wrong: 'resources:\n- github.com/example/platform//deploy/base?ref=v1.2.0',
      right: 'resources:\n- ../../vendor/platform/deploy/base',
    },
  },
});
