import * as vscode from 'vscode';
export declare const TRANSCRIPT_SCHEME = "kube-lookup";
export declare const TRANSCRIPT_LANGUAGE = "kube-lookup-nslookup";
/**
 * Read-only documents for what the server computes (nslookup transcripts, records, environment
 * variables). Each kind has one URI, so a new lookup replaces the text in the same tab.
 */
export declare class TranscriptDocuments implements vscode.TextDocumentContentProvider {
    private readonly texts;
    private readonly changed;
    readonly onDidChange: vscode.Event<vscode.Uri>;
    provideTextDocumentContent(uri: vscode.Uri): string;
    show(name: 'nslookup' | 'records' | 'environment', text: string): Promise<void>;
    dispose(): void;
}
