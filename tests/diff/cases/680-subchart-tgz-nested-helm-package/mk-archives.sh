#!/bin/sh
# mk-archives.sh - regenerate the .tgz test data of cases 680-689 (packaged subcharts).
#   680: made by real `helm package` (a subchart that holds a packaged sub-subchart);
#   681-688: damaged or hostile archives written by Python's tarfile/gzip (fixed mtimes).
# Usage: sh mk-archives.sh [HELM]     (HELM defaults to helm v4.1.4 of `make test-deps`)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
CASES=$(dirname "$HERE")
HELM=${1:-${HELM:-$HOME/.cache/sparkgen-test/helm-v4/helm}}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# 680: leaf -> packaged into mid/charts, mid -> packaged into the case chart's charts/
mkdir -p "$T/leaf/templates" "$T/mid/templates" "$T/mid/charts"
printf 'apiVersion: v2\nname: leaf\nversion: 0.3.0\n' > "$T/leaf/Chart.yaml"
printf 'msg: from-leaf\n' > "$T/leaf/values.yaml"
printf 'kind: ConfigMap\nmetadata:\n  name: {{ .Chart.Name }}-{{ .Values.msg }}\n  path: {{ .Template.Name }}\n' \
	> "$T/leaf/templates/cm.yaml"
printf 'apiVersion: v2\nname: mid\nversion: 0.2.0\n' > "$T/mid/Chart.yaml"
printf 'x: 1\nleaf:\n  msg: set-by-mid\n' > "$T/mid/values.yaml"
printf 'kind: ConfigMap\nmetadata:\n  name: {{ .Chart.Name }}-{{ .Values.x }}\ndata:\n  f: {{ .Files.Get "data.txt" | quote }}\n' \
	> "$T/mid/templates/cm.yaml"
printf 'hello from a packaged file\n' > "$T/mid/data.txt"
(cd "$T" && "$HELM" package leaf -d mid/charts >/dev/null && "$HELM" package mid -d "$HERE/chart/charts" >/dev/null)

# 681-688: python-made archives with one subchart "sub"
python3 - "$CASES" <<'PY'
import gzip, io, sys, tarfile
cases = sys.argv[1]
CY = b"apiVersion: v2\nname: sub\nversion: 0.1.0\n"
TP = b"kind: ConfigMap\nmetadata:\n  name: {{ .Chart.Name }}\n"
OK = [("sub/Chart.yaml", CY), ("sub/templates/cm.yaml", TP)]
def tgz(case, entries, corrupt=None):
    bio = io.BytesIO()
    with tarfile.open(fileobj=bio, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data in entries:
            ti = tarfile.TarInfo(name); ti.size = len(data); ti.mtime = 0; ti.mode = 0o644
            t.addfile(ti, io.BytesIO(data))
    z = gzip.compress(bio.getvalue(), mtime=0)
    if corrupt == "trunc": z = z[:len(z) // 2]
    if corrupt == "crc": z = z[:-8] + bytes([z[-8] ^ 1]) + z[-7:]
    if corrupt == "garbage": z = b"\x1f\x8b\x08" + b"\x00" * 40
    with open("%s/%s/chart/charts/sub-0.1.0.tgz" % (cases, case), "wb") as f:
        f.write(z)
tgz("681-subchart-tgz-truncated", OK, "trunc")
tgz("682-subchart-tgz-bad-crc-after-end", OK, "crc")
tgz("683-subchart-tgz-corrupt-deflate", OK, "garbage")
tgz("684-subchart-tgz-parent-dir-entry", OK + [("sub/../../evil", b"x")])
tgz("685-subchart-tgz-chart-yaml-on-top", [("Chart.yaml", CY)] + OK)
tgz("686-subchart-tgz-absolute-entry", OK + [("sub//etc/x", b"x")])
tgz("687-subchart-tgz-entry-outside-base", OK + [("sub", b"x")])
tgz("688-subchart-tgz-no-files", [])
PY
