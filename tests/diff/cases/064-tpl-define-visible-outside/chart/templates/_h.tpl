{{ define "c.helper" }}H-{{ .Values.str }}{{ end }}
