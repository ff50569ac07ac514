import { configMapsReadBy } from '../references/configMapsRead';
import { defaultSettings, type AnalysisSettings } from '../settings';
import { defaultParseLimits, parseManifestFile, type ParsedFile, type ParseLimits } from '../yaml/parseManifestFile';
import type { ParseIssue } from '../yaml/parseIssue';
import { SourceLocator } from '../yaml/sourceLocator';
import { extractObjects } from './extractObjects';
import { parseCidr, type Cidr, type IpFamily } from './ip';
import { IpAllocator } from './ipAllocator';
import { matchesLabels } from './labelSelector';
import { objectKey, type ManifestObject } from './manifestObject';
import { computeBackends } from './computeBackends';
import { nearest } from './alternatives';
import { allocatePodAddresses, comparePodDrafts, podDemandOf, podDraftsOf, podViewOf, requestedPodCount, type PodAddresses, type PodDraft } from './expandPods';
import { compareFiles } from './fileOrder';
import { FileOrderedIndex } from './fileOrderedIndex';
import { allotPods, MAX_PODS_PER_WORKLOAD, MAX_PODS_PER_WORKSPACE, type PodShortfall } from './podBudget';
import { declaredClusterIPs, ModelledService, type ServiceAllocation } from './modelledService';
import { endpointSliceSchema, endpointsSchema } from './schemas/endpoints';
import type { PodView } from './podView';
import type { ServiceBackends } from './serviceEndpoints';
import type { AssignedIp, ServiceView } from './serviceView';

/** A file as the model holds it: its text (for spans on demand), its objects and its parse issues. */
export interface ManifestFile {
  readonly file: string;
  readonly text: string;
  readonly objects: readonly ManifestObject[];
  readonly issues: readonly ParseIssue[];
  readonly locator: SourceLocator;
  /** Why the file was not read (a link out of the workspace, a device, too many bytes): its only finding. */
  readonly skipped?: string;
}

/** Parses a file under the settings' limits; a file that could not be read is held empty, with `skipped` as its `file-skipped` finding. */
export function readManifestFile(file: string, text: string, settings: AnalysisSettings, skipped?: string, parsed?: ParsedFile): ManifestFile {
  if (skipped !== undefined) text = '';
  const read: ParsedFile = skipped !== undefined
    ? { documents: [], issues: [{ ruleId: 'file-skipped', message: skipped, span: { start: 0, end: 0 } }] }
    : (parsed ?? parseManifestFile(text, parseLimitsOf(settings)));
  return { file, text, objects: extractObjects(file, read.documents), issues: read.issues, locator: new SourceLocator(text), skipped };
}

/** The limits files are parsed with under the settings (a worker thread parsing for the model uses them too). */
export function parseLimitsOf(settings: AnalysisSettings): ParseLimits {
  return { ...defaultParseLimits, maxFileSize: settings.maxFileSize, maxDocuments: settings.maxDocuments, maxNestingDepth: settings.maxNestingDepth };
}

/** A file an apply unit reads but does not apply (a patch, a generator's input): its syntax counts, its objects do not. */
export function asSupportFile(entry: ManifestFile): ManifestFile {
  return entry.objects.length === 0 ? entry : { ...entry, objects: [] };
}

/** What one object adds to the cluster besides itself: its Service view, the Pods it makes. */
interface ObjectPart {
  readonly object: ManifestObject;
  readonly service: ServiceView | undefined;
  readonly drafts: readonly PodDraft[];
  readonly pods: readonly PodView[];
  readonly groups: readonly PodGroup[];
  readonly shortfall: PodShortfall | undefined;
  /** `namespace/name` of each ConfigMap its Pod template reads (see configMapReadersOf). */
  readonly configMapsRead: readonly string[];
}

/**
 * What one file adds to the cluster: its objects, the Services and the Pods they make, a part per
 * object. It is built an object at a time and taken down the same way, last object first (see
 * FileStaging), so its parts only ever grow or shrink at the end; between two steps it holds a
 * prefix of the file's objects, and the model's indexes hold exactly that prefix. It keeps no
 * index of its own (a workspace has thousands of files of a few objects): the model's indexes keep
 * each file's share, and its Services and Pods are read from its parts.
 */
class FileContribution {
  readonly parts: ObjectPart[] = [];
  /** How many of its workloads fall short of the Pods they ask for (see podShortfalls). */
  shortfalls = 0;
  /** Pods its workloads may still make out of its allotment. */
  podsLeft: number;

  constructor(
    readonly entry: ManifestFile,
    /** The Pods its workloads ask for (each capped per workload), and how many of them it may make. */
    readonly podDemand: number,
    readonly podAllotment: number,
  ) {
    this.podsLeft = podAllotment;
  }

  /** The read keys it answers (see dependencyKeysOf): worked out from its parts when asked, not kept. */
  addKeysTo(keys: Set<string>): void {
    addFileKeys(this.entry, keys);
    for (const part of this.parts) addPartKeys(part, keys);
  }
}

/** The read keys a file answers whatever its objects: the file itself, the lists of all objects and namespaces. */
function addFileKeys(entry: ManifestFile, keys: Set<string>): void {
  keys.add(`file:${entry.file}`).add('objects').add('namespaces');
  if (reservesPodAddresses(entry)) keys.add('pod-addresses');
}

