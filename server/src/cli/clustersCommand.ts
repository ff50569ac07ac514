import { optionValue, rejectUnknownOptions, type ParsedArgs } from './args';
import { relativePath } from './findingPositions';
import { COMMON_OPTIONS } from './lintCommand';
import { loadConfiguration } from './loadSettings';
import { loadWorkspace } from './loadWorkspace';

/** `kube-lookup clusters [PATH...] [--format text|json]`: the apply units found, and their files. */
export function clustersCommand(args: ParsedArgs, output: { stdout: (text: string) => void }): number {
  rejectUnknownOptions(args, [...COMMON_OPTIONS, 'format']);
  const format = optionValue(args, 'format', ['text', 'json']) ?? 'text';
  const workspace = loadWorkspace(args.positionals, loadConfiguration(args));
  const units = workspace.units.map(({ unit, model }) => ({
    name: unit.name,
    kind: unit.kind,
    root: unit.root === undefined ? null : relativePath(unit.root),
    files: unit.files.map((file) => ({ file: relativePath(file), objects: workspace.files.get(file)?.objects.length ?? 0 })),
    support: unit.support.map(relativePath),
    remote: unit.remote,
    clusterDomain: model.settings.clusterDomain,
  }));
  if (format === 'json') {
    output.stdout(`${JSON.stringify({ clusters: units }, null, 2)}\n`);
    return 0;
  }
  const lines: string[] = [];
  for (const unit of units) {
    const objects = unit.files.reduce((count, file) => count + file.objects, 0);
    lines.push(`${unit.name}  (${unit.kind}${unit.root ? `: ${unit.root}` : ''}; ${unit.files.length} ${unit.files.length === 1 ? 'file' : 'files'}, ${objects} ${objects === 1 ? 'object' : 'objects'})`);
    for (const file of unit.files) lines.push(`  ${file.file}${file.objects === 0 ? '  (no objects)' : ''}`);
    for (const file of unit.support) lines.push(`  ${file}  (read, not applied: kustomization, patch or generator input)`);
    for (const reference of unit.remote) lines.push(`  ${reference}  (remote: not followed)`);
    lines.push('');
  }
  output.stdout(lines.join('\n'));
  return 0;
}
