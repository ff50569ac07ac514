import type { ClusterModel, ManifestFile } from '../model/clusterModel';
import type { ManifestObject } from '../model/manifestObject';
import type { Severity } from '../settings';
import { rules as allRules, rulesById } from './index';
import { elidedMessage } from './elidedMessage';
import { mergeSameSpanFindings } from './sameSpanFindings';
import { isSuppressed, lineOf, scanSuppressions } from './suppressions';
import type { Finding, ObjectPlace, Report, Rule, RuleContext } from './types';
import type { Span } from '../yaml/span';

export interface RuleFailure {
  readonly ruleId: string;
  readonly objectId: string;
  readonly error: string;
}

export interface LintOptions {
  /** Compute each finding's quick fixes (the editor offers them; the CLI prints none). Default true. */
  readonly fixes?: boolean;
  /**
   * False when the model holds only part of its cluster (a chart's templates not rendered, a remote
   * base not fetched): rules that read other objects are not run, since what they miss may be there.
   */
  readonly wholeCluster?: boolean;
}

export interface LintResult {
  readonly findings: Finding[];
  /** Rules that threw; the other rules still reported. */
  readonly failures: RuleFailure[];
}

/** Fills `{{name}}` placeholders. */
export function formatMessage(template: string, data: Readonly<Record<string, string | number>> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in data ? String(data[key]) : whole));
}

/** The severity a rule runs at under the settings, or undefined when it is off. */
export function effectiveSeverity(model: ClusterModel, rule: Rule): Severity | undefined {
  const configured = model.settings.rules[rule.meta.id];
  if (configured === 'off') return undefined;
  return configured ?? rule.meta.severity;
}

/**
 * Runs the enabled rules over the objects of the given files (all files when none are given),
 * plus the file-level findings of the parser. A rule that throws is recorded and skipped; findings
 * switched off by suppression comments in their file are dropped.
 */
export function lintFiles(model: ClusterModel, files?: Iterable<string>, options: LintOptions = {}): LintResult {
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  const entries = files ? [...files].map((file) => model.file(file)).filter((entry) => entry !== undefined) : [...model.files()];
  const objectRules = enabledObjectRules(model, options);
  for (const entry of entries) lintEntry(model, entry, objectRules, findings, failures, options);
  return { findings, failures };
}

/** The object rules that are on under the model's settings (one list per settings object and scope). */
export function enabledObjectRules(model: ClusterModel, options: LintOptions = {}): readonly Rule[] {
  const cache = options.wholeCluster === false ? enabledInPartsBySettings : enabledBySettings;
  let enabled = cache.get(model.settings);
  if (!enabled) {
    enabled = allRules.filter((rule) => rule.check && effectiveSeverity(model, rule) && (options.wholeCluster !== false || rule.meta.scope !== 'cluster'));
    cache.set(model.settings, enabled);
  }
  return enabled;
}

const enabledBySettings = new WeakMap<ClusterModel['settings'], readonly Rule[]>();
const enabledInPartsBySettings = new WeakMap<ClusterModel['settings'], readonly Rule[]>();

/** The findings of one file: its parse issues, then every enabled rule on each of its objects, less the suppressed, same-span repeats merged. */
export function lintEntry(model: ClusterModel, entry: ManifestFile, objectRules: readonly Rule[], findings: Finding[], failures: RuleFailure[], options: LintOptions = {}): void {
  const firstOfFile = findings.length;
  lintIssues(model, entry, findings);
  for (const object of entry.objects) lintObject(model, object, objectRules, findings, failures, options);
  finishFileFindings(findings, firstOfFile, entry.text);
}

/** The parser's findings of a file (syntax, skipped, templated), at their rules' severities. */
export function lintIssues(model: ClusterModel, entry: ManifestFile, findings: Finding[]): void {
  for (const issue of entry.issues) {
    const rule = rulesById.get(issue.ruleId);
    const severity = rule && effectiveSeverity(model, rule);
    if (!rule || !severity) continue;
    findings.push({ ruleId: issue.ruleId, messageId: Object.keys(rule.meta.messages)[0], severity, message: issue.message, file: entry.file, span: issue.span, related: [], fixes: [] });
  }
}

