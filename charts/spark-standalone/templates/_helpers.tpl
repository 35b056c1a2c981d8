{{/*
Chart name, overridable with nameOverride (labels: app.kubernetes.io/name).
*/}}
{{- define "spark-standalone.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Prefix of every object name: fullnameOverride, else the release name (with
"-<nameOverride>" appended when nameOverride is set). Truncated so that
"<fullname>-master" and "<fullname>-worker" stay within 63 characters.
*/}}
{{- define "spark-standalone.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 56 | trimSuffix "-" }}
{{- else if .Values.nameOverride }}
{{- printf "%s-%s" .Release.Name .Values.nameOverride | trunc 56 | trimSuffix "-" }}
{{- else }}
{{- .Release.Name | trunc 56 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{/*
Name of the master Deployment and Service (release spark-sa -> spark-sa-master).
*/}}
{{- define "spark-standalone.masterName" -}}
{{- printf "%s-master" (include "spark-standalone.fullname" .) }}
{{- end }}

{{/*
Name of the worker Deployment.
*/}}
{{- define "spark-standalone.workerName" -}}
{{- printf "%s-worker" (include "spark-standalone.fullname" .) }}
{{- end }}

{{/*
The URL workers connect to: spark://<master Service>:<port>.
*/}}
{{- define "spark-standalone.masterURL" -}}
{{- printf "spark://%s:%s" (include "spark-standalone.masterName" .) (toString .Values.sparkMaster.port) }}
{{- end }}

{{/*
Chart label value: name-version, "+" is not allowed in label values.
*/}}
{{- define "spark-standalone.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels.
*/}}
{{- define "spark-standalone.labels" -}}
helm.sh/chart: {{ include "spark-standalone.chart" . }}
{{ include "spark-standalone.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: spark
{{- end }}

{{/*
Selector labels (a component label is added by each workload).
*/}}
{{- define "spark-standalone.selectorLabels" -}}
app.kubernetes.io/name: {{ include "spark-standalone.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Image references ("repository:tag"; an empty tag means the chart's appVersion).
*/}}
{{- define "spark-standalone.masterImage" -}}
{{- printf "%s:%s" .Values.sparkMaster.image.repository (.Values.sparkMaster.image.tag | default .Chart.AppVersion | toString) }}
{{- end }}

{{- define "spark-standalone.workerImage" -}}
{{- printf "%s:%s" .Values.sparkWorker.image.repository (.Values.sparkWorker.image.tag | default .Chart.AppVersion | toString) }}
{{- end }}
