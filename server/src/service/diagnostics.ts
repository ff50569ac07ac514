import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { RuleFailure } from '../core/rules/runRules';
import type { Finding } from '../core/rules/types';
import type { Severity } from '../core/settings';
import { spanToRange } from './positions';

export const DIAGNOSTIC_SOURCE = 'kube-lookup';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Rules whose finding marks text the cluster never uses, which editors may fade out. */
const UNNECESSARY = new Set(['endpoints-without-service']);

/** Where a rule is documented; decided by the server from the package it runs from. */
export type RuleDocUrl = (ruleId: string) => string | undefined;

/** The text of a file the findings name, to turn their spans into ranges. */
export type TextOf = (file: string) => string | undefined;

export function toDiagnostic(textOf: TextOf, finding: Finding, ruleDocUrl: RuleDocUrl): Diagnostic {
  const text = textOf(finding.file) ?? '';
  const href = ruleDocUrl(finding.ruleId);
  const diagnostic: Diagnostic = {
    range: spanToRange(finding.file, text, finding.span),
    severity: SEVERITY[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    message: finding.message,
  };
  if (href) diagnostic.codeDescription = { href };
  if (UNNECESSARY.has(finding.ruleId)) diagnostic.tags = [DiagnosticTag.Unnecessary];
  if (finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((related) => ({
      location: { uri: related.file, range: spanToRange(related.file, textOf(related.file) ?? '', related.span) },
      message: related.message,
    }));
  }
  return diagnostic;
}

export interface DiagnosticsUpdate {
  /** Files whose diagnostics changed since they were last published. */
  readonly changed: { readonly uri: string; readonly diagnostics: Diagnostic[] }[];
  /** Rules that threw on some object; the rest of the file was still checked. */
  readonly failures: readonly RuleFailure[];
}

/** Where the tracker reads a file's findings: a workspace folder, whose files' findings merge those of their clusters. */
export interface FindingsSource {
  textOf(file: string): string | undefined;
  findings(file: string): readonly Finding[];
  failuresOf(file: string): readonly RuleFailure[];
}

/**
 * Remembers what was last published for each file and the findings behind it (code actions use
 * them), so a re-lint publishes only the files whose diagnostics actually changed.
 */
export class DiagnosticsTracker {
  private readonly published = new Map<string, { key: string; findings: readonly Finding[] }>();

  constructor(private readonly ruleDocUrl: RuleDocUrl) {}

  /** Takes the current findings of the files (linted already) and compares them with what was published. */
  update(source: FindingsSource, files: readonly string[]): DiagnosticsUpdate {
    const changed: DiagnosticsUpdate['changed'] = [];
    const failures: RuleFailure[] = [];
    const textOf: TextOf = (file) => source.textOf(file);
    for (const uri of new Set(files)) {
      if (source.textOf(uri) === undefined) continue;
      const fileFindings = source.findings(uri);
      failures.push(...source.failuresOf(uri));
      const diagnostics = fileFindings.map((finding) => toDiagnostic(textOf, finding, this.ruleDocUrl));
      const key = JSON.stringify(diagnostics);
      const previous = this.published.get(uri);
      this.published.set(uri, { key, findings: fileFindings });
      if (previous?.key !== key && !(previous === undefined && diagnostics.length === 0)) changed.push({ uri, diagnostics });
    }
    return { changed, failures };
  }

  /** Forgets files (deleted, excluded, or of a removed folder); returns those that had diagnostics. */
  clear(uris: Iterable<string>): string[] {
    const cleared: string[] = [];
    for (const uri of uris) {
      const previous = this.published.get(uri);
      if (this.published.delete(uri) && previous && previous.key !== '[]') cleared.push(uri);
    }
    return cleared;
  }

  findingsOf(uri: string): readonly Finding[] {
    return this.published.get(uri)?.findings ?? [];
  }

  knownFiles(): IterableIterator<string> {
    return this.published.keys();
  }
}
