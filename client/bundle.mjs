// Bundles the extension and its language server (and the server's file-reading worker) for the
// .vsix: one file each, no node_modules.
// `vscode` is provided by the editor at run time; everything else is inlined.
import * as esbuild from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  // readable names in the stack traces the output channel logs
  keepNames: true,
  logLevel: 'warning',
};

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' }),
  // the server starts it from the file beside its own (see readManifests.ts)
  esbuild.build({ ...common, entryPoints: ['server/src/lsp/readManifestsWorker.ts'], outfile: 'dist/readManifestsWorker.js' }),
  // the service map webview's script runs in the browser page, not in Node
  esbuild.build({ ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['client/webview/serviceMapView.ts'], outfile: 'dist/serviceMapView.js' }),
]);
