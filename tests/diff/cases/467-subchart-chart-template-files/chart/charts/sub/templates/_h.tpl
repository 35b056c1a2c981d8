{{- define "sub.h" }}{{ .Template.Name }}{{ end }}
