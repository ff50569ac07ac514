import type { ManifestFile } from '../core/model/clusterModel';
import { extractObjects } from '../core/model/extractObjects';
import type { ManifestObject } from '../core/model/manifestObject';
import type { ParsedFile } from '../core/yaml/parseManifestFile';
import { SourceLocator } from '../core/yaml/sourceLocator';
import type { UnitStaging } from './unitModel';

/**
 * A new version of a file parsed in a worker thread, read into its partition a slice at a time: its
 * documents become objects a document at a time, then the file goes into the model of each apply
 * unit holding it, an object at a time (see ClusterModel.stageFile). Until its objects are read it
 * has touched nothing and can be dropped for a newer version; once it has `begun`, the models hold
 * part of it, and it is finished before anything else changes the file.
 */
export class FileLoad {
  private next = 0;
  private readonly objects: ManifestObject[] = [];
  private read: ManifestFile | undefined;
  /** Set when the file goes into the units' models (see Partition): then the models hold part of it. */
  stagings: UnitStaging[] | undefined;

  constructor(
    readonly file: string,
    readonly text: string,
    private readonly parsed: ParsedFile,
    /** Whether its findings are to be linted and published once it is in (not while a folder is first read). */
    readonly publish: boolean,
  ) {}

  get begun(): boolean {
    return this.stagings !== undefined;
  }

  /** Reads documents into objects until `pause` says to; the file as the model holds it, once all are read. */
  readObjects(pause: () => boolean = () => false): ManifestFile | undefined {
    const { documents, issues } = this.parsed;
    while (!this.read && this.next < documents.length) {
      for (const object of extractObjects(this.file, [documents[this.next++]])) this.objects.push(object);
      if (this.next < documents.length && pause()) return undefined;
    }
    this.read ??= { file: this.file, text: this.text, objects: this.objects, issues, locator: new SourceLocator(this.text) };
    return this.read;
  }
}
