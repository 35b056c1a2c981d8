#!/usr/bin/env python3
"""gen.py - writes tests/bad/cases/ (the bad-input catalogue) from the tables below.
Cases without an `expect` are compared live with helm; OWN cases get their expectation
from tests/bad/expect/<name> (reviewed by hand).  Run from the top: python3 tests/bad/gen.py"""
import os, shutil
HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, 'cases')
CHART = b'apiVersion: v2\nname: c\nversion: 0.1.0\n'
cases = []

def case(name, files=None, args="rel ./chart", own=False):
    cases.append((name, files or {}, args, own))

def tmpl(name, text, values=b'', args="rel ./chart", own=False):
    if isinstance(text, str): text = text.encode()
    if isinstance(values, str): values = values.encode()
    case(name, {'chart/Chart.yaml': CHART, 'chart/values.yaml': values, 'chart/templates/a.yaml': text}, args, own)

def vals(name, values, args="rel ./chart -f v.yaml"):
    if isinstance(values, str): values = values.encode()
    case(name, {'chart/Chart.yaml': CHART, 'chart/templates/a.yaml': b'a: {{ toYaml .Values | nindent 2 }}\n', 'v.yaml': values}, args)

def chartyaml(name, text):
    if isinstance(text, str): text = text.encode()
    case(name, {'chart/Chart.yaml': text, 'chart/templates/a.yaml': b'a: 1\n'})

# ---- broken values files
vals('values-tab-indent', 'a:\n\tb: 1\n')
vals('values-unclosed-quote', 'a: "x\n')
vals('values-bad-indent', 'a:\n  b: 1\n c: 2\n')
vals('values-duplicate-key', 'a: 1\na: 2\n')
vals('values-invalid-utf8', b'a: "\xff\xfe"\n')
vals('values-nul-byte', b'a: x\x00y\n')
vals('values-bom', b'\xef\xbb\xbfa: 1\n')
vals('values-crlf', b'a: 1\r\nb:\r\n  c: 2\r\n')
vals('values-only-separator', '---\n')
vals('values-scalar-top', 'just a string\n')
vals('values-list-top', '- a\n- b\n')
vals('values-undefined-alias', 'a: *nope\n')
vals('values-bad-binary', 'a: !!binary "%%%"\n')
vals('values-two-docs', 'a: 1\n---\nb: 2\n')
vals('values-unclosed-flow', 'a: [1, 2\n')
vals('values-unclosed-map', 'a: {b: 1\n')
vals('values-bad-tag', 'a: !!int "x"\n')
vals('values-billion-laughs', ''.join(
    '%s: &%s [%s]\n' % (c, c, ','.join(['"x"'] * 10 if i == 0 else ['*' + chr(ord(c) - 1)] * 10))
    for i, c in enumerate('abcdefghi')))
