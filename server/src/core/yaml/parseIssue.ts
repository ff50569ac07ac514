import type { Span } from './span';

/** A problem found while reading a file, before any Kubernetes meaning is given to it. */
export interface ParseIssue {
  /** `yaml-syntax`, `templated-file` or `file-skipped`: the ids of the file-level rules. */
  readonly ruleId: 'yaml-syntax' | 'templated-file' | 'file-skipped';
  readonly message: string;
  readonly span: Span;
}
