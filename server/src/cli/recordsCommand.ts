import { clusterRecords, exportedZones, recordsToJson, renderRecordsText, renderZoneFile, truncatedPodsJson, truncatedPodsNote } from '../core/dns/index';
import { optionValue, rejectUnknownOptions, type ParsedArgs } from './args';
import { COMMON_OPTIONS, renderOption } from './lintCommand';
import { chooseUnit } from './clusterChoice';
import { loadConfiguration } from './loadSettings';
import { loadWorkspace } from './loadWorkspace';
import { UsageError } from './usageError';

/**
 * `kube-lookup records [PATH...] [--format text|json|zone] [--zone NAME]`: every record the cluster
 * DNS holds. `--format zone` writes one master file per zone (cluster zone, in-addr.arpa, ip6.arpa);
 * `--zone NAME` only that one, so it can be loaded as written.
 */
export function recordsCommand(args: ParsedArgs, output: { stdout: (text: string) => void }): number {
  rejectUnknownOptions(args, [...COMMON_OPTIONS, 'format', 'zone']);
  const format = optionValue(args, 'format', ['text', 'json', 'zone']) ?? 'text';
  const zoneName = optionValue(args, 'zone')?.replace(/\.$/, '').toLowerCase();
  if (zoneName !== undefined && format !== 'zone') throw new UsageError('--zone needs --format zone');
  const { model } = chooseUnit(loadWorkspace(args.positionals, loadConfiguration(args), renderOption(args)), args);
  const { settings } = model;
  const records = clusterRecords(model);
  const zones = exportedZones(model);
  const note = truncatedPodsNote(model);
  const notes = note ? [note] : [];
  if (format === 'json') output.stdout(`${JSON.stringify(recordsToJson(records, settings, truncatedPodsJson(model), zones.map((zone) => zone.origin)), null, 2)}\n`);
  else if (format === 'zone') {
    const chosen = zoneName === undefined ? zones : zones.filter((zone) => zone.origin === zoneName);
    if (chosen.length === 0) throw new UsageError(`--zone: no zone "${zoneName}" (zones: ${zones.map((zone) => zone.origin).join(', ')})`);
    output.stdout(renderZoneFile(chosen, settings, notes));
  } else output.stdout(renderRecordsText(records, notes));
  return 0;
}
