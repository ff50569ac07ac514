import type { ParsedArgs } from './args';
import { optionValue } from './args';
import { selectUnits, type LoadedUnit, type LoadedWorkspace } from './loadWorkspace';
import { hasPod } from './podOrigin';
import { UsageError } from './usageError';

/**
 * The one cluster a lookup runs in: `--cluster NAME`; else the only unit with objects (or, given a
 * Pod, the only unit holding it). Several left is a usage error naming them, not a guess.
 */
export function chooseUnit(workspace: LoadedWorkspace, args: ParsedArgs, podReference?: string): LoadedUnit {
  const named = optionValue(args, 'cluster');
  if (named !== undefined) return selectUnits(workspace, named)[0];
  // a rendered chart's objects are in its model, not in the templates as read
  const withObjects = workspace.units.filter(({ unit, model }) => unit.files.some((file) => (model.file(file)?.objects.length ?? workspace.files.get(file)?.objects.length ?? 0) > 0));
  if (withObjects.length <= 1) return withObjects[0] ?? workspace.units[0];
  const holding = podReference === undefined ? withObjects : withObjects.filter(({ model }) => hasPod(model, podReference));
  if (holding.length === 1) return holding[0];
  const among = holding.length > 0 ? holding : withObjects;
  throw new UsageError(`the manifests hold ${among.length} clusters${podReference && holding.length > 0 ? ` with Pod "${podReference}"` : ''} (${among.map(({ unit }) => unit.name).join(', ')}); pick one with --cluster NAME (kube-lookup clusters lists them)`);
}
