{{ define "deep" }}{{ .x.y }}{{ end }}
