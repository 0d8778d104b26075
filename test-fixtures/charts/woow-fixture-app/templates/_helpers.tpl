{{- define "fixture.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "fixture.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "fixture.labels" -}}
{{ include "fixture.selectorLabels" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "fixture.podSpec" -}}
{{- with .Values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .Values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
containers:
  - name: app
    image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
    imagePullPolicy: {{ .Values.image.pullPolicy }}
    ports:
      - name: http
        containerPort: {{ .Values.service.port }}
    env:
      {{- range $name, $value := .Values.env }}
      - name: {{ $name | quote }}
        value: {{ $value | toString | quote }}
      {{- end }}
      {{- if .Values.password }}
      - name: APP_PASSWORD
        valueFrom:
          secretKeyRef:
            name: {{ include "fixture.fullname" . }}
            key: password
      {{- end }}
    resources:
      {{- toYaml .Values.resources | nindent 6 }}
    {{- if .Values.persistence.enabled }}
    volumeMounts:
      - name: data
        mountPath: {{ .Values.persistence.mountPath }}
    {{- end }}
{{- end -}}
