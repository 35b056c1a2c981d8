#!/bin/sh
# install-build-deps.sh - install the Debian packages needed to build sparkgen and its
# unit tests (compiler, libyaml, PCRE2, zlib, libcrypto, Check).  Run as root.  Installs only what is
# missing (one `apt-get update`, noninteractive) and prints nothing when all is present.
set -eu

PKGS="gcc make libc6-dev pkg-config libyaml-dev libpcre2-dev zlib1g-dev libssl-dev check"

missing=""
for p in $PKGS; do
	st=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
	[ "$st" = "installed" ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "install-build-deps: missing packages:$missing (run as root)" >&2
	exit 1
fi
echo "install-build-deps: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
