#!/usr/bin/env bash
# The product's MSRP file transfer over TLS (issue #3; benchmarks/README.md "File transfer run",
# results in docs/performance.md "The product's file transfer (session API)"): RUNS times
# MsrpFileTransferRun (a SIZE-octet random file pushed with FileTransfers.send over msrps sessions
# opened from SDP, pinned fingerprints, the receiver spilling to disk; after WARMUP octets through
# the same endpoints; then socat OPEN:file -> CREATE:file over OpenSSL TLS, same suite, same
# directories), each run under the exclusive /tmp/jmh.lock, then the medians. Loopback only; every
# run is bounded. Not part of the test suite.
#
#   benchmarks/msrp-file-bench.sh [--no-build]
#   RUNS=5 SIZE=1g WARMUP=1g WARMUPS=6 CHUNKING=default|streamed|fixed CHUNK=default (MsrpSessionConfig.DEFAULT's;
#   2048 with CHUNKING=fixed) OUT=dir (default: a fresh temp dir)
#   EXTRA="--report --dir /var/tmp --jfr /tmp/ft.jfr": more MsrpFileTransferRun options
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
if [[ "${1:-}" == "--no-build" ]]; then
  build=0
fi
RUNS=${RUNS:-5}
SIZE=${SIZE:-1g}
WARMUP=${WARMUP:-1g}
WARMUPS=${WARMUPS:-6}
CHUNK=${CHUNK:-default}
CHUNKING=${CHUNKING:-default}
EXTRA=${EXTRA:-}
OUT=${OUT:-$(mktemp -d /tmp/msrp-file-bench-out.XXXXXX)}
JAR=${JAR:-benchmarks/target/benchmarks.jar}
mkdir -p "$OUT"
chunk_opt=()
if [[ "$CHUNK" != "default" ]]; then
  chunk_opt=(--chunk "$CHUNK")
fi
if [[ "$CHUNKING" != "default" ]]; then
  chunk_opt+=(--chunking "$CHUNKING")
fi

if [[ $build -eq 1 ]]; then
  flock -s /tmp/jmh.lock mvn -B -o -q -pl benchmarks package -DskipTests
fi

# the jar holds the msrp classes installed when it was built: compare its time with the msrp commits
echo "== jar $JAR built $(date -u -r "$JAR" +%H:%M:%S) UTC; latest msrp commit $(git log -1 --format='%h %cd' --date=format-local:'%H:%M:%S' -- msrp) UTC"
for i in $(seq 1 "$RUNS"); do
  # other engineers' JMH runs take the same lock: one measurement at a time on this machine
  flock /tmp/jmh.lock bash -c 'echo "== $(date -u +%H:%M:%S) UTC run '"$i"' of '"$RUNS"'; load average $(cut -d" " -f1-3 /proc/loadavg) (lock taken); output '"$OUT/run$i.txt"'";
      exec timeout -k 10 900 java -Xmx1g -cp "$0" org.mediasec.benchmarks.MsrpFileTransferRun --size "$1" --warmup "$2" --warmups "$3" --timeout 300 "${@:4}"' \
      "$JAR" "$SIZE" "$WARMUP" "$WARMUPS" "${chunk_opt[@]}" $EXTRA > "$OUT/run$i.txt" 2>&1 || { echo "run $i failed:"; tail -5 "$OUT/run$i.txt"; continue; }
  head -1 "$OUT/run$i.txt"
  grep -E '^== (transfer:|MSRP file transfer|plain TLS file copy|ratio|CPU:|busiest)' "$OUT/run$i.txt" | cut -c1-330
  echo "   load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done

median() {
  sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "n/a"; else if (NR % 2) print a[(NR+1)/2]; else printf "%.2f\n", (a[NR/2]+a[NR/2+1])/2}'
}
echo "== medians over $RUNS runs (SIZE=$SIZE WARMUP=$WARMUP x $WARMUPS CHUNKING=$CHUNKING CHUNK=$CHUNK EXTRA=$EXTRA)"
echo "   wall clock, ours / socat:           $(grep -h '^== ratio' "$OUT"/run*.txt | awk '{print $NF}' | median)"
echo "   CPU, socat / ours (whole process):  $(grep -h '^== CPU:' "$OUT"/run*.txt | awk '{print $NF}' | median)"
echo "   CPU, socat / ours (busiest side):   $(grep -h '^== busiest' "$OUT"/run*.txt | sed 's/.*= \([0-9.]*\) (the wall.*/\1/' | median)"
echo "   ours MB/s:                          $(grep -h '^== MSRP file transfer' "$OUT"/run*.txt | sed 's/.*: \([0-9.]*\) MB\/s.*/\1/' | median)"
echo "   socat MB/s:                         $(grep -h '^== plain TLS file copy' "$OUT"/run*.txt | sed 's/.*: \([0-9.]*\) MB\/s.*/\1/' | median)"
echo "   ours process CPU s:                 $(grep -h '^== MSRP file transfer' "$OUT"/run*.txt | sed 's/.*process CPU \([0-9.]*\) s.*/\1/' | median)"
echo "   ours sender loop CPU s:             $(grep -h '^== MSRP file transfer' "$OUT"/run*.txt | sed 's/.*sender loop \([0-9.]*\) s.*/\1/' | median)"
echo "   ours receiver loop CPU s:           $(grep -h '^== MSRP file transfer' "$OUT"/run*.txt | sed 's/.*receiver loop \([0-9.]*\) s.*/\1/' | median)"
echo "   ours other threads CPU s:           $(grep -h '^== MSRP file transfer' "$OUT"/run*.txt | sed 's/.*other threads \([0-9.]*\) s.*/\1/' | median)"
echo "   ours JIT compiler threads CPU s:    $(grep -h '^== MSRP file transfer' "$OUT"/run*.txt | sed 's/.*JIT compiler threads \([0-9.]*\) s.*/\1/' | median)"
echo "   ours GC threads CPU s:              $(grep -h '^== MSRP file transfer' "$OUT"/run*.txt | sed 's/.*GC threads \([0-9.]*\) s.*/\1/' | median)"
echo "   ours heap used peak MiB:            $(grep -h '^== MSRP file transfer' "$OUT"/run*.txt | sed 's/.*heap used peak \([0-9]*\) MiB.*/\1/' | median)"
