#!/usr/bin/env bash
# Installs what the real-DNS tests (test/dns-real/) need, only when missing: Debian's BIND (named,
# named-checkzone), dig and nslookup, ip (to bring up loopback in the test's own network namespace)
# and musl-gcc (to build the static musl getaddrinfo program, muslLookup.c).
# Without root it says what is missing and leaves the tests to skip loudly.
set -euo pipefail
missing=()
command -v named >/dev/null 2>&1 || [ -x /usr/sbin/named ] || missing+=(bind9)
command -v named-checkzone >/dev/null 2>&1 || [ -x /usr/bin/named-checkzone ] || [ -x /usr/sbin/named-checkzone ] || missing+=(bind9-utils)
command -v dig >/dev/null 2>&1 || missing+=(bind9-dnsutils)
command -v ip >/dev/null 2>&1 || [ -x /usr/sbin/ip ] || [ -x /sbin/ip ] || missing+=(iproute2)
command -v musl-gcc >/dev/null 2>&1 || missing+=(musl-tools)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "dns-real install: missing Debian packages: ${missing[*]} (run as root, or apt-get install them); the real-DNS tests will skip" >&2
  exit 0
fi
echo "dns-real install: apt-get install ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
