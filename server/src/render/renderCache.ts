import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KUSTOMIZATION_FILE_NAMES, readKustomization } from '../core/units/kustomization';
import { normalizePath } from '../core/units/workspacePath';
import { parsePlainYaml } from '../core/yaml/parsePlainYaml';
import type { KustomizeTool } from './kustomizeTool';
import type { RenderLimits } from './runKustomize';

/** What a build is kept as: kustomize's output, and the wrapper folder its origin paths are relative to. */
export interface KeptBuild {
  readonly output: string;
  readonly wrapper: string;
}

/**
 * The key of one Kustomize root's build: a SHA-256 over everything the build reads. That is the
 * root's folder; the text of every file of the unit (its objects, and its kustomizations, patches
 * and generator inputs); every other file a kustomization of the build names, followed through
 * folder resources to their kustomizations (a generator's `.env`, which the manifest walk does not
 * read, or a base above the folder linted), as it is on disk now; and the tool (its path, size and
 * modification time) and the limits. Two builds with the same key print the same output,
 * so a kept one stands in for running kustomize again.
 *
 * `files` holds the texts the caller has read, by absolute path (the editor's unsaved texts are not
 * what kustomize reads: the server passes what is on disk).
 */
export function renderKey(rootFolder: string, files: ReadonlyMap<string, string>, tool: KustomizeTool, limits: RenderLimits): string {
  const hash = createHash('sha256');
  const add = (...parts: string[]): void => {
    for (const part of parts) hash.update(`${part.length}:${part}`);
  };
  add('kube-lookup render 1', path.resolve(rootFolder), tool.command, ...tool.args, String(limits.timeoutMs), String(limits.maxOutputBytes));
  try {
    const stat = fs.statSync(tool.command);
    add(String(stat.size), String(stat.mtimeMs));
  } catch {
    add('tool missing');
  }
  const inputs = new Map(files);
  // every kustomization the build goes through, those outside the files given (a base above the linted folder) too
  const queue = [...files.keys()].filter(isKustomization);
  const rootKustomization = kustomizationIn(path.resolve(rootFolder));
  if (rootKustomization) queue.push(rootKustomization);
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!inputs.has(file)) inputs.set(file, readIfFile(file));
    let value: unknown;
    try {
      value = parsePlainYaml(inputs.get(file)!);
    } catch {
      continue;
    }
    const references = readKustomization(normalizePath(file), value);
    for (const named of [...references.support, ...references.resources]) {
      const absolute = path.resolve(named);
      if (!inputs.has(absolute)) inputs.set(absolute, readIfFile(absolute));
      // a folder resource is built from its kustomization
      const nested = inputs.get(absolute) === FOLDER ? kustomizationIn(absolute) : isKustomization(absolute) ? absolute : undefined;
      if (nested) queue.push(nested);
    }
  }
  for (const file of [...inputs.keys()].sort()) add(file, inputs.get(file)!);
  return hash.digest('hex');
}

const FOLDER = '\0folder';

function isKustomization(file: string): boolean {
  return KUSTOMIZATION_FILE_NAMES.includes(path.basename(file));
}

/** The kustomization Kustomize reads in a folder: the first of its names that exists. */
function kustomizationIn(folder: string): string | undefined {
  for (const name of KUSTOMIZATION_FILE_NAMES) {
    const file = path.join(folder, name);
    try {
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not this name
    }
  }
  return undefined;
}

/** A file's text, or a mark that there is no file there (a folder resource is followed through its kustomization). */
function readIfFile(file: string): string {
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return FOLDER;
    // a generator input is small; a huge one is hashed by size and time only
    if (stat.size > 20_000_000) return `\0large ${stat.size} ${stat.mtimeMs}`;
    return fs.readFileSync(file, 'latin1');
  } catch {
    return '\0absent';
  }
}

/** Builds kept by key. */
export interface RenderCache {
  get(key: string): KeptBuild | undefined;
  set(key: string, build: KeptBuild): void;
}

/**
 * Builds kept in memory, for the language server: the newest `maxEntries` (a root's output is at
 * most the output limit, 20 MB; an overlay of a thousand applications prints about 1.3 MB).
 */
export class MemoryRenderCache implements RenderCache {
  private readonly entries = new Map<string, KeptBuild>();

  constructor(private readonly maxEntries = 64) {}

  get(key: string): KeptBuild | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // most recently used last
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, build: KeptBuild): void {
    this.entries.delete(key);
    this.entries.set(key, build);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Builds kept on disk, for the CLI: one file per key in a folder of the user's own, outside every
 * workspace (`$XDG_CACHE_HOME/kube-lookup/kustomize`, else `~/.cache/kube-lookup/kustomize`; see
 * defaultCacheFolder). The folder is made readable by its owner only, and a kept build is used only
 * when the folder and the file belong to the user running kube-lookup, so that another user of the
 * machine cannot plant an output. Only successful builds are kept. When the folder holds more than
 * `maxBytes`, the builds used longest ago go.
 */
export class DiskRenderCache implements RenderCache {
  private usable: boolean | undefined;

  constructor(readonly folder: string, private readonly maxBytes = 200_000_000) {}

  get(key: string): KeptBuild | undefined {
    if (!this.ready()) return undefined;
    const file = path.join(this.folder, `${key}.json`);
    try {
      const stat = fs.statSync(file);
      if (!ownedByUser(stat)) return undefined;
      const kept = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<KeptBuild>;
      if (typeof kept.output !== 'string' || typeof kept.wrapper !== 'string') return undefined;
      // used now: kept longer than builds not used
      const now = new Date();
      fs.utimesSync(file, now, now);
      return { output: kept.output, wrapper: kept.wrapper };
    } catch {
      return undefined;
    }
  }

  set(key: string, build: KeptBuild): void {
    if (!this.ready()) return;
    const file = path.join(this.folder, `${key}.json`);
    const partial = `${file}.${process.pid}.tmp`;
    try {
      fs.writeFileSync(partial, JSON.stringify(build), { mode: 0o600 });
      fs.renameSync(partial, file);
      this.trim();
    } catch {
      fs.rmSync(partial, { force: true });
    }
  }

  /** Drops the builds used longest ago while the folder holds more than `maxBytes`. */
  private trim(): void {
    const kept = fs.readdirSync(this.folder).filter((name) => name.endsWith('.json')).flatMap((name) => {
      try {
        const stat = fs.statSync(path.join(this.folder, name));
        return [{ name, size: stat.size, used: stat.mtimeMs }];
      } catch {
        return [];
      }
    });
    let total = kept.reduce((sum, entry) => sum + entry.size, 0);
    for (const entry of kept.sort((a, b) => a.used - b.used)) {
      if (total <= this.maxBytes) break;
      fs.rmSync(path.join(this.folder, entry.name), { force: true });
      total -= entry.size;
    }
  }

  private ready(): boolean {
    if (this.usable === undefined) {
      try {
        fs.mkdirSync(this.folder, { recursive: true, mode: 0o700 });
        const stat = fs.statSync(this.folder);
        this.usable = stat.isDirectory() && ownedByUser(stat) && (process.platform === 'win32' || (stat.mode & 0o022) === 0);
      } catch {
        this.usable = false;
      }
    }
    return this.usable;
  }
}

function ownedByUser(stat: fs.Stats): boolean {
  return typeof process.getuid !== 'function' || stat.uid === process.getuid();
}

/** The CLI's cache folder: `$XDG_CACHE_HOME/kube-lookup/kustomize`, else `~/.cache/kube-lookup/kustomize`. */
export function defaultCacheFolder(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(base, 'kube-lookup', 'kustomize');
}
