import { parseArgs } from '../../server/src/cli/args';
import { loadWorkspace } from '../../server/src/cli/loadWorkspace';
import { loadConfiguration } from '../../server/src/cli/loadSettings';

/**
 * `node renderBench.js ROOT`: reads the workspace as `lint` does, rendering every Kustomize root
 * (the cache folder is the environment's, as for the CLI), and prints how long the builds, the
 * cache and the reading of kustomize's output into the models took, apart from the rest.
 */
const root = process.argv[2];
const began = performance.now();
const workspace = loadWorkspace([root], loadConfiguration(parseArgs(['lint', root])), { render: true, renderCache: true });
const loadMs = performance.now() - began;
process.stdout.write(JSON.stringify({ loadMs, ...workspace.renderTimes, rendered: workspace.units.filter((unit) => unit.rendered).length }));
