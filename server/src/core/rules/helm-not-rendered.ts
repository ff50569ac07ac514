import { defineRule } from './types';

/**
 * Reported by the rendering step (see render/helmCluster.ts; the CLI and the language server): a Helm chart whose templates were not rendered
 * with `helm template`, once per chart on its `Chart.yaml`, instead of a `templated-file` finding
 * per template. Only its templates that are plain YAML are read, and no check that reads other
 * objects runs on it.
 */
export default defineRule({
  meta: {
    id: 'helm-not-rendered',
    description: 'A Helm chart was not rendered: helm is not on PATH, rendering is turned off, the editor\'s workspace is not trusted, a dependency is missing from its charts/ folder, it is a library chart, or helm failed on it or ran over a limit. Its templates are not checked, and no check that reads other objects runs on the chart.',
    remediation: 'Install Helm 3 and put it on PATH so that kube-lookup runs `helm template` on the chart; run `helm dependency build` for missing dependencies; or lint the output yourself: `helm template RELEASE CHART | kube-lookup lint -`.',
    severity: 'info',
    kinds: [],
    scope: 'file',
    messages: {
      noTool: 'Not rendered: helm is not on PATH, so the chart\'s templates are not checked; install Helm 3 to have kube-lookup run `helm template`, or pipe its output into `kube-lookup lint -`.',
      disabled: 'Not rendered: rendering is turned off (--no-render, or kubeLookup.render in the editor), so the chart\'s templates are not checked.',
      untrusted: 'Not rendered: this workspace is not trusted, and kube-lookup runs helm only in trusted workspaces, so the chart\'s templates are not checked. Trust the workspace to render it.',
      missingDependency: 'Not rendered: dependency "{{dependency}}" is not in the chart\'s charts/ folder, and kube-lookup does not fetch over the network; run `helm dependency build` first.',
      failed: 'Not rendered: helm template failed: {{error}}; the chart\'s templates are not checked.',
      library: 'Not rendered: a library chart renders no objects of its own; it is checked where a chart that uses it is rendered.',
    },
    example: {
      wrong: 'dependencies:\n- name: redis\n  version: 19.x.x\n  repository: oci://registry.example/charts   # charts/ holds no redis',
      right: 'dependencies:\n- name: redis\n  version: 19.x.x\n  repository: oci://registry.example/charts   # charts/redis-19.6.4.tgz, from `helm dependency build`',
    },
  },
});