/** The read keys one object's part answers: every query whose answer holds or counts the object, its Service or its Pods. */
function addPartKeys(part: ObjectPart, keys: Set<string>): void {
  const { object, service } = part;
  keys.add(`kind:${object.kind}`).add(`object:${objectKey(object.kind, object.namespace, object.name)}`);
  if (object.namespace) keys.add(`namespace:${object.namespace}`);
  if (object.kind === 'Namespace') keys.add(`namespace:${object.name}`);
  if (service) keys.add(`service:${service.namespace}/${service.name}`).add(`services:${service.namespace}`).add('services:*').add('service-addresses');
  if (part.shortfall) keys.add(`shortfalls:${object.namespace}`);
  for (const group of part.groups) {
    keys.add(`pods:${group.namespace}`).add('pods:*').add('pod-addresses');
    for (const label in group.labels) {
      const value = group.labels[label];
      keys.add(`podlabel:${group.namespace}\0${label}=${value}`).add(`podlabel:*\0${label}=${value}`);
    }
  }
  for (const key of part.configMapsRead) keys.add(`configmap-readers:${key}`);
}

/**
 * A new version of a file going into the model a slice at a time (`ClusterModel.stageFile`): the
 * previous version's objects leave, last first, then the new ones come in, first first. Between
 * steps the model answers as if the file held the objects in so far, so requests served meanwhile
 * see a smaller file, never a broken index. Any other change to the model finishes the staging
 * first.
 */
export interface FileStaging {
  readonly file: string;
  /** Works an object at a time until `pause` says to (the core keeps no clock); true once the whole file is in. */
  step(pause?: () => boolean): boolean;
  /** Finishes at once. */
  finish(): void;
}

/**
 * A staging that also names, in dependency keys (see dependencyKeysOf), what the previous and the
 * new version contribute (`ClusterModel.stageFileWithKeys`), for a caller that re-lints by
 * dependency. The model keeps no file's keys: they are gathered an object at a time as the
 * objects go out and come in, and are complete once the staging is finished.
 */
export interface FileStagingWithKeys extends FileStaging {
  /** What the previous version contributed. */
  readonly keysBefore: ReadonlySet<string>;
  /** What the new version contributes. */
  readonly keysAfter: ReadonlySet<string>;
}

/** Files whose Pods changed because another file took or freed the workspace's Pod budget. */
export interface BudgetChanges {
  readonly files: readonly string[];
  /** Their dependency keys before and after (see dependencyKeysOf). */
  readonly keys: ReadonlySet<string>;
}

/** Pods that share one labels object (the replicas of a template), indexed once for all of them. */
interface PodGroup {
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly pods: PodView[];
}

const never = (): boolean => false;
/** The empty list of a part without Pods or ConfigMaps read: one for all, as most objects have none. */
const NONE: readonly never[] = [];

const BUILT_IN_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/**
 * The cluster the workspace describes. Files are added, replaced and removed one at a time: each
 * change parses that file only and updates every index by that file's part alone. Lists over the
 * whole cluster are put together on first read, and addresses (which depend on every Service or
 * Pod) are allocated only when read.
 *
 * An object defined in several files is a set of alternatives (see alternatives.ts). Queries asked
 * `seenFrom` a file see, of each such object, only the definitions nearest to that file; a Service's
 * endpoints are always worked out from the Service's own file.
 *
 * While `trackReads` runs, every query records a key naming what it read; `dependencyKeysOf(file)`
 * names what a file contributes in the same keys, so a caller can tell which analyses a change
 * can affect (see LintSession).
 */
export class ClusterModel {
  private readonly contributions = new Map<string, FileContribution>();
  private serviceCount = 0;
  private generationCounter = 0;

  private readonly byKey = new Map<string, ManifestObject[]>();
  /** Each object's part: its Pods and how they fall short. */
  private readonly partOf = new Map<ManifestObject, ObjectPart>();
  private readonly byKind = new FileOrderedIndex<ManifestObject>();
  private readonly namespaceUse = new Map<string, number>();
  private readonly servicesByKey = new Map<string, ServiceView[]>();
  private readonly servicesByNamespace = new FileOrderedIndex<ServiceView>();
  private readonly podsByNamespace = new FileOrderedIndex<PodView>(comparePodDrafts);
  /** `<namespace>\0<key>=<value>` and `*\0<key>=<value>` (any namespace; `*` is no namespace name) → Pods with that label. */
  private readonly podsByLabel = new Map<string, Set<PodGroup>>();
  /** The first Pod of each workload reading a ConfigMap, by `namespace/name` of the ConfigMap. */
  private readonly configMapReaders = new Map<string, Set<PodView>>();
  private allServices: readonly ServiceView[] | undefined;
  private allPods: readonly PodView[] | undefined;
  private serviceAllocation: ServiceAllocation | undefined;
  private podAddresses: Map<PodDraft, PodAddresses> | undefined;
  private readonly backends = new Map<ServiceView, { backends: ServiceBackends; reads: Set<string> }>();
  private readonly readStack: Set<string>[] = [];
  private readonly memos = new WeakMap<object, Map<unknown, Map<string | undefined, { generation: number; value: unknown; reads: Set<string> }>>>();
  /** Objects whose identity is defined in more than one file: alternatives, of which a viewpoint sees the nearest. */
  private readonly alternatives = new Set<ManifestObject>();
  /** The file queries are asked from, while `seenFrom` runs. */
  private viewpoint: string | undefined;
  /** Files whose workloads ask for Pods, and how many (see podBudget); the total; the files given fewer. */
  private readonly podDemands = new Map<string, number>();
  private podDemandTotal = 0;
  private readonly podBudgetShort = new Set<string>();
  private budgetChanges: { files: Set<string>; keys: Set<string> } = { files: new Set(), keys: new Set() };
  /** The file going in a slice at a time, if one is. */
  private staging: FileStaging | undefined;

