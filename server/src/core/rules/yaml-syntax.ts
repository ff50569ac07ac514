import { defineRule } from './types';

/** Reported by the parser, not by a check: a document that is not valid YAML. */
export default defineRule({
  meta: {
    id: 'yaml-syntax',
    description: 'The file is not valid YAML; the documents with errors are left out of the cluster model.',
    remediation: 'Fix the YAML syntax at the marked place; the other documents of the file are still analysed.',
    severity: 'error',
    kinds: [],
    scope: 'file',
    messages: { syntax: '{{message}}' },
    example: { wrong: 'metadata:\n  name: web\n   namespace: shop', right: 'metadata:\n  name: web\n  namespace: shop' },
  },
});
