import { defineRule } from './types';

/** Reported by the parser: Helm and other Go templates are not YAML until rendered. */
export default defineRule({
  meta: {
    id: 'templated-file',
    description: 'A template action (`{{ … }}`, `{% … %}`) stands where YAML structure stands (a whole value, a key, a line of its own), so the file is not YAML until rendered and is skipped rather than reported as broken. A `{{` inside a string value, block scalar or quoted text (alert and dashboard templates, Argo CD placeholders) is text: such files are read.',
    remediation: 'Lint the rendered output instead, for example `helm template . | kube-lookup lint -` or by linting the rendered folder.',
    severity: 'info',
    kinds: [],
    scope: 'file',
    messages: { templated: '{{message}}' },
    example: { wrong: 'metadata:\n  name: {{ .Release.Name }}-web', right: 'metadata:\n  name: shop-web' },
  },
});
