import { UsageError } from './usageError';

export interface ParsedArgs {
  readonly command: string | undefined;
  readonly positionals: string[];
  readonly options: Map<string, string | true>;
}

/** Options that take a value; every other `--flag` is a boolean. */
const VALUE_OPTIONS = new Set(['format', 'config', 'cluster-domain', 'pods', 'type', 'from', 'namespace', 'rule', 'severity', 'dns-profile', 'write-docs', 'cluster', 'protocol', 'zone', 'resolver', 'corefile']);

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index];
    if (arg === '--') {
      positionals.push(...argv.slice(index + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name, inline] = splitOnce(arg.slice(2), '=');
      if (VALUE_OPTIONS.has(name)) {
        const value = inline ?? argv[++index];
        if (value === undefined) throw new UsageError(`--${name} needs a value`);
        options.set(name, value);
      } else {
        if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
        options.set(name, true);
      }
    } else if (arg === '-h') {
      options.set('help', true);
    } else {
      positionals.push(arg);
    }
  }
  return { command: positionals.shift(), positionals, options };
}

export function optionValue(args: ParsedArgs, name: string, allowed?: readonly string[]): string | undefined {
  const value = args.options.get(name);
  if (value === undefined) return undefined;
  if (value === true) throw new UsageError(`--${name} needs a value`);
  if (allowed && !allowed.includes(value)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value;
}

export function rejectUnknownOptions(args: ParsedArgs, known: readonly string[]): void {
  for (const name of args.options.keys()) {
    if (!known.includes(name)) throw new UsageError(`unknown option --${name}`);
  }
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