  /** A Corefile given from outside the manifests (`--corefile`, the `corefile` setting): where it is, and its text. */
  private givenCorefile: { readonly source: string; readonly text: string } | undefined;

  constructor(readonly settings: AnalysisSettings = defaultSettings) {}

  /** The Corefile given by the settings, which wins over a coredns ConfigMap of the manifests. */
  get corefile(): { readonly source: string; readonly text: string } | undefined {
    return this.givenCorefile;
  }

  setCorefile(corefile: { readonly source: string; readonly text: string } | undefined): void {
    this.givenCorefile = corefile;
    this.generationCounter += 1;
  }

  get generation(): number {
    return this.generationCounter;
  }

  /** Parses a file into the model; a file that could not be read is held empty, with `skipped` as its `file-skipped` finding. */
  setFile(file: string, text: string, skipped?: string): ManifestFile {
    return this.setParsedFile(readManifestFile(file, text, this.settings, skipped));
  }

  /** Adds or replaces a file parsed already (one parse serves every apply unit the file belongs to). */
  setParsedFile(entry: ManifestFile): ManifestFile {
    this.stageFile(entry).finish();
    return entry;
  }

  /**
   * Starts replacing a file (or adding it) a slice at a time: see FileStaging. What the Pod budget
   * gives each file is decided here, at once; the file's objects and Pods go in with `step`. A
   * staging under way is finished first: the model takes one at a time.
   */
  stageFile(entry: ManifestFile): FileStaging {
    return this.stage(entry, undefined, undefined);
  }

  /** As stageFile, naming in dependency keys what the previous and the new version contribute (see FileStagingWithKeys). */
  stageFileWithKeys(entry: ManifestFile): FileStagingWithKeys {
    const keysBefore = new Set<string>();
    const keysAfter = new Set<string>();
    const staging = this.stage(entry, keysBefore, keysAfter);
    return { file: staging.file, step: staging.step, finish: staging.finish, keysBefore, keysAfter };
  }

  /** Stages a file, adding to `keysBefore` and `keysAfter` (when given) the keys of each object as it goes out or comes in. */
  private stage(entry: ManifestFile, keysBefore: Set<string> | undefined, keysAfter: Set<string> | undefined): FileStaging {
    this.finishStaging();
    const { file } = entry;
    const previous = this.contributions.get(file);
    // Endpoints and EndpointSlices reserve Pod addresses: a change of such a file moves them
    const reserves = reservesPodAddresses(entry) || (previous !== undefined && reservesPodAddresses(previous.entry));
    let demand = 0;
    let counted = 0;
    let building: FileContribution | undefined;
    let withdrawing = previous;
    let next = 0;
    let done = false;
    const step = (pause: () => boolean = never): boolean => {
      if (done) return true;
      // first what its workloads ask of the Pod budget, which touches nothing
      while (counted < entry.objects.length) {
        demand += podDemandOf([entry.objects[counted++]], this.settings);
        if (counted < entry.objects.length && pause()) return false;
      }
      if (!building) {
        this.setPodDemand(file, demand);
        const allotments = this.podAllotments();
        const allotment = allotments?.get(file) ?? demand;
        if (allotment < demand) this.podBudgetShort.add(file);
        else this.podBudgetShort.delete(file);
        building = new FileContribution(entry, demand, allotment);
        if (allotments) this.reallot(allotments, file);
        if (keysBefore && previous) addFileKeys(previous.entry, keysBefore);
        if (keysAfter) addFileKeys(entry, keysAfter);
      }
      let services = false;
      let pods = false;
      try {
        while (withdrawing) {
          const part = withdrawing.parts[withdrawing.parts.length - 1];
          if (!part) {
            this.contributions.set(file, building);
            withdrawing = undefined;
            break;
          }
          if (keysBefore) addPartKeys(part, keysBefore);
          this.withdrawPart(withdrawing, part);
          services ||= part.service !== undefined;
          pods ||= part.pods.length > 0;
          if (pause()) return false;
        }
        if (next === 0) this.contributions.set(file, building);
        while (next < entry.objects.length) {
          const part = this.contributePart(building, entry.objects[next++]);
          if (keysAfter) addPartKeys(part, keysAfter);
          services ||= part.service !== undefined;
          pods ||= part.pods.length > 0;
          if (next < entry.objects.length && pause()) return false;
        }
        done = true;
        if (this.staging === staging) this.staging = undefined;
        return true;
      } finally {
        this.changed(services, pods || reserves);
        this.generationCounter += 1;
      }
    };
    const staging: FileStaging = { file, step, finish: () => void step() };
    this.staging = staging;
    return staging;
  }

  /** Finishes a staging under way (any other change waits for it). */
  finishStaging(): void {
    this.staging?.finish();
  }

  removeFile(file: string): boolean {
    this.finishStaging();
    const previous = this.contributions.get(file);
    if (!previous) return false;
    this.withdraw(previous);
    this.contributions.delete(file);
    this.setPodDemand(file, 0);
    this.podBudgetShort.delete(file);
    const allotments = this.podAllotments();
    if (allotments) this.reallot(allotments, file);
    this.generationCounter += 1;
    return true;
  }

  /**
   * The files whose Pods the last changes moved by taking or freeing the workspace's Pod budget,
   * with what they contributed before and after; a caller that re-lints by dependency (LintSession)
   * must add them. Cleared by the call.
   */
  takeBudgetChanges(): BudgetChanges {
    const changes = this.budgetChanges;
    this.budgetChanges = { files: new Set(), keys: new Set() };
    return { files: [...changes.files], keys: changes.keys };
  }

