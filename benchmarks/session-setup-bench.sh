#!/usr/bin/env bash
# Session setup rate through the P-CSCF / IMS-ALG and the IMS-AGW vs. the core alone, SIPp on loopback
# (results and how to read them: docs/performance.md "Session setup (P-CSCF + IMS-AGW)").
# One JVM runs the network functions (SessionSetupRun); SIPp (sip-tester) is the UAC and the UAS, scenarios
# in benchmarks/sipp/. Every SIPp run is bounded (-timeout, and `timeout` around it); the whole run too.
# Not part of the test suite.
#
#   benchmarks/session-setup-bench.sh [--no-build] [SessionSetupRun options, e.g. --rates 25,50,100 --seconds 10]
#   OUT=dir keeps the outputs (default: a fresh temp directory)
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
if [[ "${1:-}" == "--no-build" ]]; then
  build=0
  shift
fi
command -v sipp >/dev/null || { echo "needs sipp (apt-get install sip-tester)" >&2; exit 2; }
OUT=${OUT:-$(mktemp -d /tmp/session-setup-bench.XXXXXX)}
JAR=${JAR:-benchmarks/target/benchmarks.jar}
mkdir -p "$OUT"

if [[ $build -eq 1 ]]; then
  mvn -B -o -q -pl nf/core,nf/agw,nf/pcscf install -DskipTests
  mvn -B -o -q -pl benchmarks package -DskipTests
fi

echo "== $(date -u +%H:%M:%S) UTC session setup; load average $(cut -d' ' -f1-3 /proc/loadavg); uptime: $(uptime)"
# other engineers' load runs take the same lock: one measurement at a time on this machine
flock /tmp/jmh.lock timeout -k 10 1200 java -cp "$JAR" org.mediasec.benchmarks.SessionSetupRun --out "$OUT" "$@" 2>&1 \
  | tee "$OUT/session-setup.txt" | grep -E '^(==|   u[as]c errors|   [0-9])' || true
echo "== $(date -u +%H:%M:%S) UTC done; load average $(cut -d' ' -f1-3 /proc/loadavg); outputs in $OUT"
