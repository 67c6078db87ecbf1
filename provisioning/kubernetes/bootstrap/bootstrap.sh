#!/bin/sh
# The demo stack's one-shot bootstrap. It runs in the k3s image (its kubectl and busybox) and:
#   1. waits until the API server answers and the node is Ready;
#   2. applies Kubeglance's RBAC tiers, the collectors' identities (collectors.yaml) and the demo workloads;
#   3. writes the service-account tokens and the cluster CA into $CREDENTIALS, the volume Grafana,
#      Prometheus and Alloy mount read-only:
#        token             Kubeglance's data source (service account kubeglance/kubeglance)
#        prometheus-token  Prometheus (kubeglance-collectors/prometheus)
#        alloy-token       Alloy (kubeglance-collectors/alloy)
#        ca.crt            the cluster CA that signed the API server's certificate
# Running it again is harmless: `kubectl apply` and the file writes are idempotent.
set -eu

: "${KUBECONFIG:?the admin kubeconfig k3s writes}"
API_SERVER=${API_SERVER:-https://k3s:6443}
MANIFESTS=${MANIFESTS:-/manifests}
CREDENTIALS=${CREDENTIALS:-/var/lib/kubeglance}

log() { echo "bootstrap: $*"; }

# The admin kubeconfig points at https://127.0.0.1:6443; the k3s service is reached by name (in its --tls-san).
kc() { kubectl --server="$API_SERVER" "$@"; }

# retry TRIES CMD...: runs CMD until it succeeds, 2 s apart, at most TRIES times
retry() {
  tries=$1
  shift
  n=1
  until "$@"; do
    if [ "$n" -ge "$tries" ]; then
      log "giving up after $tries tries: $*"
      return 1
    fi
    n=$((n + 1))
    sleep 2
  done
}

log "waiting for the API server at $API_SERVER"
retry 90 kc get --raw=/readyz >/dev/null
log "waiting for the node to be Ready"
retry 90 kc wait --for=condition=Ready node --all --timeout=5s >/dev/null

log "applying Kubeglance's RBAC tiers (read, logs, kubelet)"
retry 5 kc apply -f "$MANIFESTS/rbac-read.yaml" -f "$MANIFESTS/rbac-logs.yaml" -f "$MANIFESTS/rbac-kubelet.yaml"
log "applying the collectors' identities"
retry 5 kc apply -f "$MANIFESTS/bootstrap/collectors.yaml"
log "applying the demo workloads"
retry 5 kc apply -f "$MANIFESTS/demo/"

# write_secret NAMESPACE SECRET KEY FILE: copies one key of a service-account-token Secret, which the token
# controller fills shortly after the Secret is created. Written to a temporary name, then renamed, so a
# reader never sees half a file.
write_secret() {
  value=$(kc -n "$1" get secret "$2" -o "go-template={{ index .data \"$3\" | base64decode }}" 2>/dev/null) || return 1
  if [ -z "$value" ] || [ "$value" = "<no value>" ]; then
    return 1
  fi
  tmp="$CREDENTIALS/.$4.tmp"
  printf '%s' "$value" >"$tmp"
  # Grafana (uid 472), Prometheus (nobody) and Alloy read these; the volume is mounted only into them
  chmod 0644 "$tmp"
  mv "$tmp" "$CREDENTIALS/$4"
}

log "writing tokens and the cluster CA to $CREDENTIALS"
mkdir -p "$CREDENTIALS"
retry 30 write_secret kubeglance kubeglance-token token token
retry 30 write_secret kubeglance kubeglance-token ca.crt ca.crt
retry 30 write_secret kubeglance-collectors prometheus-token token prometheus-token
retry 30 write_secret kubeglance-collectors alloy-token token alloy-token

# Not fatal: Grafana starts anyway, and its Save & test says when metrics-server is not ready.
log "waiting for metrics-server"
if retry 60 kc get --raw=/apis/metrics.k8s.io/v1beta1/nodes >/dev/null 2>&1; then
  log "metrics-server is serving"
else
  log "metrics-server is not serving yet; usage figures appear once it is"
fi

kc get pods --namespace kubeglance-demo
log "done"