  /** How a workload falls short of the Pods it asks for, if it does (see podBudget). */
  podShortfallOf(owner: ManifestObject): PodShortfall | undefined {
    this.noteRead('object:', objectKey(owner.kind, owner.namespace, owner.name));
    return this.partOf.get(owner)?.shortfall;
  }

  /** The workloads of a namespace that ask for more Pods than are simulated (read apart from the namespace's Pods, which change far more often). */
  podShortfallsIn(namespace: string): PodShortfall[] {
    this.noteRead('shortfalls:', namespace);
    const shortfalls: PodShortfall[] = [];
    for (const contribution of this.contributions.values()) {
      if (contribution.shortfalls === 0) continue;
      for (const { shortfall } of contribution.parts) if (shortfall && shortfall.owner.namespace === namespace) shortfalls.push(shortfall);
    }
    return shortfalls;
  }

  /** Every workload that asks for more Pods than are simulated, in file order. */
  podShortfalls(): PodShortfall[] {
    this.noteRead('pods:*', '');
    const shortfalls: PodShortfall[] = [];
    // the files with none are left out before sorting: an nslookup asks for this list
    for (const contribution of [...this.contributions.values()].filter((each) => each.shortfalls > 0).sort((a, b) => compareFiles(a.entry.file, b.entry.file))) {
      for (const { shortfall } of contribution.parts) if (shortfall) shortfalls.push(shortfall);
    }
    return shortfalls;
  }

  file(file: string): ManifestFile | undefined {
    this.noteRead('file:', file);
    return this.contributions.get(file)?.entry;
  }

  /** How many files and Services the model holds: counted as files come and go, as a status line asks after every edit. */
  size(): { readonly files: number; readonly services: number } {
    return { files: this.contributions.size, services: this.serviceCount };
  }

  *files(): IterableIterator<ManifestFile> {
    this.noteRead('objects', '');
    for (const contribution of this.contributions.values()) yield contribution.entry;
  }

  *objects(): IterableIterator<ManifestObject> {
    this.noteRead('objects', '');
    for (const contribution of this.contributions.values()) for (const part of contribution.parts) yield part.object;
  }

  objectsOfKind(kind: string): readonly ManifestObject[] {
    this.noteRead('kind:', kind);
    return this.seen(this.byKind.get(kind), (object) => object);
  }

  /** Every object of that identity: more than one means it is defined twice. */
  objectsNamed(kind: string, namespace: string, name: string): readonly ManifestObject[] {
    const key = objectKey(kind, namespace, name);
    this.noteRead('object:', key);
    return this.byKey.get(key) ?? [];
  }

  /** Namespaces that exist: declared, used by an object, or always present in a cluster. */
  namespaceExists(namespace: string): boolean {
    this.noteRead('namespace:', namespace);
    return BUILT_IN_NAMESPACES.includes(namespace) || (this.namespaceUse.get(namespace) ?? 0) > 0;
  }

  namespaces(): readonly string[] {
    this.noteRead('namespaces', '');
    return [...new Set([...BUILT_IN_NAMESPACES, ...this.namespaceUse.keys()])].sort();
  }

  services(): readonly ServiceView[] {
    this.noteRead('services:*', '');
    this.allServices ??= servicesOf([...this.contributions.values()].sort((a, b) => compareFiles(a.entry.file, b.entry.file)));
    return this.seen(this.allServices, serviceObject);
  }

  /** The Service of that name, seen from the viewpoint: the nearest of its definitions. */
  service(namespace: string, name: string): ServiceView | undefined {
    this.noteRead('service:', `${namespace}/${name}`);
    const definitions = this.servicesByKey.get(`${namespace}/${name}`);
    if (!definitions) return undefined;
    return definitions.length === 1 ? definitions[0] : this.seen(definitions, serviceObject)[0];
  }

  /** The Service view of this very object, whichever of its alternatives it is. */
  serviceOf(object: ManifestObject): ServiceView | undefined {
    if (object.kind !== 'Service') return undefined;
    this.noteRead('service:', `${object.namespace}/${object.name}`);
    return this.servicesByKey.get(`${object.namespace}/${object.name}`)?.find((service) => service.object === object);
  }

  servicesIn(namespace: string): readonly ServiceView[] {
    this.noteRead('services:', namespace);
    return this.seen(this.servicesByNamespace.get(namespace), serviceObject);
  }

  pods(): readonly PodView[] {
    this.noteRead('pods:*', '');
    if (!this.allPods) {
      const pods: PodView[] = [];
      for (const contribution of this.contributions.values()) for (const part of contribution.parts) for (const pod of part.pods) pods.push(pod);
      this.allPods = pods.sort(comparePodDrafts);
    }
    return this.seen(this.allPods, podOwner);
  }

  podsIn(namespace: string): readonly PodView[] {
    this.noteRead('pods:', namespace);
    return this.seen(this.podsByNamespace.get(namespace), podOwner);
  }

  /**
   * The first Pod of each workload of the namespace whose Pod template reads the ConfigMap
   * (`envFrom`, `configMapKeyRef`, a `configMap` volume, also projected), in Pod order. Only a
   * change to who reads this ConfigMap makes a reader of this list stale, not any Pod of the namespace.
   */
  configMapReadersOf(namespace: string, name: string): readonly PodView[] {
    this.noteRead('configmap-readers:', `${namespace}/${name}`);
    const readers = this.configMapReaders.get(`${namespace}/${name}`);
    if (!readers) return [];
    return [...readers].filter((pod) => this.sees(pod.template.owner)).sort(comparePodDrafts);
  }

