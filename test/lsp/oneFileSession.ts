import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Hover, Location } from 'vscode-languageserver/node';
import { LspSession, positionOf, uriOf } from './lspHarness';

/** A range as `line:character-line:character`, lines 1-based, as the tests write them. */
export function rangeText(location: Location): string {
  const { start, end } = location.range;
  return `${start.line + 1}:${start.character}-${end.line + 1}:${end.character}`;
}

/**
 * A server over a temporary folder holding one manifest file, with requests addressed by a needle
 * in its text: `hover('name: web', 7)` hovers 7 characters into the first `name: web`.
 */
export class OneFileSession {
  private constructor(
    private readonly folder: string,
    readonly session: LspSession,
    readonly uri: string,
    private readonly text: string,
  ) {}

  static async start(prefix: string, text: string): Promise<OneFileSession> {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    fs.writeFileSync(path.join(folder, 'app.yaml'), text);
    return new OneFileSession(folder, await LspSession.start([folder]), uriOf(path.join(folder, 'app.yaml')), text);
  }

  at(needle: string, shift: number, nth = 1): { textDocument: { uri: string }; position: { line: number; character: number } } {
    return { textDocument: { uri: this.uri }, position: positionOf(this.text, needle, shift, nth) };
  }

  async hover(needle: string, shift: number, nth = 1): Promise<string | undefined> {
    const result = await this.session.request<Hover | null>('textDocument/hover', this.at(needle, shift, nth));
    return result ? (result.contents as { value: string }).value : undefined;
  }

  async definition(needle: string, shift: number, nth = 1): Promise<string[]> {
    return (await this.session.request<Location[]>('textDocument/definition', this.at(needle, shift, nth))).map(rangeText);
  }

  async dispose(): Promise<void> {
    await this.session.dispose();
    fs.rmSync(this.folder, { recursive: true, force: true });
  }
}
