import { clusterRecords, recordsToJson, renderRecordsText, renderZoneFile } from '../core/dns/index';
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
  if (format === 'json') output.stdout(`${JSON.stringify(recordsToJson(records, settings), null, 2)}\n`);
  else if (format === 'zone') output.stdout(renderZoneFile(records, settings));
  else output.stdout(renderRecordsText(records));
  return 0;
}
