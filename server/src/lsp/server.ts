import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  MessageType,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  type CancellationToken,
  type Connection,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseLimitsOf, type ClusterModel } from '../core/model/clusterModel';
import type { ParsedFile, ParseLimits } from '../core/yaml/parseManifestFile';
import {
  CLUSTERS_REQUEST,
  PODS_REQUEST,
  RECORDS_REQUEST,
  SERVICE_ENVIRONMENT_REQUEST,
  SET_ACTIVE_CLUSTER_REQUEST,
  SIMULATE_CONNECTION_REQUEST,
  SIMULATE_NSLOOKUP_REQUEST,
  STATUS_NOTIFICATION,
  type ClustersParams,
  type ClustersResult,
  type PodsParams,
  type PodsResult,
  type RecordsParams,
  type RecordsResult,
  type ServiceEnvironmentParams,
  type ServiceEnvironmentResult,
  type SetActiveClusterParams,
  type SimulateConnectionParams,
  type SimulateConnectionResult,
  type SimulateNslookupParams,
  type SimulateNslookupResult,
  type StatusParams,
} from '../protocol';
import { clustersOf } from '../service/clustersRequest';
import { codeActions } from '../service/codeActions';
import { codeLenses } from '../service/codeLens';
import { completionAt } from '../service/completion';
import { simulateConnectionRequest } from '../service/connectRequest';
import { DiagnosticsTracker } from '../service/diagnostics';
import { recordsAt, serviceEnvironmentOf, simulateNslookup } from '../service/dnsRequests';
import { editorSettingsFrom } from '../service/editorSettings';
import { hoverAt } from '../service/hover';
import { renderedNamesHover } from '../service/renderedNames';
import { definitionAt, referencesAt } from '../service/navigation';
import { podAt, podsForPicker } from '../service/podPicker';
import { renameEdits, renameTargetAt } from '../service/rename';
import { positionToOffset } from '../service/positions';
import { RENDERED_MANIFEST_REQUEST, SERVICE_MAP_REQUEST, WORKSPACE_TRUSTED_NOTIFICATION, type RenderedManifestParams, type RenderedManifestResult, type ServiceMapParams, type ServiceMapResult, type WorkspaceTrustedParams } from '../protocol';
import { serviceMapOf } from '../service/serviceMapRequest';
import { documentSymbols } from '../service/symbols';
import { defaultEditorSettings, Workspace, type EditorSettings, type Partition } from '../service/workspace';
import { DiagnosticsScheduler } from './diagnosticsScheduler';
import { KustomizeRenderer } from './kustomizeRenderer';
import { renderedManifestOf } from './renderedManifest';
import { OffThreadParser } from './offThreadParser';
import { holdHeapGrowthForEditing } from './heapGrowth';
import type { ManifestRead } from '../files/manifestRead';
import { canonicalUri, isManifestUri, listManifests, readLimitsOf, readManifest } from './files';
import { isFolder } from './isFolder';
import { readManifests } from './readManifests';
import { findPackageRoot, ruleDocUrls } from './ruleDocs';

export interface ServerOptions {
  /** The folder holding package.json and docs/ (rule documentation links). */
  readonly packageRoot?: string;
  /** The time one version of a file may take to parse (in the worker thread) before it is skipped. */
  readonly parseBudgetMs?: number;
  /** The time one version of a file may take to check before it is skipped. */
  readonly lintBudgetMs?: number;
  /** Texts of at least this many characters are parsed in a worker thread. */
  readonly parseOffThreadFrom?: number;
  /** How long after a save or file event Kustomize roots are looked at again (RENDER_DELAY_MS). */
  readonly renderDelayMs?: number;
}

/**
 * The time one version of a file may take to parse, and again to check, before it is skipped with
 * a `file-skipped` finding: a 5 MB file of 10,000 objects takes about 4 s to check on a busy machine.
 */
const FILE_BUDGET_MS = 10_000;

