import type { LanguageClient } from 'vscode-languageclient/node';
import type { TranscriptDocuments } from './transcripts';
/**
 * Kubernetes: Simulate nslookup. Pick the Pod (or any Pod of a namespace) that asks, type the
 * name (the namespace's Services are offered), choose the record type, read the transcript.
 */
export declare function simulateNslookupCommand(client: LanguageClient, transcripts: TranscriptDocuments): Promise<void>;
