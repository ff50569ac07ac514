import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { readManifest } from './files';

/** From this many files on, a worker is worth its start (about 30 ms). */
const WORKER_FROM = 256;
/** Files per message to the worker and back. */
const BATCH = 128;
/**
 * Batches asked for ahead of the one being parsed: the worker reads while the server parses, and
 * read texts do not pile up in the queue when the server falls behind.
 */
const BATCHES_AHEAD = 4;
/** Reads in flight when the server reads the files itself. */
const READS_IN_FLIGHT = 64;

/** A file's text, or undefined when it cannot be read (as readManifest). */
export interface ReadManifest {
  readonly uri: string;
  readonly text: string | undefined;
}

/**
 * The texts of file URIs, in the order given. A folder of many files is read by a worker thread:
 * a read through the thread pool costs the server's thread four round trips, about as much as
 * parsing the file, while the worker's reads cost it nothing (and a read stuck on a hung mount
 * stalls only the worker).
 */
export function readManifests(uris: readonly string[]): AsyncGenerator<ReadManifest> {
  return uris.length >= WORKER_FROM ? readManifestsInWorker(uris) : readManifestsHere(uris);
}

/** Reads in a worker thread, a batch at a time; should the worker fail, the rest are read here. */
export async function* readManifestsInWorker(uris: readonly string[], script = path.join(__dirname, 'readManifestsWorker.js')): AsyncGenerator<ReadManifest> {
  const worker = new Worker(script);
  const answers: (string | undefined)[][] = [];
  let failed = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (texts: (string | undefined)[]) => {
    answers.push(texts);
    notify();
  });
  // not found (a bundle without it), or crashed
  const fail = (): void => {
    failed = true;
    notify();
  };
  worker.on('error', fail);
  worker.on('exit', fail);
  let asked = 0;
  const ask = (): void => {
    if (asked >= uris.length) return;
    worker.postMessage(uris.slice(asked, asked + BATCH));
    asked += BATCH;
  };
  for (let batch = 0; batch < BATCHES_AHEAD; batch++) ask();
  let done = 0;
  try {
    while (done < uris.length) {
      const texts = answers.shift();
      if (!texts) {
        if (failed) break;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      ask();
      for (const text of texts) yield { uri: uris[done++], text };
    }
  } finally {
    worker.off('exit', fail);
    void worker.terminate();
  }
  yield* readManifestsHere(uris.slice(done));
}

/** Reads with several files in flight through the thread pool. */
export async function* readManifestsHere(uris: readonly string[]): AsyncGenerator<ReadManifest> {
  const reads = new Map<number, Promise<string | undefined>>();
  const start = (index: number): void => {
    if (index < uris.length) reads.set(index, readManifest(uris[index]));
  };
  for (let index = 0; index < READS_IN_FLIGHT; index++) start(index);
  for (let index = 0; index < uris.length; index++) {
    const text = await reads.get(index);
    reads.delete(index);
    start(index + READS_IN_FLIGHT);
    yield { uri: uris[index], text };
  }
}