vals('values-deep-nesting', 'a: ' + '[' * 20000 + ']' * 20000 + '\n')
vals('values-deep-maps', 'a: ' + '{b: ' * 12000 + '1' + '}' * 12000 + '\n')
vals('values-yaml12-directive', '%YAML 1.2\n---\na: 1\n')
vals('values-yaml-long-version', '%YAML 2222222222222222222222.1\n---\na: 1\n')
vals('values-yaml-long-minor', '%YAML 1.2222222222222222222222\n---\na: 1\n')
vals('values-merge-key-scalar', 'a: &x 1\nb:\n  <<: *x\n')
vals('values-huge-int', 'a: 123456789012345678901234567890\n')
vals('values-null-key', '~: 1\n')
vals('values-complex-key', '? [a, b]\n: 1\n')
vals('values-empty-file', '')
vals('values-missing-file', 'a: 1\n', args='rel ./chart -f nothere.yaml')
# ---- broken Chart.yaml
chartyaml('chart-missing-name', 'apiVersion: v2\nversion: 0.1.0\n')
chartyaml('chart-missing-version', 'apiVersion: v2\nname: c\n')
chartyaml('chart-bad-apiversion', 'apiVersion: v9\nname: c\nversion: 0.1.0\n')
chartyaml('chart-invalid-yaml', 'apiVersion: v2\nname: [c\n')
chartyaml('chart-empty', '')
chartyaml('chart-bom', b'\xef\xbb\xbfapiVersion: v2\nname: c\nversion: 0.1.0\n')
chartyaml('chart-crlf', b'apiVersion: v2\r\nname: c\r\nversion: 0.1.0\r\n')
chartyaml('chart-invalid-utf8', b'apiVersion: v2\nname: c\nversion: 0.1.0\ndescription: "\xc3\x28"\n')
chartyaml('chart-nul-byte', b'apiVersion: v2\nname: c\x00\nversion: 0.1.0\n')
chartyaml('chart-version-not-semver', 'apiVersion: v2\nname: c\nversion: one\n')
chartyaml('chart-name-slash', 'apiVersion: v2\nname: a/b\nversion: 0.1.0\n')
chartyaml('chart-name-dotdot', 'apiVersion: v2\nname: ../../x\nversion: 0.1.0\n')
chartyaml('chart-library-type', 'apiVersion: v2\nname: c\nversion: 0.1.0\ntype: library\n')
chartyaml('chart-name-list', 'apiVersion: v2\nname: [a]\nversion: 0.1.0\n')
chartyaml('chart-deps-wrong-type', 'apiVersion: v2\nname: c\nversion: 0.1.0\ndependencies: 3\n')
chartyaml('chart-missing-dep', 'apiVersion: v2\nname: c\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: 1.0.0\n')
case('chart-no-chart-yaml', {'chart/templates/a.yaml': b'a: 1\n'})
case('chart-not-a-dir', {'chart': b'not a chart\n'})
case('chart-yaml-file-arg', {'chart.yaml': b'a: 1\n'}, args='rel ./chart.yaml')
case('chart-truncated-tgz', {'c.tgz': b'\x1f\x8b\x08\x00\x00\x00'}, args='rel ./c.tgz')
# ---- truncated / malformed templates
for n, t in [('open-action', '{{'), ('open-action-text', 'a: {{ .Values.x'), ('if-no-arg', '{{ if }}{{ end }}'),
             ('stray-end', '{{ end }}'), ('range-no-arg', '{{ range }}{{ end }}'), ('if-no-end', '{{ if true }}x'),
             ('unclosed-string', '{{ "abc }}'), ('unclosed-raw', '{{ `abc }}'), ('unclosed-comment', '{{/* x '),
             ('comment-no-space', '{{/*x*/ 1 }}'), ('define-no-name', '{{ define }}{{ end }}'),
             ('define-nested', '{{ define "a" }}{{ define "b" }}{{ end }}{{ end }}'),
             ('unknown-function', '{{ nosuchfunc 1 }}'), ('template-undefined', '{{ template "nope" . }}'),
             ('include-undefined', '{{ include "nope" . }}'), ('bad-pipe', '{{ | quote }}'),
             ('empty-pipe-cmd', '{{ 1 | }}'), ('else-outside', '{{ else }}'), ('bad-number', '{{ 1x2 }}'),
             ('bad-char', '{{ # }}'), ('unclosed-paren', '{{ (1 }}'), ('extra-paren', '{{ 1) }}'),
             ('assign-undeclared', '{{ $x = 1 }}'), ('undefined-var', '{{ $nope }}'),
             ('break-outside', '{{ break }}'), ('dot-after-number', '{{ 1.x }}'), ('trim-no-space', '{{-1}}'),
             ('with-no-end', '{{ with .Values }}x'), ('nested-truncated', '{{ if true }}{{ range .Values }}'),
             ('many-ends', '{{ if 1 }}{{ end }}{{ end }}{{ end }}'), ('fail', '{{ fail "boom" }}'),
             ('required', '{{ required "need x" .Values.x }}'), ('yaml-invalid-output', 'a: b: c\n'),
             ('yaml-tab-output', 'a:\n\tb: 1\n'), ('nil-pointer-chain', '{{ .Values.a.b.c }}'),
             ('call-non-func', '{{ call .Values }}'), ('index-out-of-range', '{{ index (list 1 2) 5 }}'),
             ('slice-bad', '{{ slice (list 1 2) 3 1 }}')]:
    tmpl('tmpl-' + n, t)
