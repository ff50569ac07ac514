import type { ClusterModel } from '../model/clusterModel';
import { lintFiles, type RuleFailure } from './runRules';
import type { Finding } from './types';

/**
 * Keeps the findings of every file current while files change one at a time, as the editor needs:
 * each change returns the files whose findings were recomputed.
 */
export class LintSession {
  private readonly findingsByFile = new Map<string, Finding[]>();
  private failureList: RuleFailure[] = [];

  constructor(readonly model: ClusterModel) {}

  /** Lints every file of the model; returns them all. */
  lintAll(): string[] {
    return this.relint([...this.model.files()].map((entry) => entry.file));
  }

  setFile(file: string, text: string): string[] {
    this.model.setFile(file, text);
    return this.lintAll();
  }

  removeFile(file: string): string[] {
    this.model.removeFile(file);
    this.findingsByFile.delete(file);
    return this.lintAll();
  }

  findings(file: string): readonly Finding[] {
    return this.findingsByFile.get(file) ?? [];
  }

  failures(): readonly RuleFailure[] {
    return this.failureList;
  }

  private relint(files: string[]): string[] {
    const result = lintFiles(this.model, files);
    for (const file of files) this.findingsByFile.set(file, []);
    for (const finding of result.findings) this.findingsByFile.get(finding.file)?.push(finding);
    this.failureList = result.failures;
    return files;
  }
}
