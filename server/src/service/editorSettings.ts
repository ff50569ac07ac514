import { closestName } from '../core/rules/closestName';
import { rulesById } from '../core/rules/index';
import { analysisSettingsSchema, defaultSettings, withCurrentNames } from '../core/settings';
import type { EditorSettings } from './workspace';

/**
 * Turns the `kubeLookup.*` section and `files.exclude` of one folder into settings, validated by
 * the same schema the CLI uses. A bad value is reported and dropped: the rest still applies.
 */
export function editorSettingsFrom(section: unknown, filesExclude: unknown): { settings: EditorSettings; errors: string[] } {
  // kubeLookup.nodeIPs, renamed kubeLookup.nodeAddresses, still counts
  const raw: Record<string, unknown> = isRecord(section) ? withCurrentNames(section) : {};
  const errors: string[] = [];
  const exclude: string[] = [];
  if (Array.isArray(raw.exclude)) exclude.push(...raw.exclude.filter((glob): glob is string => typeof glob === 'string'));
  else if (raw.exclude !== undefined && raw.exclude !== null) errors.push('exclude: must be a list of glob patterns');
  delete raw.exclude;
  let render = true;
  if (typeof raw.render === 'boolean') render = raw.render;
  else if (raw.render !== undefined && raw.render !== null) errors.push('render: must be true or false');
  delete raw.render;
  if (isRecord(filesExclude)) for (const [glob, on] of Object.entries(filesExclude)) if (on === true) exclude.push(glob);
  // editors send null for unset values; the schema's defaults apply to those
  const input: Record<string, unknown> = {};
  // an empty kubeLookup.corefile (its default) means none
  for (const [key, value] of Object.entries(raw)) if (value !== null && value !== undefined && !(key === 'corefile' && value === '') && key in analysisSettingsSchema.shape) input[key] = value;
  for (let attempt = 0; attempt < 20; attempt++) {
    const result = analysisSettingsSchema.safeParse(input);
    if (result.success) return { settings: { analysis: result.data, exclude, render }, errors: [...errors, ...unknownRules(result.data.rules)] };
    for (const issue of result.error.issues) {
      const key = String(issue.path[0] ?? '');
      errors.push(`${issue.path.join('.') || '(settings)'}: ${issue.message}`);
      if (!(key in input)) return { settings: { analysis: defaultSettings, exclude, render }, errors };
      // one bad entry of a map (a rule's severity) drops that entry, not the whole map
      const entry = issue.path[1];
      const value = input[key];
      if (issue.path.length === 2 && isRecord(value) && String(entry) in value) input[key] = Object.fromEntries(Object.entries(value).filter(([name]) => name !== String(entry)));
      else delete input[key];
    }
  }
  return { settings: { analysis: defaultSettings, exclude, render }, errors };
}

/** Rule ids of `kubeLookup.rules` that name no rule: a misspelt id would otherwise be ignored without a word. */
function unknownRules(rules: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(rules).filter((id) => !rulesById.has(id)).map((id) => {
    const closest = closestName(id, rulesById.keys());
    return `rules.${id}: unknown rule${closest ? ` (did you mean "${closest}"?)` : ''}`;
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
