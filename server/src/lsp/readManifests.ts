import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ManifestRead, ManifestReadLimits } from '../files/manifestRead';
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

/** A file's text, or why it was skipped (as readManifest). */
export interface ReadManifest {
  readonly uri: string;
  readonly read: ManifestRead;
}

/** What the worker thread is asked: files to read, and how. */
export interface ReadRequest {
  readonly uris: readonly string[];
  readonly limits: ManifestReadLimits;
}

/**
 * The texts of file URIs, in the order given. A folder of many files is read by a worker thread:
 * a read through the thread pool costs the server's thread four round trips, about as much as
 * parsing the file, while the worker's reads cost it nothing (and a read stuck on a hung mount
 * stalls only the worker).
 */
export function readManifests(uris: readonly string[], limits: ManifestReadLimits): AsyncGenerator<ReadManifest> {
  return uris.length >= WORKER_FROM ? readManifestsInWorker(uris, limits) : readManifestsHere(uris, limits);
}

/** Reads in a worker thread, a batch at a time; should the worker fail, the rest are read here. */
export async function* readManifestsInWorker(uris: readonly string[], limits: ManifestReadLimits, script = path.join(__dirname, 'readManifestsWorker.js')): AsyncGenerator<ReadManifest> {
  const worker = new Worker(script);
  const answers: ManifestRead[][] = [];
  let failed = false;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (reads: ManifestRead[]) => {
    answers.push(reads);
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
    const request: ReadRequest = { uris: uris.slice(asked, asked + BATCH), limits };
    worker.postMessage(request);
    asked += BATCH;
  };
  for (let batch = 0; batch < BATCHES_AHEAD; batch++) ask();
  let done = 0;
  try {
    while (done < uris.length) {
      const reads = answers.shift();
      if (!reads) {
        if (failed) break;
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      ask();
      for (const read of reads) yield { uri: uris[done++], read };
    }
  } finally {
    worker.off('exit', fail);
    void worker.terminate();
  }
  yield* readManifestsHere(uris.slice(done), limits);
}

/** Reads with several files in flight through the thread pool. */
export async function* readManifestsHere(uris: readonly string[], limits: ManifestReadLimits): AsyncGenerator<ReadManifest> {
  const reads = new Map<number, Promise<ManifestRead>>();
  const start = (index: number): void => {
    if (index < uris.length) reads.set(index, readManifest(uris[index], limits));
  };
  for (let index = 0; index < READS_IN_FLIGHT; index++) start(index);
  for (let index = 0; index < uris.length; index++) {
    const read = (await reads.get(index))!;
    reads.delete(index);
    start(index + READS_IN_FLIGHT);
    yield { uri: uris[index], read };
  }
}
