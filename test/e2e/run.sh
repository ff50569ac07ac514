#!/usr/bin/env bash
# npm run test:e2e — the extension in a real VS Code (code-server 4.139.1 = Code-OSS 1.139.1):
#   1. installs chromium/libkrb5-dev (apt), Node 24 and code-server (npm) when missing;
#   2. builds, bundles and packages the extension into test/e2e/.work/kube-lookup.vsix;
#   3. runs the mocha suite inside the extension host, then the UI tests against the .vsix.
# Each runner ends with "<runner>: N passed, N failed"; the exit code is non-zero if either failed.
set -uo pipefail
cd "$(dirname "$0")/../.."
work=test/e2e/.work
mkdir -p "$work"

timed() { # timed LABEL COMMAND...: runs it, prints how long it took, returns its status
  local label="$1" start status; shift
  start=${EPOCHREALTIME/./}
  "$@"; status=$?
  local tenths=$(( (${EPOCHREALTIME/./} - start) / 100000 ))
  printf 'e2e timing: %-15s %4d.%ds (exit %d)\n' "$label" $((tenths / 10)) $((tenths % 10)) "$status"
  return $status
}

timed install bash test/e2e/install.sh || exit 2
timed build npm run --silent build || exit 2
timed package npm run --silent package -- --out "$work/kube-lookup.vsix" || exit 2

status=0
timed extension-host node out/test/e2e/runner/extensionHost.js || status=1
timed ui node out/test/e2e/runner/ui.js || status=1
exit $status
