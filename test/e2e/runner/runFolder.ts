import * as fs from 'node:fs';
import * as path from 'node:path';
import { examplesRoot, workRoot } from './paths';

/**
 * One test run's private corner of the work folder: VS Code's user data and extensions, the
 * browser profile, temp and XDG folders, and a copy of examples/ as the workspace (the tests edit
 * files; the repository's examples stay untouched).
 */
export interface RunFolder {
  readonly root: string;
  /**
   * VS Code's user data, the temp folder and the browser profile live under a short /tmp path:
   * Chromium and the VS Code server put Unix sockets there, and a socket path has at most 107
   * bytes, which a deep checkout exceeds ("Socket path too long"). `root` links to it.
   */
  readonly short: string;
  readonly userDataDir: string;
  readonly browserProfile: string;
  readonly extensionsDir: string;
  readonly workspace: string;
  readonly tmp: string;
  readonly xdg: { readonly config: string; readonly data: string; readonly cache: string; readonly state: string };
  readonly screenshots: string;
}

/** Settings that keep the workbench quiet, offline and predictable. */
const USER_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  // an empty chat side bar would otherwise take a third of the window
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'editor.hover.delay': 100,
  'window.restoreWindows': 'none',
};

export function prepareRunFolder(name: string): RunFolder {
  const root = path.join(workRoot, 'runs', name);
  // the short folder of the previous run goes with it
  const previous = path.join(root, 'short');
  if (fs.existsSync(previous)) fs.rmSync(fs.realpathSync(previous), { recursive: true, force: true });
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(root, { recursive: true });
  const short = fs.mkdtempSync(`/tmp/kl-${name.slice(0, 8)}-`);
  fs.symlinkSync(short, previous);
  const folder: RunFolder = {
    root,
    short,
    userDataDir: path.join(short, 'user-data'),
    browserProfile: path.join(short, 'chromium-profile'),
    extensionsDir: path.join(root, 'extensions'),
    workspace: path.join(root, 'workspace', 'examples'),
    tmp: path.join(short, 'tmp'),
    xdg: {
      config: path.join(root, 'xdg', 'config'),
      data: path.join(root, 'xdg', 'data'),
      cache: path.join(root, 'xdg', 'cache'),
      state: path.join(root, 'xdg', 'state'),
    },
    screenshots: path.join(workRoot, 'screenshots', name),
  };
  for (const dir of [folder.extensionsDir, folder.tmp, ...Object.values(folder.xdg)]) fs.mkdirSync(dir, { recursive: true });
  fs.rmSync(folder.screenshots, { recursive: true, force: true });
  fs.mkdirSync(folder.screenshots, { recursive: true });
  fs.mkdirSync(path.join(folder.userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(path.join(folder.userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  fs.cpSync(examplesRoot, folder.workspace, { recursive: true });
  return folder;
}
