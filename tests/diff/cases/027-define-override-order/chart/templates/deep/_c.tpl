{{ define "dup" }}from-deep{{ end }}{{ define "dup2" }}deep2{{ end }}
