import { parentPort } from 'node:worker_threads';
import { parseManifestFile, type ParsedFile } from '../core/yaml/parseManifestFile';
import type { ParseAnswer, ParseRequest } from './offThreadParser';
import { valueParts } from './valueParts';

/** Documents per message, when small: each message is copied into the server's thread in one turn of its event loop. */
const DOCUMENTS_PER_MESSAGE = 200;
/** A document of this many characters or more is sent in parts (see valueParts). */
const SEND_IN_PARTS_FROM = 64 * 1024;

/** The answer being sent, a message at a time, and the file it is for. */
let answers: Iterator<ParseAnswer> | undefined;
let answering: number | undefined;

// The worker thread behind OffThreadParser: parses one large file at a time and answers in parts,
// the next part when the server's thread asks for it, so that parts are copied in turns of their own.
parentPort?.on('message', (request: ParseRequest) => {
  if ('more' in request) {
    const next = request.more === answering ? answers?.next() : undefined;
    if (next && !next.done) parentPort?.postMessage(next.value);
    return;
  }
  const { id, text, limits } = request;
  parentPort?.postMessage({ id, started: true, documents: [] } satisfies ParseAnswer);
  answering = id;
  answers = answersOf(id, parseManifestFile(text, limits));
  const first = answers.next();
  if (!first.done) parentPort?.postMessage(first.value);
});

function* answersOf(id: number, parsed: ParsedFile): Generator<ParseAnswer> {
  let batch: ParsedFile['documents'][number][] = [];
  for (const document of parsed.documents) {
    if (document.span.end - document.span.start < SEND_IN_PARTS_FROM) {
      batch.push(document);
      if (batch.length === DOCUMENTS_PER_MESSAGE) {
        yield { id, documents: batch };
        batch = [];
      }
      continue;
    }
    if (batch.length > 0) yield { id, documents: batch };
    batch = [];
    for (const part of valueParts(document.value)) yield { id, documents: [], part };
    yield { id, documents: [], partsOf: { index: document.index, span: document.span } };
  }
  yield { id, documents: batch, issues: parsed.issues };
}
