import type { ManifestFile } from '../model/clusterModel';
import { parseManifestFile, type ParsedDocument } from '../yaml/parseManifestFile';

const documentsOf = new WeakMap<ManifestFile, readonly ParsedDocument[]>();

/** The plain values of a file's documents, parsed once per file version (the model keeps only modelled kinds' bodies). */
export function parsedDocuments(entry: ManifestFile): readonly ParsedDocument[] {
  let documents = documentsOf.get(entry);
  if (!documents) {
    documents = parseManifestFile(entry.text).documents;
    documentsOf.set(entry, documents);
  }
  return documents;
}
