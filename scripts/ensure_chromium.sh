#!/bin/sh
# The browser tests drive Debian's Chromium. Install it when it is missing and we may (root + apt).
CHROMIUM="${TPKIT_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    [ -x "$CHROMIUM" ] && exit 0
fi
echo "The browser tests need Chromium at $CHROMIUM." >&2
echo "Install Debian's package 'chromium' (apt-get install chromium) or set TPKIT_CHROMIUM to its path." >&2
exit 1