  podsOf(owner: ManifestObject): readonly PodView[] {
    this.noteRead('object:', objectKey(owner.kind, owner.namespace, owner.name));
    return this.partOf.get(owner)?.pods ?? [];
  }

  /** Pods of the namespace whose labels carry every key=value of the selector. */
  podsSelectedBy(namespace: string, selector: Readonly<Record<string, string>>): readonly PodView[] {
    return this.podsWithLabels(namespace, selector);
  }

  /** Pods of any namespace whose labels carry every key=value of the selector, in namespace/name order. */
  podsMatching(selector: Readonly<Record<string, string>>): readonly PodView[] {
    return this.podsWithLabels(undefined, selector);
  }

  /** The Service's endpoints, worked out among the objects nearest to the Service's own file. */
  backendsOf(service: ServiceView): ServiceBackends {
    let cached = this.backends.get(service);
    if (!cached) {
      const { result, reads } = this.trackReads(() => this.seenFrom(service.object.file, () => computeBackends(this, service)));
      cached = { backends: result, reads };
      this.backends.set(service, cached);
    }
    const reads = this.readStack[this.readStack.length - 1];
    if (reads) for (const key of cached.reads) reads.add(key);
    return cached.backends;
  }

  /**
   * A value derived from the model, kept per owner object and slot until the model changes. Using
   * it records what computing it read, as if it had been computed again (so LintSession sees it).
   */
  memo<V>(owner: object, slot: unknown, compute: () => V): V {
    let slots = this.memos.get(owner);
    if (!slots) {
      slots = new Map();
      this.memos.set(owner, slots);
    }
    let byViewpoint = slots.get(slot);
    if (!byViewpoint) {
      byViewpoint = new Map();
      slots.set(slot, byViewpoint);
    }
    let entry = byViewpoint.get(this.viewpoint);
    if (!entry || entry.generation !== this.generationCounter) {
      const { result, reads } = this.trackReads(compute);
      entry = { generation: this.generationCounter, value: result, reads };
      byViewpoint.set(this.viewpoint, entry);
    }
    const reads = this.readStack[this.readStack.length - 1];
    if (reads) for (const key of entry.reads) reads.add(key);
    return entry.value as V;
  }

  /**
   * Runs `read` with the model seen from a file: of each object defined in several files, queries
   * return only the definitions nearest to that file (the file itself first).
   */
  seenFrom<T>(file: string | undefined, read: () => T): T {
    const previous = this.viewpoint;
    this.viewpoint = file;
    try {
      return read();
    } finally {
      this.viewpoint = previous;
    }
  }

  /** True when the object is defined in more than one file (its alternatives). */
  hasAlternatives(object: ManifestObject): boolean {
    return this.alternatives.has(object);
  }

  /** Runs `read` and returns the keys of everything it asked the model (see dependencyKeysOf). */
  trackReads<T>(read: () => T): { result: T; reads: Set<string> } {
    const reads = new Set<string>();
    this.readStack.push(reads);
    try {
      return { result: read(), reads };
    } finally {
      this.readStack.pop();
    }
  }

  /**
   * The read keys that what this file contributes can answer: an analysis that read any of them
   * may change when the file changes. Empty for a file the model does not hold.
   */
  dependencyKeysOf(file: string): Set<string> {
    const keys = new Set<string>();
    this.contributions.get(file)?.addKeysTo(keys);
    return keys;
  }

  private noteRead(prefix: string, key: string): void {
    const reads = this.readStack[this.readStack.length - 1];
    if (reads) reads.add(prefix + key);
  }

  /** The list less the alternatives the viewpoint does not see; the list itself when it hides none. */
  private seen<T>(list: readonly T[], objectOf: (value: T) => ManifestObject): readonly T[] {
    if (this.viewpoint === undefined || this.alternatives.size === 0) return list;
    let kept: T[] | undefined;
    for (let index = 0; index < list.length; index++) {
      const visible = this.sees(objectOf(list[index]));
      if (!visible && !kept) kept = list.slice(0, index);
      else if (visible && kept) kept.push(list[index]);
    }
    return kept ?? list;
  }

  private sees(object: ManifestObject): boolean {
    if (this.viewpoint === undefined || !this.alternatives.has(object)) return true;
    const key = objectKey(object.kind, object.namespace, object.name);
    this.noteRead('object:', key);
    return nearest(this.viewpoint, this.byKey.get(key) ?? [], (definition) => definition.file).includes(object);
  }

  private podsWithLabels(namespace: string | undefined, selector: Readonly<Record<string, string>>): readonly PodView[] {
    const scope = namespace ?? '*';
    // the rarest label of the selector narrows the candidates; every Pod matched carries it
    let candidates: Set<PodGroup> | undefined;
    let narrowest = '';
    for (const label in selector) {
      const key = `${scope}\0${label}=${selector[label]}`;
      const pods = this.podsByLabel.get(key);
      if (!pods) {
        this.noteRead('podlabel:', key);
        return [];
      }
      if (!candidates || pods.size < candidates.size) {
        candidates = pods;
        narrowest = key;
      }
    }
    if (!candidates) return namespace === undefined ? this.pods() : this.podsIn(namespace);
    this.noteRead('podlabel:', narrowest);
    const matched: PodView[] = [];
    for (const group of candidates) if (matchesLabels(group.labels, selector)) matched.push(...group.pods);
    return this.seen(matched.sort(comparePodDrafts), podOwner);
  }

