/**
 * What a quick pick that also takes free text accepts. Enter may come right after the last key,
 * before the list follows the value: the item taken counts only when the typed text filters to it.
 */
export declare function typedOrPicked(typed: string, picked: string | undefined): string | undefined;
/** True when VS Code's quick pick filter would keep `label` for `typed`: its characters in order. */
export declare function filtersTo(typed: string, label: string): boolean;
