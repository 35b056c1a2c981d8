{{- define "c.name" -}}
name-{{ .Values.str }}
{{- end -}}
{{- define "c.arg" -}}
arg={{ . }}
{{- end -}}
