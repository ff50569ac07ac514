import type { Rule, RuleMeta } from './types';

/** Where the generated page of a rule lives, relative to the repository root. */
export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}

/** The page of one rule, generated from its meta so the docs never drift from the code. */
export function renderRuleDoc(rule: Rule): string {
  const meta = rule.meta;
  const out: string[] = [
    `# \`${meta.id}\``,
    '',
    markdown(meta.description),
    '',
    `- **Default severity:** ${meta.severity}`,
    `- **Reports on:** ${appliesTo(meta)}`,
    `- **Reads:** ${meta.scope === 'cluster' ? 'other objects of the workspace too, so a change elsewhere can change its findings' : meta.scope === 'object' ? 'the object alone' : 'the file as the reader sees it'}`,
    '',
    '## Messages',
    '',
    ...Object.entries(meta.messages).map(([id, template]) => `- \`${id}\`: ${markdown(template.replace(/\{\{(\w+)\}\}/g, '<$1>'))}`),
    '',
    '## How to fix',
    '',
    markdown(meta.remediation),
  ];
  if (meta.example) {
    out.push('', '## Wrong', '', '```yaml', meta.example.wrong, '```', '', '## Right', '', '```yaml', meta.example.right, '```');
  }
  out.push(
    '',
    '## Configuration',
    '',
    'Change the severity or switch the rule off in `.kube-lookup.yaml`:',
    '',
    '```yaml',
    'rules:',
    `  ${meta.id}: off   # or error, warning, info, hint`,
    '```',
    '',
    `Silence one finding with \`# kube-lookup-disable-next-line ${meta.id}\` on the line above it, or a whole file with \`# kube-lookup-disable-file ${meta.id}\`.`,
    '',
  );
  return out.join('\n');
}

/** The catalogue as a Markdown table, each id linking to its page. */
export function renderCatalogueMarkdown(rules: readonly Rule[], linkPrefix = ''): string {
  const rows = rules.map((rule) => `| [\`${rule.meta.id}\`](${linkPrefix}${rule.meta.id}.md) | ${rule.meta.severity} | ${cell(markdown(rule.meta.description))} | ${cell(markdown(rule.meta.remediation))} |`);
  return ['# kube-lookup rules', '', `${rules.length} rules. Generated from the rules' metadata by \`kube-lookup rules --format markdown\`.`, '', '| rule | default severity | what it catches | how to fix |', '| --- | --- | --- | --- |', ...rows, ''].join('\n');
}

function appliesTo(meta: RuleMeta): string {
  if (meta.kinds.includes('*')) return 'objects of every kind';
  if (meta.kinds.length === 0) return 'files (reported by the reader)';
  return meta.kinds.join(', ');
}

/** Prose for Markdown: `<` outside code spans is escaped, so placeholders such as <pod> stay visible. */
function markdown(text: string): string {
  return text.split('`').map((part, index) => (index % 2 === 0 ? part.replace(/</g, '&lt;') : part)).join('`');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}
