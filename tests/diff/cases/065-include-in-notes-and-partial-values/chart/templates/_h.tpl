{{ define "c.n" }}{{ $_ := set .Values "fromnotes" 1 }}{{ end }}
