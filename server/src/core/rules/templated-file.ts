import { defineRule } from './types';

/** Reported by the parser: Helm and other Go templates are not YAML until rendered. */
export default defineRule({
  meta: {
    id: 'templated-file',
    description: 'The file contains template actions ({{ … }}), so it is skipped rather than reported as broken YAML.',
    remediation: 'Lint the rendered output instead, for example `helm template . | kube-lookup lint -` or by linting the rendered folder.',
    severity: 'info',
    kinds: [],
    scope: 'file',
    messages: { templated: '{{message}}' },
    example: { wrong: 'metadata:\n  name: {{ .Release.Name }}-web', right: 'metadata:\n  name: shop-web' },
  },
});