/** Every enabled rule of the object's kind on one object, seen from its own file (alternatives.ts); a rule that throws is recorded and skipped. */
export function lintObject(model: ClusterModel, object: ManifestObject, objectRules: readonly Rule[], findings: Finding[], failures: RuleFailure[], options: LintOptions = {}): void {
  const withFixes = options.fixes ?? true;
  model.seenFrom(object.file, () => {
    for (const rule of rulesForKind(objectRules, object.kind)) {
      try {
        rule.check!(new RuleRun(model, rule, object, findings, withFixes), object);
      } catch (error) {
        failures.push({ ruleId: rule.meta.id, objectId: object.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    }
  });
}

/** The end of a file's lint: the findings from `first` on less the suppressed, same-span repeats merged. */
export function finishFileFindings(findings: Finding[], first: number, text: string): void {
  dropSuppressed(findings, first, text);
  mergeSameSpanFindings(findings, first);
}

/** The rules of a list that check objects of a kind, worked out once per list and kind. */
function rulesForKind(objectRules: readonly Rule[], kind: string): readonly Rule[] {
  let byKind = rulesByKind.get(objectRules);
  if (!byKind) {
    byKind = new Map();
    rulesByKind.set(objectRules, byKind);
  }
  let rules = byKind.get(kind);
  if (!rules) {
    rules = objectRules.filter((rule) => rule.meta.kinds.includes(kind) || rule.meta.kinds.includes('*'));
    byKind.set(kind, rules);
  }
  return rules;
}

const rulesByKind = new WeakMap<readonly Rule[], Map<string, readonly Rule[]>>();

/** Removes the findings from `first` on that a `# kube-lookup-disable-…` comment of the file switches off. */
export function dropSuppressed(findings: Finding[], first: number, text: string): void {
  const suppressions = scanSuppressions(text);
  if (suppressions.file !== 'all' && suppressions.file.size === 0 && suppressions.lines.size === 0) return;
  const kept = findings.slice(first).filter((finding) => !isSuppressed(suppressions, finding.ruleId, lineOf(text, finding.span)));
  findings.splice(first, findings.length - first, ...kept);
}

/** One rule checking one object: where its reports go. A class, as there is one per object and rule. */
class RuleRun implements RuleContext {
  readonly settings: ClusterModel['settings'];

  constructor(
    readonly model: ClusterModel,
    private readonly rule: Rule,
    private readonly object: ManifestObject,
    private readonly sink: Finding[],
    private readonly withFixes: boolean,
  ) {
    this.settings = model.settings;
  }

  locate(place: ObjectPlace): ReturnType<RuleContext['locate']> {
    return locatePlace(this.model, place);
  }

  report(report: Report): void {
    const { rule, object, model } = this;
    const template = rule.meta.messages[report.messageId];
    if (template === undefined) throw new Error(`rule ${rule.meta.id} has no message "${report.messageId}"`);
    const place = locatePlace(model, { object, path: report.path, on: report.on });
    const fix = this.withFixes ? report.fix?.(this) : undefined;
    this.sink.push({
      ruleId: rule.meta.id,
      messageId: report.messageId,
      severity: effectiveSeverity(model, rule)!,
      message: elidedMessage(formatMessage(template, report.data)),
      file: object.file,
      span: report.part ? narrowed(model, place.file, place.span, report.part) : place.span,
      objectId: object.id,
      related: (report.related ?? []).map((related) => {
        const located = locatePlace(model, related);
        return { file: located.file, span: located.span, message: elidedMessage(related.message) };
      }),
      fixes: fix ? [fix] : [],
    });
  }
}

/** The span of the first occurrence of `part` inside `span` as written; the whole span when it is not written as is (escaped in a quoted string). */
function narrowed(model: ClusterModel, file: string, span: Span, part: string): Span {
  const text = model.file(file)?.text;
  const index = text === undefined ? -1 : text.slice(span.start, span.end).indexOf(part);
  return index < 0 ? span : { start: span.start + index, end: span.start + index + part.length };
}

/** The span of a path of an object, parsed again on demand from its file's text. */
export function locatePlace(model: ClusterModel, place: ObjectPlace): ReturnType<RuleContext['locate']> {
  const { object, path, on } = place;
  const entry = model.file(object.file);
  if (!entry) return { file: object.file, span: object.documentSpan, found: false };
  const location = entry.locator.locate(object.documentSpan, [...object.basePath, ...path]);
  const found = location.depth === object.basePath.length + path.length;
  const span = on === 'key' && location.key ? location.key : found ? location.value : (location.key ?? location.value);
  return { file: object.file, span, keySpan: location.key, found };
}