# ---- wrong types
for n, t in [('add-string', '{{ add "a" 1 }}'), ('len-int', '{{ len 3 }}'), ('field-on-string', '{{ .Values.s.x }}'),
             ('toyaml-noarg', '{{ toYaml }}'), ('repeat-swapped', '{{ repeat "x" 3 }}'),
             ('indent-strings', '{{ indent "a" "b" }}'), ('index-map-int', '{{ index .Values 1 }}'),
             ('range-string', '{{ range "abc" }}{{ end }}'), ('range-float', '{{ range 3.5 }}{{ end }}'),
             ('eq-incomparable', '{{ eq (list 1) (list 1) }}'), ('lt-mixed', '{{ lt 1 "a" }}'),
             ('not-two-args', '{{ not 1 2 }}'), ('printf-bad', '{{ printf "%d" "x" }}'),
             ('div-zero', '{{ div 1 0 }}'), ('mod-zero', '{{ mod 1 0 }}'), ('atoi-garbage', '{{ atoi "zz" }}'),
             ('fromjson-garbage', '{{ fromJson "{" }}'), ('fromyaml-garbage', '{{ fromYaml "a: [" }}'),
             ('fromyaml-laughs', '{{ fromYaml .Values.y }}'), ('tpl-non-string', '{{ tpl 3 . }}'),
             ('dict-odd', '{{ dict "a" }}'), ('dict-nonstring-key', '{{ dict 1 2 }}'),
             ('regex-bad', '{{ regexMatch "(" "x" }}'), ('semver-bad', '{{ semverCompare "x" "1.0.0" }}'),
             ('b64dec-bad', '{{ b64dec "!!" }}'), ('date-bad', '{{ toDate "2006" "x" }}'),
             ('first-string', '{{ first 3 }}'), ('keys-list', '{{ keys (list 1) }}'),
             ('set-on-list', '{{ set (list 1) "a" 1 }}'), ('merge-string', '{{ merge "a" (dict) }}')]:
    v = 's: str\ny: "a: &a [x,x,x,x,x,x,x,x,x,x]\\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]\\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]\\n"\n'
    tmpl('type-' + n, t, values=v)
# ---- invalid UTF-8, NUL bytes, binary, CRLF, BOM in templates and files
tmpl('bytes-invalid-utf8-template', b'a: "\xff\xfe"\n')
tmpl('bytes-nul-in-template', b'a: x\x00y\n')
tmpl('bytes-nul-in-action', b'{{ "a\x00b" }}\n')
tmpl('bytes-crlf-template', b'a: 1\r\nb: {{ "x" }}\r\n')
tmpl('bytes-bom-template', b'\xef\xbb\xbfa: 1\n')
case('bytes-binary-file', {'chart/Chart.yaml': CHART, 'chart/files/b.bin': bytes(range(256)),
     'chart/templates/a.yaml': b'a: {{ .Files.Get "files/b.bin" | b64enc }}\nb: {{ .Files.Get "files/b.bin" | len }}\n'})
case('bytes-invalid-utf8-file', {'chart/Chart.yaml': CHART, 'chart/files/u.txt': b'x\xffy\r\n',
     'chart/templates/a.yaml': b'a: {{ .Files.Get "files/u.txt" | quote }}\n'})
case('files-dotdot', {'chart/Chart.yaml': CHART, 'secret.txt': b'SECRET\n',
     'chart/templates/a.yaml': b'a: {{ .Files.Get "../secret.txt" | quote }}\nb: {{ .Files.Glob "../*" | len }}\n'})
case('files-absolute', {'chart/Chart.yaml': CHART,
     'chart/templates/a.yaml': b'a: {{ .Files.Get "/etc/hostname" | quote }}\n'})
