import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../core/rules/index';
import { renderCatalogueMarkdown, renderRuleDoc, ruleDocPath } from '../core/rules/ruleDocs';
import { optionValue, rejectUnknownOptions, type ParsedArgs } from './args';
import { UsageError } from './usageError';

/**
 * `kube-lookup rules [--format text|json|markdown] [--write-docs DIR]`: the rule catalogue;
 * `--write-docs` writes one page per rule plus an index (how docs/rules/ is generated).
 */
export function rulesCommand(args: ParsedArgs, output: { stdout: (text: string) => void }): number {
  rejectUnknownOptions(args, ['format', 'write-docs', 'help']);
  if (args.positionals.length > 0) throw new UsageError(`rules takes no path (got "${args.positionals[0]}")`);
  const docsFolder = optionValue(args, 'write-docs');
  if (docsFolder !== undefined) {
    writeDocs(docsFolder);
    output.stdout(`wrote ${rules.length} rule pages and README.md to ${docsFolder}\n`);
    return 0;
  }
  const format = optionValue(args, 'format', ['text', 'json', 'markdown']) ?? 'text';
  if (format === 'json') {
    const catalogue = rules.map(({ meta }) => ({ id: meta.id, severity: meta.severity, kinds: meta.kinds, scope: meta.scope, description: meta.description, remediation: meta.remediation, docs: ruleDocPath(meta.id) }));
    output.stdout(JSON.stringify({ rules: catalogue }, null, 2) + '\n');
  } else if (format === 'markdown') {
    output.stdout(renderCatalogueMarkdown(rules, 'docs/rules/'));
  } else {
    const width = Math.max(...rules.map((rule) => rule.meta.id.length));
    const blocks = rules.map(({ meta }) => `${meta.id.padEnd(width)}  ${meta.severity}\n  ${meta.description}\n  Fix: ${meta.remediation}`);
    output.stdout(`${blocks.join('\n\n')}\n\n${rules.length} rules; severities can be changed per rule in .kube-lookup.yaml (rules: {<id>: off|error|warning|info|hint}).\n`);
  }
  return 0;
}

function writeDocs(folder: string): void {
  try {
    fs.mkdirSync(folder, { recursive: true });
    for (const rule of rules) fs.writeFileSync(path.join(folder, `${rule.meta.id}.md`), renderRuleDoc(rule));
    fs.writeFileSync(path.join(folder, 'README.md'), renderCatalogueMarkdown(rules));
  } catch (error) {
    throw new UsageError(`cannot write the rule docs to ${folder}: ${(error as Error).message}`);
  }
}
