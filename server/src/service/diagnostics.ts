import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import type { RuleFailure } from '../core/rules/runRules';
import type { Finding } from '../core/rules/types';
import type { Severity } from '../core/settings';
import { cappedDiagnostic, shownFindings } from './diagnosticsCap';
import { spanToRange } from './positions';

export const DIAGNOSTIC_SOURCE = 'kube-lookup';

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Diagnostics converted between two looks at the clock. */
const CONVERT_BETWEEN_PAUSES = 64;

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
 * them), so a re-lint publishes only the files whose diagnostics actually changed. A file publishes
 * at most MAX_DIAGNOSTICS_PER_FILE of its findings, and then one more diagnostic that says so.
 */
export class DiagnosticsTracker {
  private readonly published = new Map<string, { key: string; findings: readonly Finding[] }>();

  constructor(private readonly ruleDocUrl: RuleDocUrl) {}

  /** Takes the current findings of the files (linted already) and compares them with what was published. */
  update(source: FindingsSource, files: readonly string[]): DiagnosticsUpdate {
    const steps = this.updateInSteps(source, files);
    while (!steps.step());
    return steps.result;
  }

  /**
   * As `update`, a slice at a time: `step()` turns findings into diagnostics until `pause` says to,
   * and is true once `result` holds every file. A file's new diagnostics are remembered as
   * published in the step that finishes it, so a caller that gives up between steps (the file was
   * edited) leaves the tracker as it was for that file.
   */
  updateInSteps(source: FindingsSource, files: readonly string[]): { step(pause?: () => boolean): boolean; readonly result: DiagnosticsUpdate } {
    const result: { changed: DiagnosticsUpdate['changed']; failures: RuleFailure[] } = { changed: [], failures: [] };
    const queue = [...new Set(files)];
    let current: { uri: string; text: string; findings: readonly Finding[]; shown: readonly Finding[]; diagnostics: Diagnostic[]; keys: string[] } | undefined;
    const step = (pause: () => boolean = () => false): boolean => {
      for (;;) {
        if (!current) {
          const uri = queue.shift();
          if (uri === undefined) return true;
          const text = source.textOf(uri);
          if (text === undefined) continue;
          const findings = source.findings(uri);
          current = { uri, text, findings, shown: shownFindings(findings), diagnostics: [], keys: [] };
          result.failures.push(...source.failuresOf(uri));
          // the file's line table, built on first use, is a step of its own: 50 ms for 5 MB
          if (findings.length > 0 && pause()) return false;
          spanToRange(uri, text, { start: 0, end: 0 });
          if (pause()) return false;
        }
        const { uri, text, findings, shown, diagnostics, keys } = current;
        // the file's text as it was linted, whatever comes meanwhile (the caller gives up then)
        const textOf: TextOf = (file) => (file === uri ? text : source.textOf(file));
        while (diagnostics.length < shown.length) {
          const diagnostic = toDiagnostic(textOf, shown[diagnostics.length], this.ruleDocUrl);
          diagnostics.push(diagnostic);
          keys.push(JSON.stringify(diagnostic));
          if (diagnostics.length % CONVERT_BETWEEN_PAUSES === 0 && pause()) return false;
        }
        if (shown.length < findings.length && diagnostics.length === shown.length) {
          const capped = cappedDiagnostic(text, findings.length, shown.length, DIAGNOSTIC_SOURCE);
          diagnostics.push(capped);
          keys.push(JSON.stringify(capped));
        }
        // what JSON.stringify(diagnostics) gives, put together a diagnostic at a time
        const key = `[${keys.join(',')}]`;
        const previous = this.published.get(uri);
        this.published.set(uri, { key, findings });
        if (previous?.key !== key && !(previous === undefined && diagnostics.length === 0)) result.changed.push({ uri, diagnostics });
        current = undefined;
      }
    };
    return { step, result };
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