# ---- wrong flags
for n, a in [('unknown-flag', 'rel ./chart --bogus'), ('values-no-arg', 'rel ./chart -f'),
             ('set-no-equals', 'rel ./chart --set a'), ('set-bad-list', "rel ./chart --set 'a[x]=1'"),
             ('set-json-bad', "rel ./chart --set-json 'a={'"), ('set-file-missing', 'rel ./chart --set-file a=/nonexistent'),
             ('no-args', ''), ('three-args', 'a ./chart extra'), ('kube-version-bad', 'rel ./chart --kube-version abc'),
             ('namespace-no-arg', 'rel ./chart -n'), ('show-only-missing', 'rel ./chart -s templates/none.yaml'),
             ('bad-release-name', 'REL_Bad ./chart'), ('long-release-name', 'r' * 60 + ' ./chart'),
             ('chart-missing', 'rel ./nochart'), ('set-index-huge', "rel ./chart --set 'a[999999999]=1'"),
             ('set-deep', "rel ./chart --set " + '.'.join(['a'] * 3000) + '=1'),
             ('set-json-deep', "rel ./chart --set-json 'a=" + '[' * 20000 + ']' * 20000 + "'"),
             ('output-dir-is-file', 'rel ./chart --output-dir ./chart/Chart.yaml'),
             ('dry-run-bad', 'rel ./chart --dry-run=maybe')]:
    case('flag-' + n, {'chart/Chart.yaml': CHART, 'chart/templates/a.yaml': b'a: {{ .Values.a | toJson }}\n'}, args=a)
case('flag-max-memory-bad', {'chart/Chart.yaml': CHART, 'chart/templates/a.yaml': b'a: 1\n'},
     args='rel ./chart --max-memory lots', own=True)
# ---- limits (helm hangs, crashes or eats the machine: our own clear error)
for n, t, a in [('repeat-huge', '{{ repeat 100000000000 "xxxxxxxxxx" }}', ''),
                ('indent-huge', '{{ indent 2000000000 "x" }}', ''),
                ('nindent-many-lines', '{{ nindent 100000 (repeat 20000 "\\n") }}', ''),
                ('replace-growth', '{{ replace "" (repeat 100000 "y") (repeat 20000 "x") }}', '--max-memory 256Mi'),
                ('range-huge-int', '{{ range 100000000000 }}{{ end }}', ''),
                ('until-huge', '{{ range until 100000000000 }}{{ end }}', ''),
                ('untilstep-huge', '{{ untilStep 0 9000000000000000000 1 }}', ''),
                ('seq-huge', '{{ seq 1 100000000000 }}', ''),
                ('nested-ranges', '{{ range until 100000 }}{{ range until 100000 }}{{ end }}{{ end }}', '--max-iterations 1000000'),
                ('output-cap', 'a: {{ repeat 2000 "x" }}', '--max-output-bytes 1000'),
                ('iteration-cap', '{{ range 100 }}{{ end }}', '--max-iterations 50'),
                ('memory-cap', 'a: {{ repeat 100000000 "x" | len }}', '--max-memory 64Mi'),
                ('template-recursion', '{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}', ''),
                ('tpl-recursion', '{{ define "r" }}{{ tpl "{{ include \\"r\\" . }}" . }}{{ end }}{{ include "r" . }}', ''),
                ('doubling-recursion', '{{ define "r" }}{{ if lt (len .) 40 }}{{ template "r" (append . 1) }}{{ template "r" (append . 1) }}{{ end }}{{ end }}{{ template "r" list }}', '--max-iterations 100000')]:
    tmpl('limit-' + n, t, args=('rel ./chart ' + a).strip(), own=True)
case('files-symlink-outside', {'chart/Chart.yaml': CHART, 'chart/files/in.txt': b'inside\n',
     'chart/templates/a.yaml': b'a: {{ .Files.Get "files/out.txt" | quote }}\nb: {{ .Files.Get "files/link.txt" | quote }}\n'},
     own=True)

