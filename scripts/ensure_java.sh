#!/bin/sh
# The Spark engine test runs a local PySpark session, which needs a Java runtime (17 or newer).
# Install Debian's when none is on the PATH and we may (root + apt).
if command -v java >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's Java runtime for the Spark engine test ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
    command -v java >/dev/null 2>&1 && exit 0
fi
echo "The Spark engine test needs a Java runtime (17 or newer) on the PATH." >&2
echo "Install Debian's package 'openjdk-17-jre-headless' or another JRE." >&2
exit 1
