import * as vscode from 'vscode';
import { type SimulateNslookupParams, type SimulateNslookupResult } from '../../server/src/protocol';
/** What `activate` returns to other extensions (and to the end-to-end tests). */
export interface KubeLookupApi {
    /** The nslookup simulation the command runs, without its prompts. */
    simulateNslookup(params: SimulateNslookupParams): Promise<SimulateNslookupResult | null>;
}
export declare function activate(context: vscode.ExtensionContext): Promise<KubeLookupApi>;
export declare function deactivate(): Promise<void>;
