#!/usr/bin/env bash
# Runs every registered benchmark and (re)writes docs/BENCHMARKS.md. Builds nothing; build first:
#
#   mvn -B -q -DskipPlugin -DskipTests package && bench/run.sh
#
# Options are passed to the harness (bench/run.sh --help lists them), e.g.
#   bench/run.sh --only render --set render.manifests=1000
#   bench/run.sh --kubeconfig ~/.kube/config       # compare against a real cluster instead of the mock server
# Without --kubeconfig, when the shared harness is there (../shared/harness/kube, or $GITOPS_HARNESS_DIR/kube), this
# script starts its real kube-apiserver + kube-controller-manager (ports: KUBE_PROBE_APISERVER_PORT, KUBE_PROBE_ETCD_PORT,
# KUBE_PROBE_ETCD_PEER_PORT, KUBE_PROBE_KCM_PORT, as start.sh reads them), passes its kubeconfig, and stops it at the
# end: the report then carries real-server rows next to kubectl from the same run. BENCH_NO_HARNESS=1 keeps the mock.
# JVM options of the harness: BENCH_JAVA_OPTS (default -Xmx1g).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/bench/target/gitops-bench.jar"
if [[ ! -f "$jar" ]]; then
  echo "missing $jar; build it first: mvn -B -q -DskipPlugin -DskipTests package" >&2
  exit 2
fi
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
cd "$root"
args=("$@")
kube="${GITOPS_HARNESS_DIR:-$root/../shared/harness}/kube"
if [[ " $* " != *" --kubeconfig "* && " $* " != *" --help "* && -z "${BENCH_NO_HARNESS:-}" && -x "$kube/start.sh" ]]; then
  echo "bench: starting the harness API server ($kube/start.sh --with-kcm)" >&2
  started=$("$kube/start.sh" --with-kcm | tail -1)
  trap '"$kube/stop.sh" >/dev/null 2>&1 || true' EXIT
  kubeconfig="${started#KUBECONFIG=}"
  if [[ "$started" != KUBECONFIG=* || ! -f "$kubeconfig" ]]; then
    echo "bench: the harness API server did not start: $started" >&2
    exit 2
  fi
  args+=(--kubeconfig "$kubeconfig")
fi
# shellcheck disable=SC2086
"$java_bin" ${BENCH_JAVA_OPTS:--Xmx1g} -jar "$jar" "${args[@]}"