/**
 * From this size on a file is parsed in a worker thread. Plain block YAML parses at about 100 ms
 * per MB, but what only the `yaml` package reads (flow style, deep nesting, anchors) can take 20×
 * that; the copy of a result back costs a few milliseconds per part, and manifests written by hand
 * stay below this size, so their edits are parsed at once.
 */
const PARSE_OFF_THREAD_FROM = 32 * 1024;

/** Time spent reading and parsing files per turn of the event loop while indexing. */
const INDEX_SLICE_MS = 10;

/** Files read, at least, between two progress reports (sent between slices). */
const PROGRESS_EVERY = 50;

/**
 * Wires the language service to a connection: the only code that talks LSP. One server serves the
 * whole window; each workspace folder is its own cluster, and a file outside every folder is
 * analysed alone.
 *
 * Diagnostics are pushed (textDocument/publishDiagnostics), not pulled: they cover every manifest
 * of the workspace, open or not, and an edit in one file changes the findings of others (rename a
 * Service and the Pods whose subdomain named it light up). Push lets the server publish exactly
 * the files whose findings changed, in every LSP editor, without relying on workspace pull
 * diagnostics and refresh requests that several clients lack.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const packageRoot = options.packageRoot ?? findPackageRoot(__dirname);
  const documents = new TextDocuments(TextDocument);
  const open = new Set<string>();
  let looseSettings: EditorSettings = defaultEditorSettings;
  const workspace = new Workspace(() => looseSettings, (message) => warnOnce(message));
  const tracker = new DiagnosticsTracker(ruleDocUrls(packageRoot));
  const parseOffThreadFrom = options.parseOffThreadFrom ?? PARSE_OFF_THREAD_FROM;
  const parser = new OffThreadParser(options.parseBudgetMs ?? FILE_BUDGET_MS);
  /** The newest text of each file being parsed off the thread (an older answer is dropped), and when it is in. */
  const parsing = new Map<string, { readonly text: string; readonly done: Promise<void> }>();
  const log = (message: string): void => connection.console.log(message);
  const logError = (message: string): void => connection.console.error(message);
  let indexing = false;
  let lastStatus = '';
  let editing = false;
  const sendStatus = (): void => {
    const partitions = workspace.partitions();
    const status: StatusParams = {
      services: partitions.reduce((sum, partition) => sum + partition.size().services, 0),
      files: partitions.reduce((sum, partition) => sum + partition.size().files, 0),
      // until every file's diagnostics are out, not just read
      indexing: indexing || scheduler.busy || parsing.size > 0 || partitions.some((partition) => partition.loading),
      clusters: partitions.reduce((sum, partition) => sum + partition.clusters().length, 0),
      clusterLayout: partitions.reduce((sum, partition) => sum + partition.layout + partition.generation, 0),
    };
    if (!status.indexing && !editing && status.files > 0) {
      // the workspace is in memory: from here on the heap should only follow the edits
      editing = true;
      holdHeapGrowthForEditing();
    }
    const key = JSON.stringify(status);
    if (key === lastStatus) return;
    lastStatus = key;
    quietly(connection.sendNotification(STATUS_NOTIFICATION, status));
  };
  const scheduler = new DiagnosticsScheduler(
    tracker,
    (uri, diagnostics) => quietly(connection.sendDiagnostics({ uri, diagnostics })),
    (uri) => open.has(uri),
    logError,
    () => safely('status', sendStatus),
    options.lintBudgetMs ?? FILE_BUDGET_MS,
  );
  /** Kustomize roots rendered in a trusted workspace (see kustomizeRenderer.ts); their findings are published like any others. */
  const renderer = new KustomizeRenderer(false, (partition, files) => scheduler.filesChanged(partition, files), logError, options.renderDelayMs);
  const clearDiagnostics = (uris: Iterable<string>): void => {
    for (const uri of tracker.clear(uris)) quietly(connection.sendDiagnostics({ uri, diagnostics: [] }));
  };

  let capabilities = { configuration: false, watchedFilesRegistration: false, configurationRegistration: false, progress: false, folders: false, codeLensRefresh: false };
  const warnedSettings = new Set<string>();
  const scanned = new WeakSet<Partition>();

  // ---- error containment ----

  function safely(what: string, action: () => void): void {
    try {
      action();
    } catch (error) {
      logError(`${what} failed: ${describeError(error)}`);
    }
  }

  /** Runs a request handler: cancelled requests say so, a failing one logs and answers `fallback`. */
  function guarded<P, R>(what: string, handler: (params: P) => R, fallback: R): (params: P, token: CancellationToken) => R | ResponseError<void> {
    return (params, token) => {
      if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, `${what} cancelled`);
      try {
        const result = handler(params);
        return token.isCancellationRequested ? new ResponseError(LSPErrorCodes.RequestCancelled, `${what} cancelled`) : result;
      } catch (error) {
        logError(`${what} failed: ${describeError(error)}`);
        return fallback;
      }
    };
  }

  /**
   * The model analysing a document, its canonical URI and its text; undefined for unknown files,
   * and for a document whose newest text is broken while the model holds its last good parse (the
   * editor's positions are in a text the model does not have).
   */
  function fileOf(uri: string): { model: ClusterModel; uri: string; text: string } | undefined {
    const key = canonicalUri(uri);
    if (workspace.partitionOf(key)?.isHeld(key)) return undefined;
    const model = workspace.modelOf(key);
    const text = model?.file(key)?.text;
    return model && text !== undefined ? { model, uri: key, text } : undefined;
  }

  /** The model a lookup works on: the document's active cluster's, else the first workspace folder's first cluster's. */
  function modelFor(uri: string): ClusterModel | undefined {
    const key = canonicalUri(uri);
    return (workspace.partitionOf(key) ?? workspace.folderPartitions()[0])?.lookupCluster(key)?.model;
  }

  function warnOnce(message: string): void {
    if (warnedSettings.has(message)) return;
    warnedSettings.add(message);
    logError(`kube-lookup: ${message}`);
    quietly(connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `kube-lookup: ${message}` }));
  }

  // ---- settings ----

  async function fetchSettings(scopeUri: string | undefined): Promise<EditorSettings> {
    if (!capabilities.configuration) return defaultEditorSettings;
    try {
      const [section, filesExclude] = (await connection.workspace.getConfiguration([
        { scopeUri, section: 'kubeLookup' },
        { scopeUri, section: 'files.exclude' },
      ])) as unknown[];
      const { settings, errors } = editorSettingsFrom(section, filesExclude);
      for (const error of errors) {
        if (warnedSettings.has(error)) continue;
        warnedSettings.add(error);
        logError(`kubeLookup setting ignored: ${error}`);
        quietly(connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `kube-lookup: setting ignored, ${error}` }));
      }
      return settings;
    } catch (error) {
      logError(`reading settings failed: ${describeError(error)}`);
      return defaultEditorSettings;
    }
  }

  // ---- indexing ----

  /**
   * A file's new text (`skipped`: why it could not be read): parsed here, or in the worker thread
   * when large, then applied once parsed unless a newer text came meanwhile. `publish: false` while
   * a folder loads: it is linted whole after (see parsed()).
   */
  function setFromText(uri: string, text: string, skipped?: string, publish = true): void {
    if (skipped !== undefined || text.length < parseOffThreadFrom) {
      parsing.delete(uri);
      applyText(uri, text, skipped, undefined, publish);
      return;
    }
    const limits = parseLimitsFor(uri);
    const done = parser.parse(text, limits).then((parsed) => safely('parse', () => {
      if (parsing.get(uri)?.text !== text) return;
      parsing.delete(uri);
      // settings changed while it was parsed: again, with the new limits
      if (!same(limits, parseLimitsFor(uri))) setFromText(uri, text, undefined, publish);
      else applyText(uri, text, undefined, parsed, publish);
      sendStatus();
    }));
    parsing.set(uri, { text, done });
    sendStatus();
  }

  function applyText(uri: string, text: string, skipped: string | undefined, parsed: ParsedFile | undefined, publish: boolean): void {
    // an open document's broken text leaves the clusters at its last good parse
    const change = workspace.setFile(uri, text, skipped, parsed, publish, open.has(uri));
    if (change.excluded) clearDiagnostics([uri]);
    if (publish || change.partition.tracking) scheduler.filesChanged(change.partition, change.affected);
  }

  /** The limits a file is parsed with: those of its folder's settings. */
  function parseLimitsFor(uri: string): ParseLimits {
    return parseLimitsOf((workspace.partitionOf(uri)?.settings ?? looseSettings).analysis);
  }

  /** Resolves once no file of the partition waits for the worker thread: then it is linted whole. */
  async function parsed(partition: Partition): Promise<void> {
    for (;;) {
      const waiting = [...parsing].filter(([uri]) => workspace.partitionOf(uri) === partition).map(([, job]) => job.done);
      if (waiting.length === 0) return;
      await Promise.all(waiting);
    }
  }

  /** Files a partition's new settings left for the worker thread (its old parse stands in meanwhile). */
  function reparse(files: readonly { readonly file: string; readonly text: string }[]): void {
    for (const { file, text } of files) setFromText(file, text, undefined, false);
  }

  /** A file read from disk: a file gone is forgotten, one that cannot be read gets its `file-skipped` finding. */
  function setFromDisk(uri: string, read: ManifestRead): void {
    if (read.skipped !== undefined && read.missing) removeFile(uri);
    else setFromText(uri, read.text ?? '', read.skipped);
  }

  async function readInFolder(uri: string, folder: Partition): Promise<ManifestRead> {
    return readManifest(uri, await readLimitsOf(folder.key, folder.settings.analysis.maxFileSize));
  }

  /**
   * Reads every manifest of a folder not open in the editor (a large folder in a worker thread);
   * forgets files no longer there; a file that cannot be read gets its `file-skipped` finding. Yields to requests every INDEX_SLICE_MS.
   */
  async function indexFolder(partition: Partition, progress: WorkDoneProgressServerReporter | undefined): Promise<void> {
    const files = await listManifests(partition.key, (uri) => partition.excludes(uri));
    const listed = new Set(files);
    const gone = partition.fileUris().filter((uri) => !listed.has(uri) && !open.has(uri));
    for (const uri of gone) removeFile(uri);
    const closed = files.filter((uri) => !open.has(uri));
    let read = 0;
    let reported = 0;
    let sliceStart = Date.now();
    const limits = await readLimitsOf(partition.key, partition.settings.analysis.maxFileSize, true);
    for await (const { uri, read: content } of readManifests(closed, limits)) {
      // opened while it was read: the editor's text wins
      if (!open.has(uri)) {
        if (content.skipped === undefined || !content.missing) {
          // a folder being loaded is linted whole afterwards; one already tracked follows file by file
          setFromText(uri, content.text ?? '', content.skipped, false);
        } else if (partition.hasFile(uri)) {
          removeFile(uri);
        }
      }
      read += 1;
      if (Date.now() - sliceStart >= INDEX_SLICE_MS) {
        if (read - reported >= PROGRESS_EVERY) {
          progress?.report(Math.floor((100 * read) / closed.length), `${read}/${closed.length} files`);
          reported = read;
        }
        // let hovers and the next keystroke in
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = Date.now();
      }
    }
    // large files parsed in the worker thread are in before the folder is linted whole
    await parsed(partition);
    scanned.add(partition);
    scheduler.lintAll(partition);
  }

  /**
   * Reads the settings of the given folders and applies them: new analysis settings re-parse the
   * texts in memory; a folder seen for the first time, or whose exclude globs or size limit
   * changed, is read from disk again. Open documents come first.
   */
  async function indexFolders(partitions: readonly Partition[]): Promise<void> {
    indexing = true;
    sendStatus();
    const started = Date.now();
    const progress = capabilities.progress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('kube-lookup: indexing manifests', 0, undefined, false);
    try {
      looseSettings = await fetchSettings(undefined);
      for (const partition of workspace.partitions()) {
        if (partition.isFolder || same(partition.settings, looseSettings)) continue;
        reparse(partition.reconfigure(looseSettings, parseOffThreadFrom));
        await parsed(partition);
        scheduler.lintAll(partition);
      }
      const rescan: Partition[] = [];
      for (const partition of partitions) {
        const settings = await fetchSettings(partition.key);
        // files over the old size limit were refused unread
        const reread = !same(settings.exclude, partition.settings.exclude) || settings.analysis.maxFileSize !== partition.settings.analysis.maxFileSize;
        if (!same(settings, partition.settings)) reparse(partition.reconfigure(settings, parseOffThreadFrom));
        if (!scanned.has(partition) || reread) rescan.push(partition);
        else {
          await parsed(partition);
          scheduler.lintAll(partition);
        }
      }
      for (const document of documents.all()) {
        const uri = canonicalUri(document.uri);
        const partition = workspace.partitionOf(uri);
        if (partition && rescan.includes(partition)) setFromText(uri, document.getText());
      }
      for (const partition of rescan) await indexFolder(partition, progress);
      // Kustomize roots are built (where allowed) once the folder is read; kept builds are not built again
      for (const partition of partitions) renderer.schedule(partition, 0);
      // files that settings now exclude lose their diagnostics
      clearDiagnostics([...tracker.knownFiles()].filter((uri) => !workspace.partitionOf(uri)?.hasFile(uri)));
      if (rescan.length > 0) {
        const files = rescan.reduce((sum, partition) => sum + partition.size().files, 0);
        log(`indexed ${files} manifest files in ${rescan.length} folder(s) in ${Date.now() - started} ms`);
      }
    } catch (error) {
      logError(`indexing failed: ${describeError(error)}`);
    } finally {
      indexing = false;
      progress?.done();
      sendStatus();
    }
  }

  let ready: Promise<void> = Promise.resolve();

  // ---- lifecycle ----

  connection.onInitialize((params): InitializeResult => {
    const client = params.capabilities;
    capabilities = {
      configuration: Boolean(client.workspace?.configuration),
      configurationRegistration: Boolean(client.workspace?.didChangeConfiguration?.dynamicRegistration),
      watchedFilesRegistration: Boolean(client.workspace?.didChangeWatchedFiles?.dynamicRegistration),
      progress: Boolean(client.window?.workDoneProgress),
      folders: Boolean(client.workspace?.workspaceFolders),
      codeLensRefresh: Boolean(client.workspace?.codeLens?.refreshSupport),
    };
    const folders = params.workspaceFolders?.map((folder) => folder.uri) ?? (params.rootUri ? [params.rootUri] : []);
    const initialization = params.initializationOptions as { trustedWorkspace?: unknown } | undefined;
    renderer.setTrusted(initialization?.trustedWorkspace === true, []);
    workspace.setFolders(folders.map(canonicalUri));
    return {
      capabilities: {
        // saves: the hold of a broken document ends, and a Kustomize root is built again from the files on disk
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        // after `subdomain: ` and the like, names are offered without Ctrl+Space
        completionProvider: { triggerCharacters: [' '] },
        documentSymbolProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'kube-lookup-language-server' },
    };
  });

  connection.onInitialized(() => {
    if (capabilities.configurationRegistration) quietly(connection.client.register(DidChangeConfigurationNotification.type, { section: ['kubeLookup', 'files.exclude'] }));
    if (capabilities.watchedFilesRegistration) quietly(connection.client.register(DidChangeWatchedFilesNotification.type, {
      // a folder deleted, renamed or moved in is reported as one event for the folder, so those of any path are watched too
      // a Helm chart's helpers (`_helpers.tpl`) are no manifests, but a change to one renders its chart again
      watchers: [{ globPattern: '**/*.{yaml,yml,json,YAML,YML,JSON}' }, { globPattern: '**/*.tpl' }, { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete }],
    }));
    if (capabilities.folders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        const wanted = [...workspace.folderPartitions().map((partition) => partition.key), ...event.added.map((folder) => canonicalUri(folder.uri))]
          .filter((uri) => !event.removed.some((folder) => canonicalUri(folder.uri) === uri));
        const before = new Set(workspace.folderPartitions());
        for (const dropped of workspace.setFolders(wanted)) {
          scheduler.forget(dropped);
          renderer.forget(dropped);
          clearDiagnostics(dropped.fileUris());
        }
        const added = workspace.folderPartitions().filter((partition) => !before.has(partition));
        ready = ready.then(() => indexFolders(added));
      });
    }
    ready = indexFolders(workspace.folderPartitions());
  });

  connection.onShutdown(() => parser.dispose());

  connection.onDidChangeConfiguration(() => {
    ready = ready.then(() => indexFolders(workspace.folderPartitions()));
  });

  // ---- documents and files ----

  // TextDocuments fires onDidChangeContent right after onDidOpen, which parses the text
  documents.onDidOpen((event) => open.add(canonicalUri(event.document.uri)));
  documents.onDidChangeContent((event) => safely('change', () => {
    const uri = canonicalUri(event.document.uri);
    if (open.has(uri)) setFromText(uri, event.document.getText());
  }));
  // saved broken: the text on disk is what the CLI and kubectl see, so the hold of the last good parse ends;
  // a Kustomize root is built again from the files on disk
  documents.onDidSave((event) => safely('save', () => {
    const uri = canonicalUri(event.document.uri);
    const partition = workspace.partitionOf(uri);
    if (partition?.isHeld(uri)) scheduler.filesChanged(partition, partition.release(uri));
    const folder = workspace.folderOf(uri);
    if (folder) renderer.schedule(folder);
  }));
  connection.onNotification(WORKSPACE_TRUSTED_NOTIFICATION, (params: WorkspaceTrustedParams) => safely('workspace trust', () => {
    renderer.setTrusted(params?.trusted === true, workspace.folderPartitions());
  }));
  documents.onDidClose((event) => {
    const uri = canonicalUri(event.document.uri);
    open.delete(uri);
    // a closed file counts as it is on disk; one outside every folder is forgotten
    if (!workspace.folderOf(uri) || !isManifestUri(uri)) {
      removeFile(uri);
      return;
    }
    void readInFolder(uri, workspace.folderOf(uri)!).then((read) => safely('close', () => {
      if (!open.has(uri)) setFromDisk(uri, read);
    }));
  });

  function removeFile(uri: string): void {
    parsing.delete(uri);
    const change = workspace.removeFile(uri);
    clearDiagnostics([uri]);
    if (change) scheduler.filesChanged(change.partition, change.affected);
  }

  /** File events are handled one batch after the other: a later event's read must not land before an earlier one's. */
  let fileEvents: Promise<void> = Promise.resolve();

  connection.onDidChangeWatchedFiles((params) => {
    fileEvents = fileEvents.then(() => ready).then(async () => {
      for (const change of params.changes) {
        const uri = canonicalUri(change.uri);
        const folder = workspace.folderOf(uri);
        if (!folder) continue;
        // any file a kustomization or a chart reads may have changed (a generator's .env, a chart's helpers): its roots and charts are looked at again
        renderer.schedule(folder);
        if (change.type === FileChangeType.Deleted) {
          // a folder deleted, or renamed or moved away, comes as one event for the folder
          for (const file of folder.fileUris()) if (file.startsWith(uri + '/') && !open.has(file)) removeFile(file);
          if (isManifestUri(uri) && !open.has(uri)) removeFile(uri);
          continue;
        }
        // a folder created, or renamed or moved in, comes as one event for the folder too
        if (change.type === FileChangeType.Created && (await isFolder(uri))) {
          await loadFolder(folder, uri);
          continue;
        }
        if (open.has(uri) || !isManifestUri(uri)) continue;
        const read = await readInFolder(uri, folder);
        if (!open.has(uri)) setFromDisk(uri, read);
      }
    }).catch((error) => logError(`file events failed: ${describeError(error)}`));
  });

  /**
   * Reads the manifests below a folder that appeared inside a workspace folder. The listing starts
   * at the workspace folder and keeps to the path down to the new one, so it skips what a full
   * listing skips (node_modules, excluded globs) on the way.
   */
  async function loadFolder(partition: Partition, uri: string): Promise<void> {
    const onPath = (candidate: string): boolean => candidate === uri || candidate.startsWith(uri + '/') || uri.startsWith(candidate + '/');
    const files = (await listManifests(partition.key, (candidate) => !onPath(candidate) || partition.excludes(candidate))).filter((file) => file.startsWith(uri + '/') && !open.has(file));
    const limits = await readLimitsOf(partition.key, partition.settings.analysis.maxFileSize, true);
    for await (const { uri: file, read } of readManifests(files, limits)) {
      if (open.has(file)) continue;
      if (read.skipped === undefined || !read.missing) setFromDisk(file, read);
      else if (partition.hasFile(file)) removeFile(file);
    }
  }

  // ---- language features ----

  connection.onHover(guarded('hover', (params) => {
    const file = fileOf(params.textDocument.uri);
    if (!file) return null;
    const offset = positionToOffset(file.uri, file.text, params.position);
    return renderedNamesHover(hoverAt(file.model, file.uri, offset), workspace.partitionOf(file.uri), file.uri, offset) ?? null;
  }, null));

  connection.onDefinition(guarded('definition', (params) => {
    const file = fileOf(params.textDocument.uri);
    return file ? definitionAt(file.model, file.uri, positionToOffset(file.uri, file.text, params.position)) : [];
  }, []));

  connection.onReferences(guarded('references', (params) => {
    const file = fileOf(params.textDocument.uri);
    return file ? referencesAt(file.model, file.uri, positionToOffset(file.uri, file.text, params.position), params.context.includeDeclaration) : [];
  }, []));

  connection.onCompletion(guarded('completion', (params) => {
    const file = fileOf(params.textDocument.uri);
    return file ? completionAt(file.model, file.uri, positionToOffset(file.uri, file.text, params.position)) : [];
  }, []));

  connection.onPrepareRename(guarded('prepare rename', (params) => {
    const unit = workspace.fileCluster(canonicalUri(params.textDocument.uri));
    const file = fileOf(params.textDocument.uri);
    if (!file || !unit) return null;
    const target = renameTargetAt({ model: file.model, unit: unit.unit }, file.uri, positionToOffset(file.uri, file.text, params.position));
    return target.ok ? { range: target.range, placeholder: target.name } : new ResponseError(LSPErrorCodes.RequestFailed, target.reason);
  }, null));

  connection.onRenameRequest(guarded('rename', (params) => {
    const unit = workspace.fileCluster(canonicalUri(params.textDocument.uri));
    const file = fileOf(params.textDocument.uri);
    if (!file || !unit) return null;
    const edit = renameEdits({ model: file.model, unit: unit.unit }, file.uri, positionToOffset(file.uri, file.text, params.position), params.newName);
    return 'reason' in edit ? new ResponseError(LSPErrorCodes.RequestFailed, edit.reason) : edit;
  }, null));

  connection.onDocumentSymbol(guarded('document symbols', (params) => {
    const file = fileOf(params.textDocument.uri);
    return file ? documentSymbols(file.model, file.uri) : [];
  }, []));

  connection.onCodeLens(guarded('code lens', (params) => {
    const file = fileOf(params.textDocument.uri);
    return file ? codeLenses(file.model, file.uri) : [];
  }, []));

  const docUrls = ruleDocUrls(packageRoot);
  connection.onCodeAction(guarded('code actions', (params) => {
    const file = fileOf(params.textDocument.uri);
    return file ? codeActions(file.model, file.uri, params.range, tracker.findingsOf(file.uri), params.context.diagnostics, docUrls) : [];
  }, []));

  // ---- custom requests ----

  connection.onRequest(PODS_REQUEST, guarded('pods', (params: PodsParams): PodsResult => {
    const file = fileOf(params.uri);
    const model = modelFor(params.uri);
    if (!model) return { namespaces: [] };
    const offset = file && params.position ? positionToOffset(file.uri, file.text, params.position) : undefined;
    return podsForPicker(model, file?.uri ?? '', offset);
  }, { namespaces: [] } as PodsResult));

  connection.onRequest(SIMULATE_NSLOOKUP_REQUEST, guarded('nslookup', (params: SimulateNslookupParams): SimulateNslookupResult | null => {
    const model = modelFor(params.uri);
    return model ? simulateNslookup(model, params) : null;
  }, null));

  connection.onRequest(SIMULATE_CONNECTION_REQUEST, guarded('connect', (params: SimulateConnectionParams): SimulateConnectionResult | null => {
    const model = modelFor(params.uri);
    return model ? simulateConnectionRequest(model, params) : null;
  }, null));

  connection.onRequest(RECORDS_REQUEST, guarded('records', (params: RecordsParams): RecordsResult => {
    const file = fileOf(params.uri);
    if (!file) return { object: '', records: [], text: 'This file is not analysed by kube-lookup.\n' };
    return recordsAt(file.model, file.uri, positionToOffset(file.uri, file.text, params.position));
  }, { object: '', records: [], text: '' } as RecordsResult));

  connection.onRequest(SERVICE_ENVIRONMENT_REQUEST, guarded('service environment', (params: ServiceEnvironmentParams): ServiceEnvironmentResult => {
    const file = fileOf(params.uri);
    const pod = file ? podAt(file.model, file.uri, positionToOffset(file.uri, file.text, params.position)) : undefined;
    if (!file || !pod) return { pod: '', variables: [], text: 'Put the cursor on a Pod or on a workload that makes Pods.\n' };
    return serviceEnvironmentOf(file.model, pod);
  }, { pod: '', variables: [], text: '' } as ServiceEnvironmentResult));

  connection.onRequest(RENDERED_MANIFEST_REQUEST, async (params: RenderedManifestParams): Promise<RenderedManifestResult> => {
    try {
      return await renderedManifestOf(workspace, renderer, canonicalUri(params.uri));
    } catch (error) {
      logError(`rendered manifest failed: ${describeError(error)}`);
      return { cluster: null, error: `kube-lookup: ${describeError(error)}` };
    }
  });

  connection.onRequest(CLUSTERS_REQUEST, guarded('clusters', (params: ClustersParams): ClustersResult => {
    const uri = canonicalUri(params.uri);
    return clustersOf(workspace.partitionOf(uri) ?? workspace.folderPartitions().find((folder) => folder.key === uri) ?? workspace.folderPartitions()[0], uri, params.files !== false);
  }, clustersOf(undefined, '')));

  connection.onRequest(SET_ACTIVE_CLUSTER_REQUEST, guarded('set active cluster', (params: SetActiveClusterParams): ClustersResult | ResponseError<void> => {
    const uri = canonicalUri(params.uri);
    const partition = workspace.partitionOf(uri);
    if (!partition?.chooseCluster(uri, params.cluster)) return new ResponseError(LSPErrorCodes.RequestFailed, `no cluster named "${params.cluster}" for ${params.uri}`);
    // the Service CodeLens count endpoints in the active cluster
    if (capabilities.codeLensRefresh) quietly(connection.sendRequest('workspace/codeLens/refresh'));
    return clustersOf(partition, uri, false);
  }, clustersOf(undefined, '')));

  connection.onRequest(SERVICE_MAP_REQUEST, guarded('service map', (params: ServiceMapParams): ServiceMapResult => {
    const uri = canonicalUri(params.uri);
    return serviceMapOf((workspace.partitionOf(uri) ?? workspace.folderPartitions()[0])?.lookupCluster(uri), params.namespace);
  }, serviceMapOf(undefined, null)));

  documents.listen(connection);
  connection.listen();
}

/** Notifications to a client that went away fail; nothing is left to tell. */
function quietly(sent: Promise<unknown>): void {
  sent.catch(() => undefined);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function describeError(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
