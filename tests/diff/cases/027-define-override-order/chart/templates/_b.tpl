{{ define "dup" }}from-b{{ end }}
