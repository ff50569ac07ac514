/**
 * A message with its overlong words cut in the middle. A name or value of thousands of characters
 * is invalid anyway (names have at most 253), and quoting it whole in each of its findings made
 * messages of megabytes: for the Problems panel, the CLI's one-line output and the editor's memory.
 */
export function elidedMessage(message: string): string {
  if (message.length <= LONGEST_WORD) return message;
  return message.replace(OVERLONG_WORD, (word) => `${word.slice(0, KEPT_HEAD)}…(${word.length.toLocaleString('en-US')} characters)…${word.slice(-KEPT_TAIL)}`);
}

/** Longer than any valid name or label value (253 and 63 characters), with room for quotes and a key. */
const LONGEST_WORD = 320;
/** Words of more than LONGEST_WORD characters (a literal: the safety test allows no built pattern). */
const OVERLONG_WORD = /\S{321,}/g;
const KEPT_HEAD = 100;
/** The end of a word keeps its closing quote and what tells two long names apart when they differ there. */
const KEPT_TAIL = 20;
