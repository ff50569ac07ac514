/** A problem with how the CLI was called or with its input files: exit code 2, one line on stderr. */
export class UsageError extends Error {}