  private setPodDemand(file: string, demand: number): void {
    this.podDemandTotal += demand - (this.podDemands.get(file) ?? 0);
    if (demand > 0) this.podDemands.set(file, demand);
    else this.podDemands.delete(file);
  }

  /** What each file may make, when the budget is or was short; undefined while every file gets what it asks. */
  private podAllotments(): Map<string, number> | undefined {
    if (this.podDemandTotal <= MAX_PODS_PER_WORKSPACE && this.podBudgetShort.size === 0) return undefined;
    return allotPods(this.podDemands, compareFiles);
  }

  /** Gives every file but `changed` its allotment, re-contributing (not re-parsing) those whose allotment moved. */
  private reallot(allotments: ReadonlyMap<string, number>, changed: string): void {
    for (const [file, allotment] of allotments) {
      const contribution = this.contributions.get(file);
      if (file === changed || !contribution || contribution.podAllotment === allotment) continue;
      contribution.addKeysTo(this.budgetChanges.keys);
      this.withdraw(contribution);
      const again = new FileContribution(contribution.entry, contribution.podDemand, allotment);
      this.contributions.set(file, again);
      for (const object of contribution.entry.objects) this.contributePart(again, object);
      this.changed(true, true);
      if (allotment < again.podDemand) this.podBudgetShort.add(file);
      else this.podBudgetShort.delete(file);
      again.addKeysTo(this.budgetChanges.keys);
      this.budgetChanges.files.add(file);
    }
  }

  /** Adds one object of a file being staged: to the file's parts and the model's indexes. */
  private contributePart(contribution: FileContribution, object: ManifestObject): ObjectPart {
    const { file } = contribution.entry;
    this.indexObject(object);
    this.byKind.push(object.kind, file, object);
    if (object.namespace) this.namespaceUse.set(object.namespace, (this.namespaceUse.get(object.namespace) ?? 0) + 1);
    if (object.kind === 'Namespace' && object.name) this.namespaceUse.set(object.name, (this.namespaceUse.get(object.name) ?? 0) + 1);
    let service: ServiceView | undefined;
    if (object.kind === 'Service') {
      service = this.serviceViewOf(object);
      this.servicesByNamespace.push(service.namespace, file, service);
      this.indexService(service);
      this.serviceCount += 1;
    }
    let owned: readonly PodDraft[];
    let shortfall: PodShortfall | undefined;
    if (object.kind === 'Pod') owned = podDraftsOf(object, this.settings);
    else {
      const requested = requestedPodCount(object, this.settings);
      const wanted = Math.min(requested, MAX_PODS_PER_WORKLOAD);
      const simulated = Math.min(wanted, contribution.podsLeft);
      contribution.podsLeft -= simulated;
      owned = simulated > 0 ? podDraftsOf(object, this.settings, simulated).sort(comparePodDrafts) : NONE;
      if (simulated < requested) {
        shortfall = { owner: object, requested, simulated, cap: simulated < wanted ? 'workspace' : 'workload' };
        contribution.shortfalls += 1;
      }
    }
    let views: readonly PodView[] = NONE;
    let groups: readonly PodGroup[] = NONE;
    if (owned.length > 0) {
      const addresses = (draft: PodDraft): PodAddresses => this.addressesOf(draft);
      views = owned.map((draft) => podViewOf(draft, addresses));
      const byLabels = new Map<Readonly<Record<string, string>>, PodGroup>();
      for (const pod of views) {
        this.podsByNamespace.push(pod.namespace, file, pod);
        const group = byLabels.get(pod.labels);
        if (group) group.pods.push(pod);
        else byLabels.set(pod.labels, { namespace: pod.namespace, labels: pod.labels, pods: [pod] });
      }
      groups = [...byLabels.values()];
      for (const group of groups) {
        for (const label in group.labels) {
          const value = group.labels[label];
          addToSet(this.podsByLabel, `${group.namespace}\0${label}=${value}`, group);
          addToSet(this.podsByLabel, `*\0${label}=${value}`, group);
        }
      }
    }
    // who reads which ConfigMap: a ConfigMap's configured hosts are looked up from its readers' Pods
    let configMapsRead: readonly string[] = NONE;
    if (views.length > 0) {
      const read: string[] = [];
      for (const name of configMapsReadBy(object).keys()) {
        const key = `${views[0].namespace}/${name}`;
        addToSet(this.configMapReaders, key, views[0]);
        read.push(key);
      }
      if (read.length > 0) configMapsRead = read;
    }
    const part: ObjectPart = { object, service, drafts: owned, pods: views, groups, shortfall, configMapsRead };
    contribution.parts.push(part);
    this.partOf.set(object, part);
    return part;
  }

