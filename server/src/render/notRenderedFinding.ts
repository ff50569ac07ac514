import type { ClusterModel } from '../core/model/clusterModel';
import { rulesById } from '../core/rules/index';
import { effectiveSeverity, formatMessage } from '../core/rules/runRules';
import type { Finding } from '../core/rules/types';
import type { ApplyUnit } from '../core/units/applyUnit';
import { normalizePath } from '../core/units/workspacePath';

/**
 * The `kustomize-not-rendered` finding, unless the rule is off: on the remote resource's entry in the
 * kustomization that lists it, else on the first line of the root's kustomization that is not a
 * comment (the build as a whole is what was not done).
 */
export function notRenderedFinding(model: ClusterModel, unit: ApplyUnit, textOf: (file: string) => string | undefined, messageId: string, data: Readonly<Record<string, string>>): Finding | undefined {
  const rule = rulesById.get('kustomize-not-rendered')!;
  const severity = effectiveSeverity(model, rule);
  if (!severity) return undefined;
  const finding = (file: string, span: { start: number; end: number }): Finding => ({ ruleId: rule.meta.id, messageId, severity, message: formatMessage(rule.meta.messages[messageId], data), file, span, related: [], fixes: [] });
  const root = unit.support.find((file) => normalizePath(file) === unit.root) ?? unit.root!;
  if (messageId === 'remote') {
    for (const file of [root, ...unit.support]) {
      const text = textOf(file) ?? '';
      const at = text.indexOf(data.remote);
      if (at >= 0) return finding(file, { start: at, end: at + data.remote.length });
    }
  }
  const text = textOf(root) ?? '';
  // the first line that is not a comment, less a comment at its end
  const line = /^([ \t]*)([^#\s](?:[^\r\n#]|#(?<=\S#))*?)[ \t]*(?:[ \t]#.*)?$/m.exec(text);
  return finding(root, line ? { start: line.index + line[1].length, end: line.index + line[1].length + line[2].length } : { start: 0, end: 0 });
}
