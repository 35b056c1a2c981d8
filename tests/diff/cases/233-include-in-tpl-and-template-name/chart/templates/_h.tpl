{{ define "tn" }}{{ .Template.Name }}|{{ .Template.BasePath }}{{ end }}
