import { clusterRecords, recordsToJson, renderRecordsText, renderZoneFile, truncatedPodsJson, truncatedPodsNote } from '../core/dns/index';
import { optionValue, rejectUnknownOptions, type ParsedArgs } from './args';
import { COMMON_OPTIONS, renderOption } from './lintCommand';
import { chooseUnit } from './clusterChoice';
import { loadConfiguration } from './loadSettings';
import { loadWorkspace } from './loadWorkspace';

/** `kube-lookup records [PATH...] [--format text|json|zone]`: every record the cluster zone holds. */
export function recordsCommand(args: ParsedArgs, output: { stdout: (text: string) => void }): number {
  rejectUnknownOptions(args, [...COMMON_OPTIONS, 'format']);
  const format = optionValue(args, 'format', ['text', 'json', 'zone']) ?? 'text';
  const { model } = chooseUnit(loadWorkspace(args.positionals, loadConfiguration(args), renderOption(args)), args);
  const { settings } = model;
  const records = clusterRecords(model);
  const note = truncatedPodsNote(model);
  const notes = note ? [note] : [];
  if (format === 'json') output.stdout(`${JSON.stringify(recordsToJson(records, settings, truncatedPodsJson(model)), null, 2)}\n`);
  else if (format === 'zone') output.stdout(renderZoneFile(records, settings, notes));
  else output.stdout(renderRecordsText(records, notes));
  return 0;
}
