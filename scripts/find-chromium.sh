#!/usr/bin/env bash
# Prints the path of a Chromium for the explorer's browser test (ExplorerBrowserIT drives it with
# puppeteer-core, which never downloads a browser of its own).
# Order: $MERAPI_CHROMIUM, then chromium, chromium-browser and google-chrome on the PATH.
# With --install, when nothing is found, scripts/install-test-tools.sh installs Debian's `chromium`
# package first (as root on Debian or Ubuntu).
# Exit status: 0 with the path on stdout, 1 with the reason on stderr.
set -euo pipefail

install=false
for arg in "$@"; do
  case "$arg" in
    --install) install=true ;;
    -h|--help)
      echo "usage: scripts/find-chromium.sh [--install]"
      exit 0
      ;;
    *)
      echo "find-chromium: unknown argument $arg (usage: scripts/find-chromium.sh [--install])" >&2
      exit 2
      ;;
  esac
done

find_chromium() {
  if [ -n "${MERAPI_CHROMIUM:-}" ]; then
    if [ -x "$MERAPI_CHROMIUM" ]; then
      echo "$MERAPI_CHROMIUM"
      return 0
    fi
    # A browser named explicitly but missing is a mistake to report, not to paper over.
    echo "find-chromium: MERAPI_CHROMIUM=$MERAPI_CHROMIUM is not an executable file" >&2
    return 2
  fi
  local name
  for name in chromium chromium-browser google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then
      command -v "$name"
      return 0
    fi
  done
  return 1
}

status=0
find_chromium || status=$?
if [ "$status" -eq 0 ]; then
  exit 0
elif [ "$status" -eq 2 ]; then
  exit 1
fi

if $install; then
  # One installer for every outside tool the tests need (one apt-get run).
  "$(dirname "${BASH_SOURCE[0]}")/install-test-tools.sh" >&2 || exit 1
  if find_chromium; then
    exit 0
  fi
fi

echo "find-chromium: no chromium found (MERAPI_CHROMIUM, chromium, chromium-browser, google-chrome);" \
  "run scripts/find-chromium.sh --install as root on Debian/Ubuntu, or set MERAPI_CHROMIUM" >&2
exit 1
