{{ define "item" }}{{ .item }}@{{ .root.Release.Name }}{{ end }}
