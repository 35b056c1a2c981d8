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

{{/*
SPARK_WORKER_OPTS: the chart's fixed options, the opt-in shuffle service, then extraOpts.
*/}}
{{- define "spark-standalone.workerOpts" -}}
{{- $w := .Values.sparkWorker }}
{{- $opts := list "-Dspark.worker.preferConfiguredMasterAddress=true" "-Dspark.worker.cleanup.enabled=true" }}
{{- if $w.shuffleService.enabled }}
{{- $opts = append $opts "-Dspark.shuffle.service.enabled=true" }}
{{- $opts = append $opts (printf "-Dspark.shuffle.service.port=%v" $w.shuffleService.port) }}
{{- end }}
{{- with $w.extraOpts }}
{{- $opts = append $opts . }}
{{- end }}
{{- join " " $opts }}
{{- end }}

{{/*
Opt-in security contexts (securityContext.enabled); nothing is rendered when off.
*/}}
{{- define "spark-standalone.podSecurityContext" -}}
{{- if .Values.securityContext.enabled }}
securityContext:
  {{- toYaml .Values.securityContext.pod | nindent 2 }}
{{- end }}
{{- end }}

{{- define "spark-standalone.containerSecurityContext" -}}
{{- if .Values.securityContext.enabled }}
securityContext:
  {{- toYaml .Values.securityContext.container | nindent 2 }}
{{- end }}
{{- end }}

{{/*
Bytes in a Spark memory string (JavaUtils.byteStringAsBytes: digits, optional unit
b/k/kb/m/mb/g/gb/t/tb, case-insensitive; the schema requires a unit). Prints an integer.
*/}}
{{- define "spark-standalone.sparkBytes" -}}
{{- $s := lower (toString .) }}
{{- $n := int64 (regexFind "^[0-9]+" $s) }}
{{- $u := trimSuffix "b" (regexReplaceAll "^[0-9]+" $s "") }}
{{- $f := dict "" 1 "k" 1024 "m" 1048576 "g" 1073741824 "t" 1099511627776 }}
{{- mul $n (get $f $u | default 0) }}
{{- end }}

{{/*
Bytes in a Kubernetes memory quantity (plain bytes, k/M/G/T, Ki/Mi/Gi/Ti; other forms give 0).
*/}}
{{- define "spark-standalone.quantityBytes" -}}
{{- $s := toString . }}
{{- $n := int64 (regexFind "^[0-9]+" $s) }}
{{- $u := regexReplaceAll "^[0-9]+" $s "" }}
{{- $f := dict "" 1 "k" 1000 "M" 1000000 "G" 1000000000 "T" 1000000000000 "Ki" 1024 "Mi" 1048576 "Gi" 1073741824 "Ti" 1099511627776 }}
{{- mul $n (get $f $u | default 0) }}
{{- end }}
