/** What the suite writes to $KUBE_LOOKUP_E2E_RESULTS when mocha finishes. */
export interface SuiteResults {
  readonly passed: readonly string[];
  readonly failed: readonly { readonly title: string; readonly error: string }[];
}

/** The closing line every runner prints; CI and people read the counts from it. */
export function summaryLine(runner: string, passed: number, failed: number): string {
  return `${runner}: ${passed} passed, ${failed} failed`;
}

/** Milliseconds since `start`, for the step timings the runners print. */
export function stopwatch(): () => string {
  const start = Date.now();
  return () => `${((Date.now() - start) / 1000).toFixed(1)}s`;
}
