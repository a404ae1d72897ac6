#!/usr/bin/env bash
# Runs every registered benchmark and (re)writes docs/BENCHMARKS.md. Builds nothing; build first:
#
#   mvn -B -q -DskipPlugin -DskipTests package && bench/run.sh
#
# Options are passed to the harness (bench/run.sh --help lists them), e.g.
#   bench/run.sh --only render --set render.manifests=1000
#   bench/run.sh --kubeconfig ~/.kube/config       # compare against a real cluster instead of the mock server
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
# shellcheck disable=SC2086
exec "$java_bin" ${BENCH_JAVA_OPTS:--Xmx1g} -jar "$jar" "$@"
