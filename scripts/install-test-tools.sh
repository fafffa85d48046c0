#!/usr/bin/env bash
# Installs the outside tools that some tests drive, on a fresh Debian or Ubuntu machine (CI's
# .ci/run calls it before the build; a developer may too). Each is a Debian package:
#   chromium                    the explorer's browser test (puppeteer-core never downloads one)
#   gcc-mips64-linux-gnuabi64   builds the MIPS64 test programs of the cannon module
#   qemu-user                   qemu-mips64 runs those programs as the reference
# Only what is missing is installed, with one apt-get update. Tests that need a missing tool are
# skipped with a message on a developer's machine and fail in CI (CI set).
# Exit status: 0 when every tool is there afterwards, 1 otherwise.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

case "${1:-}" in
  "") ;;
  -h|--help)
    echo "usage: scripts/install-test-tools.sh   (as root on Debian/Ubuntu)"
    exit 0
    ;;
  *)
    echo "install-test-tools: unknown argument $1 (usage: scripts/install-test-tools.sh)" >&2
    exit 2
    ;;
esac

missing=()
scripts/find-chromium.sh >/dev/null 2>&1 || missing+=(chromium)
command -v mips64-linux-gnuabi64-gcc >/dev/null 2>&1 || missing+=(gcc-mips64-linux-gnuabi64)
command -v qemu-mips64 >/dev/null 2>&1 || missing+=(qemu-user)

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-test-tools: chromium, mips64-linux-gnuabi64-gcc and qemu-mips64 are there"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "install-test-tools: missing ${missing[*]}; installing needs root (apt-get)" >&2
  exit 1
fi
if ! grep -qiE '^(ID|ID_LIKE)=.*(debian|ubuntu)' /etc/os-release 2>/dev/null; then
  echo "install-test-tools: missing ${missing[*]}; this script knows only Debian and Ubuntu" >&2
  exit 1
fi
echo "install-test-tools: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
scripts/find-chromium.sh >/dev/null
command -v mips64-linux-gnuabi64-gcc >/dev/null
command -v qemu-mips64 >/dev/null
echo "install-test-tools: done"
