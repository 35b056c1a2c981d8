{{- define "c.labels" -}}
app: {{ .Values.name }}
tier: web
{{- end -}}
