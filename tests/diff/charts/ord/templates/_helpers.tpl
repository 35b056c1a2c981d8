{{ define "ord.x" }}x{{ end }}
not emitted
