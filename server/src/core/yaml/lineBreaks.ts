/**
 * YAML counts a lone carriage return as a line break (old Mac files), but the yaml package reads it
 * as ordinary white space, so a CR-only file would parse as one long line. Replacing each lone CR
 * with LF keeps every offset, so spans found in the result hold for the original text.
 */
export function withYamlLineBreaks(text: string): string {
  if (!text.includes('\r')) return text;
  return text.replace(/\r(?!\n)/g, '\n');
}
