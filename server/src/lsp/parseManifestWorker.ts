import { parentPort } from 'node:worker_threads';
import { parseManifestFile, type ParseLimits } from '../core/yaml/parseManifestFile';
import type { ParseAnswer } from './offThreadParser';

/** Documents per message: each message is copied into the server's thread in one turn of its event loop. */
const DOCUMENTS_PER_MESSAGE = 200;

// The worker thread behind OffThreadParser: parses one large file at a time and answers in parts.
parentPort?.on('message', ({ id, text, limits }: { id: number; text: string; limits: ParseLimits }) => {
  parentPort?.postMessage({ id, started: true, documents: [] } satisfies ParseAnswer);
  const parsed = parseManifestFile(text, limits);
  for (let start = 0; start < parsed.documents.length; start += DOCUMENTS_PER_MESSAGE) {
    parentPort?.postMessage({ id, documents: parsed.documents.slice(start, start + DOCUMENTS_PER_MESSAGE) } satisfies ParseAnswer);
  }
  parentPort?.postMessage({ id, documents: [], issues: parsed.issues } satisfies ParseAnswer);
});