  /** Takes the last object of a file out: of the file's parts and the model's indexes. */
  private withdrawPart(contribution: FileContribution, part: ObjectPart): void {
    const { object } = part;
    const { file } = contribution.entry;
    contribution.parts.pop();
    if (part.shortfall) contribution.shortfalls -= 1;
    this.partOf.delete(object);
    const key = objectKey(object.kind, object.namespace, object.name);
    removeFrom(this.byKey, key, object);
    this.alternatives.delete(object);
    this.markAlternatives(this.byKey.get(key) ?? []);
    this.byKind.remove(object.kind, file, object);
    for (const namespace of [object.namespace, object.kind === 'Namespace' ? object.name : '']) {
      if (!namespace) continue;
      const count = (this.namespaceUse.get(namespace) ?? 0) - 1;
      if (count > 0) this.namespaceUse.set(namespace, count);
      else this.namespaceUse.delete(namespace);
    }
    if (part.service) {
      const service = part.service;
      this.servicesByNamespace.remove(service.namespace, file, service);
      removeFrom(this.servicesByKey, `${service.namespace}/${service.name}`, service);
      this.serviceCount -= 1;
    }
    for (const key of part.configMapsRead) deleteFromSet(this.configMapReaders, key, part.pods[0]);
    for (let index = part.pods.length - 1; index >= 0; index--) {
      const pod = part.pods[index];
      this.podsByNamespace.remove(pod.namespace, file, pod);
    }
    for (const group of part.groups) {
      for (const label in group.labels) {
        const value = group.labels[label];
        deleteFromSet(this.podsByLabel, `${group.namespace}\0${label}=${value}`, group);
        deleteFromSet(this.podsByLabel, `*\0${label}=${value}`, group);
      }
    }
  }

  /** Takes a whole file out at once. */
  private withdraw(contribution: FileContribution): void {
    let services = false;
    let pods = false;
    for (let part = contribution.parts.at(-1); part; part = contribution.parts.at(-1)) {
      this.withdrawPart(contribution, part);
      services ||= part.service !== undefined;
      pods ||= part.pods.length > 0;
    }
    this.changed(services, pods || reservesPodAddresses(contribution.entry));
  }

  private changed(services: boolean, pods: boolean): void {
    this.backends.clear();
    if (services) {
      this.allServices = undefined;
      this.serviceAllocation = undefined;
    }
    if (pods) {
      this.allPods = undefined;
      this.podAddresses = undefined;
    }
  }

  private indexObject(object: ManifestObject): void {
    const key = objectKey(object.kind, object.namespace, object.name);
    const list = this.byKey.get(key);
    if (!list) this.byKey.set(key, [object]);
    else {
      list.push(object);
      list.sort((a, b) => compareFiles(a.file, b.file));
      this.markAlternatives(list);
    }
  }

  /** Definitions of one identity are alternatives when they stand in more than one file. */
  private markAlternatives(definitions: readonly ManifestObject[]): void {
    const inSeveralFiles = definitions.some((definition) => definition.file !== definitions[0].file);
    for (const definition of definitions) {
      if (inSeveralFiles) this.alternatives.add(definition);
      else this.alternatives.delete(definition);
    }
  }

  private indexService(service: ServiceView): void {
    const key = `${service.namespace}/${service.name}`;
    const list = this.servicesByKey.get(key);
    if (!list) this.servicesByKey.set(key, [service]);
    else {
      list.push(service);
      list.sort((a, b) => compareFiles(a.object.file, b.object.file));
    }
  }

  /** A Service after defaulting; cluster IPs and node ports it does not declare are allocated when read. */
  private serviceViewOf(object: ManifestObject): ServiceView {
    return new ModelledService(object, () => {
      this.noteRead('service-addresses', '');
      this.serviceAllocation ??= this.allocateServiceAddresses();
      return this.serviceAllocation;
    });
  }

