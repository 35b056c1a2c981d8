{{ define "dup" }}from-a{{ end }}
