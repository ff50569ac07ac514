import { onPath } from './kustomizeTool';

/** The user's `helm`, found in an absolute PATH entry only (so a `helm` inside the linted folder never runs). */
export function findHelm(pathVariable: string | undefined = process.env.PATH): string | undefined {
  return onPath('helm', pathVariable);
}