  /** Cluster IPs and node ports for the Services that do not declare them, in sorted order. */
  private allocateServiceAddresses(): ServiceAllocation {
    const services = servicesOf(this.contributions.values());
    const cidrs = cidrList(this.settings.serviceCIDR);
    const allocators = new Map<IpFamily, IpAllocator>();
    // offset 1 is the `kubernetes` Service, offset 10 the cluster DNS Service, as kubeadm allocates them
    for (const cidr of cidrs) allocators.set(cidr.family, new IpAllocator(cidr, [0, 1, 10]));
    for (const { spec } of services) for (const ip of [spec.clusterIP, ...(spec.clusterIPs ?? [])]) if (ip) for (const allocator of allocators.values()) allocator.reserve(ip);
    const nodePorts = new NodePortAllocator(this.settings.nodePortRange);
    for (const { spec } of services) for (const port of spec.ports ?? []) if (port.nodePort) nodePorts.reserve(port.nodePort);
    // a Service defined twice: the files decide, not the order they were read in
    const sorted = [...services].sort((a, b) => compareKeys(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`) || compareFiles(a.object.file, b.object.file));
    const allocation: ServiceAllocation = { clusterIPs: new Map(), nodePorts: new Map() };
    for (const service of sorted) {
      const { spec, type, headless } = service;
      const key = `${service.namespace}/${service.name}`;
      if (type !== 'ExternalName' && !headless && service instanceof ModelledService && service.allocatesClusterIPs()) {
        const clusterIPs: AssignedIp[] = [...declaredClusterIPs(spec)];
        for (const family of requestedFamilies(spec.ipFamilies, spec.ipFamilyPolicy, cidrs)) {
          if (clusterIPs.some((assigned) => assigned.family === family)) continue;
          const ip = allocators.get(family)?.allocate(key);
          if (ip) clusterIPs.push({ ip, family, simulated: true });
        }
        allocation.clusterIPs.set(service, clusterIPs);
      }
      const ports = new Map<number, number | undefined>();
      for (const port of spec.ports ?? []) {
        const wantsNodePort = (type === 'NodePort' || type === 'LoadBalancer') && port.nodePort === undefined;
        if (wantsNodePort) ports.set(port.index, nodePorts.allocate(`${key}/${port.index}`));
      }
      if (ports.size > 0) allocation.nodePorts.set(service, ports);
    }
    return allocation;
  }

  /** A Pod's addresses: all Pods are allocated together, on the first read after any Pod changed. */
  private addressesOf(draft: PodDraft): PodAddresses {
    this.noteRead('pod-addresses', '');
    if (!this.podAddresses) {
      const drafts: PodDraft[] = [];
      for (const contribution of this.contributions.values()) for (const part of contribution.parts) for (const draft of part.drafts) drafts.push(draft);
      drafts.sort(comparePodDrafts);
      const allocators = new Map<IpFamily, IpAllocator>();
      for (const cidr of cidrList(this.settings.podCIDR)) allocators.set(cidr.family, new IpAllocator(cidr, [0, 1]));
      for (const contribution of this.contributions.values()) {
        for (const { object: pod } of contribution.parts) {
          if (pod.kind !== 'Pod') continue;
          const status = pod.body?.status as { podIP?: unknown; podIPs?: { ip?: unknown }[] } | undefined;
          for (const ip of [status?.podIP, ...(Array.isArray(status?.podIPs) ? status.podIPs.map((entry) => entry?.ip) : [])]) {
            if (typeof ip === 'string') for (const allocator of allocators.values()) allocator.reserve(ip);
          }
        }
      }
      // addresses written in Endpoints and EndpointSlices belong to some Pod: a simulated Pod must not take them
      const reserve = (ip: string | undefined): void => {
        if (ip) for (const allocator of allocators.values()) allocator.reserve(ip);
      };
      for (const object of this.byKind.get('Endpoints')) {
        for (const subset of endpointsSchema.safeParse(object.body ?? {}).data?.subsets ?? []) {
          for (const address of [...(subset.addresses ?? []), ...(subset.notReadyAddresses ?? [])]) reserve(address.ip);
        }
      }
      for (const object of this.byKind.get('EndpointSlice')) {
        for (const endpoint of endpointSliceSchema.safeParse(object.body ?? {}).data?.endpoints ?? []) for (const ip of endpoint.addresses ?? []) reserve(ip);
      }
      this.podAddresses = allocatePodAddresses(drafts, this.settings, allocators);
    }
    return this.podAddresses.get(draft) ?? { ips: [], ipSimulated: true };
  }
}

const serviceObject = (service: ServiceView): ManifestObject => service.object;
const podOwner = (pod: PodView): ManifestObject => pod.template.owner;

/** The Services of the files, file by file in the order given, each file's in object order. */
function servicesOf(contributions: Iterable<FileContribution>): ServiceView[] {
  const services: ServiceView[] = [];
  for (const contribution of contributions) for (const { service } of contribution.parts) if (service) services.push(service);
  return services;
}

/** Endpoints and EndpointSlices hold addresses simulated Pods must not be given. */
function reservesPodAddresses(entry: ManifestFile): boolean {
  return entry.objects.some((object) => object.kind === 'Endpoints' || object.kind === 'EndpointSlice');
}

/**
 * The cluster IPs a Service declares, as its `clusterIPs` lists them before any allocation: what a
 * rule about written addresses should read, since reading `clusterIPs` allocates over all Services.
 */
export function declaredServiceIPs(service: ServiceView): AssignedIp[] {
  return service.type !== 'ExternalName' && !service.headless ? declaredClusterIPs(service.spec) : [];
}

function addToSet<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function deleteFromSet<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(value);
  if (set.size === 0) map.delete(key);
}

function removeFrom<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) return;
  const index = list.indexOf(value);
  if (index >= 0) list.splice(index, 1);
  if (list.length === 0) map.delete(key);
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Settings hold a handful of CIDR lists, asked for once per Service: parse each text once. */
const cidrLists = new Map<string, Cidr[]>();

export function cidrList(text: string): Cidr[] {
  let list = cidrLists.get(text);
  if (!list) {
    list = text.split(',').map((part) => parseCidr(part)).filter((cidr): cidr is Cidr => cidr !== undefined);
    if (cidrLists.size < 64) cidrLists.set(text, list);
  }
  return [...list];
}

/** The IP families a Service asks for, as the API server defaults them, among the cluster's service CIDR families. */
export function requestedFamilies(ipFamilies: readonly string[] | undefined, policy: string | undefined, cidrs: readonly Cidr[]): IpFamily[] {
  const available = cidrs.map((cidr) => cidr.family);
  const asked = (ipFamilies ?? []).filter((family): family is IpFamily => family === 'IPv4' || family === 'IPv6');
  const primary = asked[0] ?? available[0] ?? 'IPv4';
  const families: IpFamily[] = [primary];
  if (policy === 'PreferDualStack' || policy === 'RequireDualStack') {
    const secondary = asked[1] ?? available.find((family) => family !== primary);
    if (secondary && secondary !== primary) families.push(secondary);
  }
  return families.filter((family) => available.includes(family));
}

class NodePortAllocator {
  private readonly taken = new Set<number>();
  private readonly low: number;
  private readonly high: number;

  constructor(range: string) {
    const [low, high] = range.split('-').map(Number);
    this.low = low;
    this.high = Math.max(low, high);
  }

  reserve(port: number): void {
    this.taken.add(port);
  }

  allocate(key: string): number | undefined {
    const size = this.high - this.low + 1;
    let h = 2166136261;
    for (let index = 0; index < key.length; index++) h = Math.imul(h ^ key.charCodeAt(index), 16777619) >>> 0;
    for (let tries = 0; tries < size; tries++) {
      const port = this.low + ((h + tries) % size);
      if (!this.taken.has(port)) {
        this.taken.add(port);
        return port;
      }
    }
    return undefined;
  }
}
