{{- define "outer" -}}
[{{ template "inner" .x }}|{{ include "inner" . }}]
{{- end -}}
{{- define "inner" -}}
{{ . }}
{{- end -}}
