/**
 * What a quick pick that also takes free text accepts. Enter may come right after the last key,
 * before the list follows the value: the item taken counts only when the typed text filters to it.
 */
export function typedOrPicked(typed: string, picked: string | undefined): string | undefined {
  const text = typed.trim();
  if (picked !== undefined && (text === '' || filtersTo(text, picked))) return picked.trim();
  return text || undefined;
}

/** True when VS Code's quick pick filter would keep `label` for `typed`: its characters in order. */
export function filtersTo(typed: string, label: string): boolean {
  let at = 0;
  const lower = label.toLowerCase();
  for (const character of typed.toLowerCase()) {
    at = lower.indexOf(character, at);
    if (at < 0) return false;
    at += 1;
  }
  return true;
}
