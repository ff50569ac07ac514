import { defineRule } from './types';

/** Reported by the reader: a file too large, binary, or otherwise not analysable. */
export default defineRule({
  meta: {
    id: 'file-skipped',
    description: 'The file was not analysed: it is over a size, document-count or nesting limit, holds binary data, or could not be read.',
    remediation: 'Raise the setting the message names (maxFileSize, maxDocuments or maxNestingDepth) if the file is a real manifest, or exclude it from analysis.',
    severity: 'info',
    kinds: [],
    scope: 'file',
    messages: { skipped: '{{message}}' },
  },
});
