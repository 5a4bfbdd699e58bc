#!/usr/bin/env bash
# MSRP over TLS load run (benchmarks/README.md "Load run", results in docs/performance.md "MSRP"):
# RUNS times MsrpTlsLoadRun (SIZE octets of 64 KiB SEND chunks over TLS on loopback, after WARMUP
# octets on the same connection, then the same octets through socat -> socat over TLS), then the
# median of each ratio over the runs. On a shared machine the wall-clock ratio follows the others'
# load; the CPU ratios (whole process, and busiest side: the wall-clock ratio to expect with a core
# per side) move much less. Loopback only; every run is bounded. Not part of the test suite.
#
#   benchmarks/msrp-bench.sh [--no-build]
#   RUNS=5 SIZE=1g WARMUP=3g CHUNK=65536 OUT=dir (default: a fresh temp directory)
#   EXTRA="--wrap-size 64k --read-max 256k --socat-suite default": more MsrpTlsLoadRun options (the
#   socat baseline is held to ours, TLS_AES_128_GCM_SHA256, unless --socat-suite default)
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
if [[ "${1:-}" == "--no-build" ]]; then
  build=0
fi
RUNS=${RUNS:-5}
SIZE=${SIZE:-1g}
WARMUP=${WARMUP:-3g}
CHUNK=${CHUNK:-65536}
EXTRA=${EXTRA:-}
OUT=${OUT:-$(mktemp -d /tmp/msrp-bench.XXXXXX)}
JAR=${JAR:-benchmarks/target/benchmarks.jar}
mkdir -p "$OUT"

if [[ $build -eq 1 ]]; then
  mvn -B -o -q -pl msrp install -DskipTests
  mvn -B -o -q -pl benchmarks package -DskipTests
fi

for i in $(seq 1 "$RUNS"); do
  echo "== $(date -u +%H:%M:%S) UTC run $i of $RUNS; load average $(cut -d' ' -f1-3 /proc/loadavg); output $OUT/run$i.txt"
  # other engineers' JMH runs take the same lock: one measurement at a time on this machine
  flock /tmp/jmh.lock timeout -k 10 900 java -Xmx1g -cp "$JAR" org.mediasec.benchmarks.MsrpTlsLoadRun \
      --size "$SIZE" --chunk "$CHUNK" --warmup "$WARMUP" --timeout 300 $EXTRA > "$OUT/run$i.txt" 2>&1
  grep -E '^== (MSRP over TLS \(ours, Netty \+ [A-Z]+\):|plain TLS|ratio|CPU:|busiest)' "$OUT/run$i.txt" | cut -c1-260
done

median() {
  sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "n/a"; else if (NR % 2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'
}
echo "== medians over $RUNS runs (SIZE=$SIZE WARMUP=$WARMUP CHUNK=$CHUNK EXTRA=$EXTRA)"
echo "   wall clock, ours / socat:           $(grep -h '^== ratio' "$OUT"/run*.txt | awk '{print $NF}' | median)"
echo "   CPU, socat / ours (whole process):  $(grep -h '^== CPU:' "$OUT"/run*.txt | awk '{print $NF}' | median)"
echo "   CPU, socat / ours (busiest side):   $(grep -h '^== busiest' "$OUT"/run*.txt | sed 's/.*= \([0-9.]*\) (the wall.*/\1/' | median)"
echo "   ours MB/s:                          $(grep -h '^== MSRP over TLS (ours, Netty + [A-Z]*):' "$OUT"/run*.txt | sed 's/.*: \([0-9.]*\) MB\/s.*/\1/' | median)"
echo "   socat MB/s:                         $(grep -h '^== plain TLS' "$OUT"/run*.txt | sed 's/.*: \([0-9.]*\) MB\/s.*/\1/' | median)"
