#!/usr/bin/env bash
# IMS-AGW load runs (benchmarks/README.md "IMS-AGW", results in docs/performance.md "IMS-AGW"):
#   1. TLS termination throughput   AgwTlsThroughputRun  vs haproxy TLS->TCP
#   2. full TLS handshakes/s        AgwHandshakeRun      vs haproxy (no cache, no tickets); the AGW's
#      relay is opened one session ahead (as the Iq Add opens it before the UE connects);
#      handshake-direct opens it just before connecting
#   3. pass-through throughput      AgwPassThroughRun    vs haproxy mode tcp; passthrough-splice: the
#      same with BearerConfig.splice on (epoll splice, no copy into the AGW's user space)
#   4. 10,000 concurrent sessions   AgwSessionsRun       heap and RSS per session
# Loopback only; each run is bounded (--timeout) and kills every process it started.
# Needs haproxy, socat, /usr/bin/time, timeout and flock (not wrk). Not part of the test suite.
#
#   benchmarks/agw-bench.sh [--no-build] [tls|handshake|handshake-direct|passthrough|passthrough-splice|sessions ...]
#   OUT=dir keeps the outputs (default: a fresh temp directory); SESSIONS=10000; SIZE=1g; WARMUP=1g
#   (the AGW JVM is warmed up with WARMUP octets before the measured rounds: C2 compiles the data
#   path there, not in the rounds)
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
if [[ "${1:-}" == "--no-build" ]]; then
  build=0
  shift
fi
runs=("$@")
if [[ ${#runs[@]} -eq 0 ]]; then
  runs=(tls handshake handshake-direct passthrough sessions)
fi
OUT=${OUT:-$(mktemp -d /tmp/agw-bench.XXXXXX)}
SIZE=${SIZE:-1g}
WARMUP=${WARMUP:-1g}
SESSIONS=${SESSIONS:-10000}
JAR=${JAR:-benchmarks/target/benchmarks.jar}
mkdir -p "$OUT"

# 10,000 sessions = 2 sockets each in the AGW (child JVM) and 2 each on the UE/sink side (this JVM)
if ! ulimit -n 65536 2>/dev/null; then
  ulimit -n "$(ulimit -Hn)"
  echo "note: could not raise the open files limit to 65536 (no CAP_SYS_RESOURCE?); it is $(ulimit -n)"
fi
# each process of AgwSessionsRun needs 2 sockets per session plus ~150 other files
max_sessions=$(( ($(ulimit -n) - 150) / 2 / 100 * 100 ))
if (( SESSIONS > max_sessions )); then
  echo "note: SESSIONS=$SESSIONS does not fit the open files limit $(ulimit -n) (2 sockets per session per process): running $max_sessions"
  SESSIONS=$max_sessions
fi

if [[ $build -eq 1 ]]; then
  mvn -B -o -q -pl nf/agw install -DskipTests
  mvn -B -o -q -pl benchmarks package -DskipTests
fi

run() {
  local name=$1
  shift
  echo "== $(date -u +%H:%M:%S) UTC $name; load average $(cut -d' ' -f1-3 /proc/loadavg); output $OUT/$name.txt"
  # other engineers' JMH runs take the same lock: one measurement at a time on this machine
  flock /tmp/jmh.lock timeout -k 10 600 java -cp "$JAR" "$@" 2>&1 | tee "$OUT/$name.txt" | grep -E '^== (AGW|haproxy|round|result|UEs)' || true
  echo "== $(date -u +%H:%M:%S) UTC $name done; load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

for r in "${runs[@]}"; do
  case "$r" in
    tls)         run tls         org.mediasec.benchmarks.AgwTlsThroughputRun --size "$SIZE" --warmup "$WARMUP" --timeout 300 ;;
    handshake)   run handshake   org.mediasec.benchmarks.AgwHandshakeRun --seconds 8 --warmup 2 --rounds 3 --concurrency 20 --reserve-ahead yes --timeout 240 ;;
    handshake-direct) run handshake-direct org.mediasec.benchmarks.AgwHandshakeRun --seconds 8 --warmup 2 --rounds 3 --concurrency 20 --reserve-ahead no --timeout 240 ;;
    passthrough) run passthrough org.mediasec.benchmarks.AgwPassThroughRun --size "$SIZE" --warmup "$WARMUP" --timeout 300 ;;
    passthrough-splice) run passthrough-splice org.mediasec.benchmarks.AgwPassThroughRun --size "$SIZE" --warmup "$WARMUP" --splice yes --timeout 300 ;;
    sessions)    run sessions    org.mediasec.benchmarks.AgwSessionsRun --sessions "$SESSIONS" --concurrency 100 --timeout 300 ;;
    *) echo "unknown run: $r (expected: tls handshake handshake-direct passthrough passthrough-splice sessions)" >&2; exit 2 ;;
  esac
done
echo "outputs in $OUT"
