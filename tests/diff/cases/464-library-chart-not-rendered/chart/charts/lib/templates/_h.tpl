{{- define "lib.cm" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ .Release.Name }}-{{ .Chart.Name }}
data:
  libvals: {{ .Values.lib | toJson | quote }}
{{- end }}
