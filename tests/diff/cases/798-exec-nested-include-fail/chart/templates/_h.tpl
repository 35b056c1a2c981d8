{{ define "a" }}{{ include "b" . }}{{ end }}
{{ define "b" }}{{ fail "deep fail" }}{{ end }}
