import type { ClusterModel } from '../model/clusterModel';
import type { ManifestObject } from '../model/manifestObject';
import type { AnalysisSettings, Severity } from '../settings';
import type { ValuePath } from '../yaml/sourceLocator';
import type { Span } from '../yaml/span';

export interface RuleMeta {
  /** Kebab-case; also the file name, the diagnostic code and the fixture folder. */
  readonly id: string;
  /** One line, shown in the catalogue. */
  readonly description: string;
  /** What to do about it; ends with a period. */
  readonly remediation: string;
  readonly severity: Severity;
  /** The kinds of object the rule reports on; `*` for every kind; empty for file-level rules. */
  readonly kinds: readonly string[];
  /** `cluster` rules read other objects too, so any change can change their findings. */
  readonly scope: 'file' | 'object' | 'cluster';
  /** Message templates by id, with `{{placeholder}}`s. */
  readonly messages: Readonly<Record<string, string>>;
  /** A short example of the mistake and of the fix, for the rule's documentation. */
  readonly example?: { readonly wrong: string; readonly right: string };
}

/** Text edits in one file, applied together. */
export interface Fix {
  readonly title: string;
  readonly edits: readonly { readonly file: string; readonly span: Span; readonly newText: string }[];
}

export interface RelatedLocation {
  readonly file: string;
  readonly span: Span;
  readonly message: string;
}

export interface Finding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly span: Span;
  readonly objectId?: string;
  readonly related: readonly RelatedLocation[];
  readonly fixes: readonly Fix[];
}

/** A place inside an object: a path below it, on the key or on the value. */
export interface ObjectPlace {
  readonly object: ManifestObject;
  readonly path: ValuePath;
  readonly on?: 'key' | 'value';
}

export interface Report {
  readonly messageId: string;
  readonly data?: Readonly<Record<string, string | number>>;
  readonly path: ValuePath;
  readonly on?: 'key' | 'value';
  /** Text inside the value the finding is about (a host inside a URL, a line of a config file): the span narrows to where it is first written. */
  readonly part?: string;
  readonly related?: readonly (ObjectPlace & { readonly message: string })[];
  readonly fix?: (place: RuleContext) => Fix | undefined;
}

export interface RuleContext {
  readonly model: ClusterModel;
  readonly settings: AnalysisSettings;
  report(report: Report): void;
  /** The span of a path of any object, for fixes and related locations. */
  locate(place: ObjectPlace): { file: string; span: Span; keySpan?: Span; found: boolean };
}

export interface Rule {
  readonly meta: RuleMeta;
  /** Reports only on `object`, though it may read the whole model. Absent for file-level rules. */
  readonly check?: (context: RuleContext, object: ManifestObject) => void;
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
