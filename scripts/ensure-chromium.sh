#!/usr/bin/env bash
# The HTML report is tested in a real headless browser (Debian's chromium, driven by playwright-core).
# Installs it when missing and we are allowed to (root with apt-get); otherwise says what to do.
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing chromium for the HTML report browser tests…" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "chromium is required for the HTML report tests: sudo apt-get install chromium" >&2
exit 1
