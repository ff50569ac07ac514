"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.TranscriptDocuments = exports.TRANSCRIPT_LANGUAGE = exports.TRANSCRIPT_SCHEME = void 0;
const vscode = __importStar(require("vscode"));
exports.TRANSCRIPT_SCHEME = 'kube-lookup';
exports.TRANSCRIPT_LANGUAGE = 'kube-lookup-nslookup';
/**
 * Read-only documents for what the server computes (nslookup transcripts, records, environment
 * variables). Each kind has one URI, so a new lookup replaces the text in the same tab.
 */
class TranscriptDocuments {
    texts = new Map();
    changed = new vscode.EventEmitter();
    onDidChange = this.changed.event;
    provideTextDocumentContent(uri) {
        return this.texts.get(uri.path) ?? '';
    }
    async show(name, text) {
        const uri = vscode.Uri.from({ scheme: exports.TRANSCRIPT_SCHEME, path: `/${name}` });
        this.texts.set(uri.path, text);
        this.changed.fire(uri);
        let document = await vscode.workspace.openTextDocument(uri);
        if (document.languageId !== exports.TRANSCRIPT_LANGUAGE)
            document = await vscode.languages.setTextDocumentLanguage(document, exports.TRANSCRIPT_LANGUAGE);
        await vscode.window.showTextDocument(document, { preview: false, preserveFocus: false, viewColumn: vscode.ViewColumn.Beside });
    }
    dispose() {
        this.changed.dispose();
    }
}
exports.TranscriptDocuments = TranscriptDocuments;
//# sourceMappingURL=transcripts.js.map