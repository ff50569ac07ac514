import { ClusterModel } from '../core/model/clusterModel';
import { LintSession } from '../core/rules/lintSession';
import { defaultSettings, type AnalysisSettings } from '../core/settings';
import { compileGlobs, type GlobMatcher } from '../core/glob';

/** What the editor settings decide for one workspace folder (or one loose file). */
export interface EditorSettings {
  readonly analysis: AnalysisSettings;
  /** Globs, relative to the folder, of files not to analyse (kubeLookup.exclude and files.exclude). */
  readonly exclude: readonly string[];
}

export const defaultEditorSettings: EditorSettings = { analysis: defaultSettings, exclude: [] };

/**
 * One cluster: the manifests of a workspace folder, or a single file opened outside every folder.
 * Services in one folder never answer for another, as two repositories are two clusters.
 */
export class Partition {
  model: ClusterModel;
  /** The findings of the model's files; once `tracking`, kept current edit by edit. */
  session: LintSession;
  /**
   * False from when the model is built until the diagnostics scheduler starts linting all of it:
   * meanwhile files load straight into the model (what a lint of a half-loaded folder read is not
   * worth tracking) and only the files being edited are linted, provisionally.
   */
  tracking = false;
  private excluded: GlobMatcher;

  constructor(
    /** The folder URI, or the file URI of a loose file. */
    readonly key: string,
    readonly isFolder: boolean,
    public settings: EditorSettings,
  ) {
    this.model = new ClusterModel(settings.analysis);
    this.session = new LintSession(this.model);
    this.excluded = compileGlobs(settings.exclude);
  }

  /** True when the file is excluded by the settings; paths are matched relative to the folder. */
  excludes(uri: string): boolean {
    if (!this.isFolder) return false;
    return this.excluded(relativePath(this.key, uri));
  }

  /** New settings: the model is rebuilt from the texts it holds (every file is parsed again). */
  reconfigure(settings: EditorSettings): void {
    const previous = this.model;
    this.settings = settings;
    this.excluded = compileGlobs(settings.exclude);
    this.model = new ClusterModel(settings.analysis);
    this.session = new LintSession(this.model);
    this.tracking = false;
    for (const entry of previous.files()) if (!this.excludes(entry.file)) this.model.setFile(entry.file, entry.text);
  }

  /** Parses one file; returns the files whose findings are to be published again (the file first). */
  setFile(uri: string, text: string): string[] {
    if (this.tracking) return this.session.setFile(uri, text);
    this.model.setFile(uri, text);
    return [uri];
  }

  /** Forgets one file; returns the other files whose findings are to be published again. */
  removeFile(uri: string): string[] {
    if (this.tracking) return this.session.removeFile(uri);
    this.model.removeFile(uri);
    return [];
  }
}

/** Where a file went, and the files whose findings it changed. */
export interface Change {
  readonly partition: Partition;
  readonly affected: readonly string[];
  /** The settings exclude the file: it is not (or no longer) analysed. */
  readonly excluded?: boolean;
}

/** The window's workspace: one partition per folder, plus one per file outside every folder. */
export class Workspace {
  private folders: Partition[] = [];
  private readonly loose = new Map<string, Partition>();

  constructor(private readonly looseSettings: () => EditorSettings = () => defaultEditorSettings) {}

  /** Sets the workspace folders; partitions of folders that stay are kept. Returns the dropped ones. */
  setFolders(uris: readonly string[]): Partition[] {
    const wanted = new Set(uris.map(withoutSlash));
    const dropped = this.folders.filter((partition) => !wanted.has(partition.key));
    const kept = this.folders.filter((partition) => wanted.has(partition.key));
    for (const uri of wanted) if (!kept.some((partition) => partition.key === uri)) kept.push(new Partition(uri, true, defaultEditorSettings));
    // the innermost folder wins for nested folders
    this.folders = kept.sort((a, b) => b.key.length - a.key.length);
    return dropped;
  }

  folderPartitions(): readonly Partition[] {
    return this.folders;
  }

  partitions(): Partition[] {
    return [...this.folders, ...this.loose.values()];
  }

  folderOf(uri: string): Partition | undefined {
    return this.folders.find((partition) => uri.startsWith(partition.key + '/'));
  }

  /** The partition that holds (or would hold) the file. */
  partitionOf(uri: string): Partition | undefined {
    return this.folderOf(uri) ?? this.loose.get(uri);
  }

  /** Parses one file into its partition; a file the settings exclude is dropped instead (`excluded`). */
  setFile(uri: string, text: string): Change {
    let partition = this.partitionOf(uri);
    if (!partition) {
      partition = new Partition(uri, false, this.looseSettings());
      this.loose.set(uri, partition);
    }
    if (partition.excludes(uri)) return { partition, affected: partition.removeFile(uri), excluded: true };
    return { partition, affected: partition.setFile(uri, text) };
  }

  /** Forgets a file; a loose file's partition goes with it. */
  removeFile(uri: string): Change | undefined {
    const partition = this.partitionOf(uri);
    if (!partition) return undefined;
    const affected = partition.removeFile(uri);
    if (!partition.isFolder) this.loose.delete(uri);
    return { partition, affected };
  }

  /** The model that analyses a file, when the file is known. */
  modelOf(uri: string): ClusterModel | undefined {
    const model = this.partitionOf(uri)?.model;
    return model?.file(uri) ? model : undefined;
  }
}

function withoutSlash(uri: string): string {
  return uri.endsWith('/') ? uri.slice(0, -1) : uri;
}

/** The path of a file URI below a folder URI, decoded, with `/` separators. */
export function relativePath(folder: string, uri: string): string {
  const rest = uri.startsWith(folder + '/') ? uri.slice(folder.length + 1) : uri;
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}
