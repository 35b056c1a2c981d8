{{ define "ie.x" }}
{{ .Values.a.b }}{{ end }}
