import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { parseManifestFile, type ParsedDocument, type ParsedFile, type ParseLimits } from '../core/yaml/parseManifestFile';
import type { ParseIssue } from '../core/yaml/parseIssue';
import { seconds } from './diagnosticsScheduler';
import { ValueAssembler, type ValuePart } from './valueParts';

/** A part of a worker's answer: documents, and with the last part the file's issues. */
export interface ParseAnswer {
  readonly id: number;
  /** Set on the first message, sent as the worker starts on the file: the budget runs from then on. */
  readonly started?: boolean;
  readonly documents: readonly ParsedDocument[];
  /** A part of a large document's value; the parts come in order, then `partsOf`. */
  readonly part?: ValuePart;
  /** The large document whose value the parts since the last document made. */
  readonly partsOf?: Omit<ParsedDocument, 'value'>;
  readonly issues?: readonly ParseIssue[];
}

/** What the server's thread sends the worker: a file to parse, or a request for the next part of the answer. */
export type ParseRequest = { readonly id: number; readonly text: string; readonly limits: ParseLimits } | { readonly more: number };

interface Job {
  readonly id: number;
  readonly text: string;
  readonly limits: ParseLimits;
  readonly resolve: (parsed: ParsedFile) => void;
  readonly documents: ParsedDocument[];
  assembler?: ValueAssembler;
}

/**
 * Parses large files in a worker thread, one at a time, so the server's thread keeps answering
 * while a file of megabytes is read; the answer comes back in parts, each copied in its own turn
 * of the event loop. A file not parsed within the time budget is skipped: the worker is ended
 * (a parser stuck in a pathological input cannot be interrupted otherwise) and a new one takes the
 * next file. Without a worker (a bundle without its script), files are parsed on this thread.
 */
export class OffThreadParser {
  private worker: Worker | undefined;
  private readonly queue: Job[] = [];
  private current: Job | undefined;
  private timer: NodeJS.Timeout | undefined;
  private nextId = 0;
  private broken = false;

  constructor(
    private readonly budgetMs: number,
    private readonly script = path.join(__dirname, 'parseManifestWorker.js'),
  ) {}

  parse(text: string, limits: ParseLimits): Promise<ParsedFile> {
    if (this.broken) return Promise.resolve(parseManifestFile(text, limits));
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, text, limits, resolve, documents: [] });
      this.next();
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private next(): void {
    if (this.current) return;
    const job = this.queue.shift();
    if (!job) {
      // an idle worker holds no file; it is kept for the next large file, without keeping the process alive
      this.worker?.unref();
      return;
    }
    this.current = job;
    const worker = this.start();
    worker.ref();
    worker.postMessage({ id: job.id, text: job.text, limits: job.limits } satisfies ParseRequest);
  }

  /** The worker has the file: from now on it has the budget (starting a worker is not parsing). */
  private started(job: Job): void {
    this.timer = setTimeout(() => {
      this.stop();
      this.finish(job, skipped(`File skipped: parsing it took longer than ${seconds(this.budgetMs)} (the language server's time budget per file).`));
    }, this.budgetMs);
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script);
    worker.on('message', (answer: ParseAnswer) => {
      const job = this.current;
      if (!job || answer.id !== job.id) return;
      if (answer.started) return this.started(job);
      // parsed: the rest is copying, which the budget does not bound
      clearTimeout(this.timer);
      job.documents.push(...answer.documents);
      if (answer.part) (job.assembler ??= new ValueAssembler()).add(answer.part);
      if (answer.partsOf) {
        job.documents.push({ ...answer.partsOf, value: job.assembler?.value });
        job.assembler = undefined;
      }
      if (answer.issues) return this.finish(job, { documents: job.documents, issues: answer.issues });
      // the next part in a later turn, after the requests that came meanwhile
      setImmediate(() => {
        if (this.current === job) worker.postMessage({ more: job.id } satisfies ParseRequest);
      });
    });
    const failed = (): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.broken = true;
      // the rest are parsed here, as without a worker
      const jobs = [...(this.current ? [this.current] : []), ...this.queue.splice(0)];
      clearTimeout(this.timer);
      this.current = undefined;
      for (const job of jobs) job.resolve(parseManifestFile(job.text, job.limits));
    };
    worker.on('error', failed);
    worker.on('exit', failed);
    this.worker = worker;
    return worker;
  }

  /** Ends a worker stuck in a file; the next file gets a new one. */
  private stop(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }

  private finish(job: Job, parsed: ParsedFile): void {
    if (this.current !== job) return;
    clearTimeout(this.timer);
    this.current = undefined;
    job.resolve(parsed);
    this.next();
  }
}

function skipped(message: string): ParsedFile {
  return { documents: [], issues: [{ ruleId: 'file-skipped', message, span: { start: 0, end: 0 } }] };
}

