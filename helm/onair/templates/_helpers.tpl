{{/* Full name of the release's objects: the release name, with "onair" added unless it has it. */}}
{{- define "onair.fullname" -}}
{{- if contains "onair" .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-onair" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "onair.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: onair-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: onair
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "onair.selectorLabels" -}}
app.kubernetes.io/name: onair-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "onair.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "onair.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* repository:tag, the tag defaulting to the chart's appVersion. */}}
{{- define "onair.image" -}}
{{- printf "%s:%s" .image.repository (default .root.Chart.AppVersion .image.tag) -}}
{{- end -}}

{{- define "onair.postgresql.name" -}}
{{- printf "%s-postgresql" (include "onair.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "onair.postgresql.selectorLabels" -}}
app.kubernetes.io/name: onair-postgresql
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The Secret holding the database credentials, whichever mode. */}}
{{- define "onair.database.secretName" -}}
{{- $db := .Values.audit.database -}}
{{- if eq $db.mode "bundled" -}}
{{- default (include "onair.postgresql.name" .) $db.bundled.existingSecret -}}
{{- else -}}
{{- required "audit.database.external.existingSecret is required: the database password comes from a Secret" $db.external.existingSecret -}}
{{- end -}}
{{- end -}}

{{- define "onair.database.usernameKey" -}}
{{- if eq .Values.audit.database.mode "bundled" -}}username{{- else -}}{{ .Values.audit.database.external.usernameKey }}{{- end -}}
{{- end -}}

{{- define "onair.database.passwordKey" -}}
{{- if eq .Values.audit.database.mode "bundled" -}}password{{- else -}}{{ .Values.audit.database.external.passwordKey }}{{- end -}}
{{- end -}}

{{- define "onair.database.jdbcUrl" -}}
{{- $db := .Values.audit.database -}}
{{- if eq $db.mode "bundled" -}}
{{- printf "jdbc:postgresql://%s.%s.svc:5432/%s" (include "onair.postgresql.name" .) .Release.Namespace $db.bundled.database -}}
{{- else -}}
{{- required "audit.database.external.jdbcUrl is required in external mode (or set audit.database.mode=bundled, or audit.enabled=false)" $db.external.jdbcUrl -}}
{{- end -}}
{{- end -}}

{{/*
The operator's permissions, derived from what it does (see docs/security.md):
- its three kinds: list/watch (informers), get, patch (finalizers, JSON patch);
- their status: patch (one JSON patch per change);
- livestreams/restreams finalizers: update, so owner references with blockOwnerDeletion are
  allowed on the pods it creates;
- pods: create/delete encoder and relay pods (pods are immutable: no update);
- services: the encoder Service, created and updated when its ports or type change, and the
  ingest Service of a NodePort/LoadBalancer push, deleted when the push goes back to ClusterIP;
- configmaps and secrets: read-only, for overlays, slates, SRT passphrases and stream-key checks;
- events: create (one per transition) and list (audit replay after a restart).
*/}}
{{- define "onair.rbacRules" -}}
- apiGroups: ["streaming.onair.dev"]
  resources: ["livestreams", "restreams", "streamendpoints"]
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["streaming.onair.dev"]
  resources: ["livestreams/status", "restreams/status", "streamendpoints/status"]
  verbs: ["patch"]
- apiGroups: ["streaming.onair.dev"]
  resources: ["livestreams/finalizers", "restreams/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch", "create", "delete"]
- apiGroups: [""]
  resources: ["services"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: [""]
  resources: ["configmaps", "secrets"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "list"]
{{- end -}}
