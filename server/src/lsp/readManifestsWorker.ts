import { parentPort } from 'node:worker_threads';
import { readManifestSync } from './files';

// The worker thread behind readManifests: answers each batch of file URIs with their texts, in order.
parentPort?.on('message', (uris: string[]) => parentPort?.postMessage(uris.map(readManifestSync)));