# ---- every limit of README's Limits table with the DEFAULT limits, each answered within
# seconds (cases 163-...; helm would run for minutes or eat the machine on the own=True ones)
for n, t in [('nested-until-default', '{{ range until 100000 }}{{ range until 100000 }}{{ end }}{{ end }}'),
             ('seq-in-loop-default', '{{ range until 100000 }}{{ $s := seq 100000 }}{{ end }}'),
             ('tpl-in-loop-default', '{{ range until 1000000 }}{{ tpl "x" $ }}{{ end }}'),
             ('include-in-loop-default', '{{ define "f" }}{{ end }}{{ range until 10000000 }}{{ include "f" . }}{{ end }}'),
             ('doubling-template-default', '{{ define "r" }}{{ if lt (len .) 40 }}{{ template "r" (append . 1) }}{{ template "r" (append . 1) }}{{ end }}{{ end }}{{ template "r" list }}'),
             ('doubling-include-default', '{{ define "r" }}{{ if lt . 40 }}{{ include "r" (add . 1) }}{{ include "r" (add . 1) }}{{ end }}{{ end }}{{ include "r" 0 }}'),
             ('range-until-list-nested', '{{ $l := until 10000 }}{{ range $l }}{{ range $l }}{{ range $l }}{{ end }}{{ end }}{{ end }}'),
             ('documents-default', '{{ range until 300000 }}---\na: 1\n{{ end }}'),
             ('output-default', '{{ $s := repeat 100 (repeat 10000 "x") }}{{ range until 2000 }}{{ $s }}{{ end }}'),
             ('memory-default', '{{ range until 100 }}{{ $x := repeat 100 (repeat 1000000 "x") }}{{ end }}'),
             ('replace-growth-default', '{{ replace "" (repeat 100000 "y") (repeat 20000 "x") }}'),
             ('append-growth-default', '{{ $l := list }}{{ range until 100000 }}{{ $l = append $l . }}{{ end }}'),
             ('include-self-default', '{{ define "r" }}{{ include "r" . }}{{ include "r" . }}{{ end }}{{ include "r" . }}'),
             ('template-self-twice-default', '{{ define "r" }}{{ template "r" . }}{{ template "r" . }}{{ end }}{{ template "r" . }}')]:
    tmpl('limit-' + n, t, own=True)
# helm answers these quickly: compared live
tmpl('limit-include-self-live', '{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}')
tmpl('limit-fromyaml-deep-live', '{{ fromYaml (printf "a: %s1%s" (repeat 20000 "[") (repeat 20000 "]")) | toJson }}')
tmpl('limit-fromyaml-laughs-live', '{{ fromYaml .Values.y | toJson }}', values='y: |\n' + ''.join(
    '  %s: &%s [%s]\n' % (chr(97 + i), chr(97 + i), ','.join(['*' + chr(96 + i)] * 9) if i else '"lol"') for i in range(9)))
chartyaml('chart-yaml-laughs', 'apiVersion: v2\nname: c\nversion: 0.1.0\n' + ''.join(
    'x%s: &%s [%s]\n' % (chr(97 + i), chr(97 + i), ','.join(['*' + chr(96 + i)] * 9) if i else '"lol"') for i in range(9)))
chartyaml('chart-yaml-deep', 'apiVersion: v2\nname: c\nversion: 0.1.0\nx: ' + '[' * 20000 + ']' * 20000 + '\n')
tmpl('limit-range-huge-until-list-live', '{{ range $i, $e := until 3 }}{{ $i }}{{ $e }}{{ end }}{{ range $x := until 0 }}{{ else }}{{ $x | toJson }}{{ end }}')
# the depth rules at their edge: go-yaml refuses more than 10000 flow levels ("line N:" from
# the second line on), encoding/json more than 10000 nested values in all (its own message)
vals('values-depth-json-edge', 'a: ' + '[' * 10000 + ']' * 10000 + '\n')
vals('values-depth-yaml-edge-multiline', 'a: 1\nb: ' + '[\n' * 10001 + ']' * 10001 + '\n')
tmpl('limit-fromyaml-depth-json-edge', '{{ fromYaml (printf "a: %s1%s" (repeat 10000 "{b: ") (repeat 10000 "}")) | toJson }}')

if __name__ == '__main__':
    shutil.rmtree(CASES, ignore_errors=True)
    for i, (name, files, args, own) in enumerate(cases, 1):
        d = os.path.join(CASES, '%03d-%s' % (i, name))
        os.makedirs(d)
        for p, data in files.items():
            fp = os.path.join(d, p)
            os.makedirs(os.path.dirname(fp), exist_ok=True)
            with open(fp, 'wb') as f: f.write(data)
        if name == 'files-symlink-outside':
            os.symlink('/etc/hostname', os.path.join(d, 'chart/files/out.txt'))
            os.symlink('in.txt', os.path.join(d, 'chart/files/link.txt'))
        with open(os.path.join(d, 'args'), 'w') as f: f.write(args + '\n')
        for ext in ('expect', 'stdout', 'expect-match'):
            src = os.path.join(HERE, ext, name)
            if own and os.path.exists(src): shutil.copy(src, os.path.join(d, ext))
    print(len(cases), 'cases')
