import { parentPort } from 'node:worker_threads';
import { readManifestSync } from './files';
import type { ReadRequest } from './readManifests';

// The worker thread behind readManifests: answers each batch of file URIs with what was read, in order.
parentPort?.on('message', ({ uris, limits }: ReadRequest) => parentPort?.postMessage(uris.map((uri) => readManifestSync(uri, limits))));
