{{ define "d" }}{{ .a }}-{{ $.b }}{{ end }}
