{{ define "r" }}{{ required "deep required" .Values.nope }}{{ end }}
