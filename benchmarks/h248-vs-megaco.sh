#!/usr/bin/env bash
# H.248 text codec: mediasec's H248TextCodec (JMH) against Erlang/OTP megaco's own text codecs
# (escript), on the very same messages (27 of the 28 of RFC 3525 Appendix A, pretty and compact),
# one after the other in the same run. Prints a table of ns per message and the ratios
# megaco / ours (how many times faster ours is; the issue's target is >= 3 for encode and decode).
#
#   benchmarks/h248-vs-megaco.sh [--no-build]
#
# Environment: OUT (result directory, default a new /tmp/h248-vs-megaco.*), JAR (the benchmarks
# uber-jar to run, default benchmarks/target/benchmarks.jar, e.g. an older build for a before/after),
# JMH_OPTS (default "-f 1 -wi 10 -w 1s -i 5 -r 1s"), ERL_ARGS (warm-up s, iterations, iteration s;
# default "5 5 1"). About 2.5 minutes plus the build on a 2-core machine.
#
# Why 10 warm-up seconds: on a loaded machine the JIT compiler threads get little CPU too; the
# codec needs about 3 CPU-seconds to reach its steady state, and with -wi 3 -w 1s the measured
# iterations still include compilation (CPU ns/msg falls from iteration to iteration). Needs: JDK 17, Maven (offline, with the
# other mediasec modules already in ~/.m2), escript with erlang-megaco (Debian: erlang-base
# erlang-megaco).
#
# Two figures per cell: wall clock (what JMH and megaco_codec_meas report) and CPU time of the
# measuring thread / VM per message, which time slicing on a shared, loaded machine does not
# inflate. Compare like with like; see docs/performance.md, "H.248 text codec".
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$(mktemp -d /tmp/h248-vs-megaco.XXXXXX)}
JAR=${JAR:-benchmarks/target/benchmarks.jar}
JMH_OPTS=${JMH_OPTS:-"-f 1 -wi 10 -w 1s -i 5 -r 1s"}
ERL_ARGS=${ERL_ARGS:-"5 5 1"}
mkdir -p "$OUT"
cd "$ROOT"

if [[ "${1:-}" != "--no-build" ]]; then
    echo "== build (h248 into ~/.m2, then the benchmarks uber-jar)"
    mvn -B -o -q -pl h248 install -Dmaven.test.skip=true
    mvn -B -o -q -pl benchmarks package -DskipTests
fi
# a private copy: other people's builds may rewrite benchmarks/target while we run
cp "$JAR" "$OUT/benchmarks.jar"

{
    echo "date:    $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "commit:  $(git rev-parse --short HEAD) (codec last changed in $(git log -1 --format=%h -- h248/src/main/java/org/mediasec/h248/text))$(git diff --quiet HEAD -- h248/src/main/java/org/mediasec/h248/text benchmarks/src/main/java/org/mediasec/h248 benchmarks/erlang || echo ', with uncommitted changes')"
    echo "jar:     $JAR, built $(date -u -r "$JAR" '+%Y-%m-%d %H:%M UTC')"
    echo "cpu:     $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
    echo "jdk:     $(java -version 2>&1 | sed -n 3p)"
    echo "otp:     $(erl -noshell -eval 'io:format("~s erts ~s", [erlang:system_info(otp_release), erlang:system_info(version)]), halt().')"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$OUT/setup.txt"

echo "== input"
java -cp "$OUT/benchmarks.jar" org.mediasec.h248.text.H248BenchCorpus "$OUT/msgs"

echo "== ours: JMH $JMH_OPTS -prof gc"
# shellcheck disable=SC2086
java -jar "$OUT/benchmarks.jar" 'org.mediasec.h248.text.H248TextCodecBenchmark' $JMH_OPTS -prof gc \
    -rf csv -rff "$OUT/jmh.csv" > "$OUT/jmh.log" 2>&1 || {
    tail -30 "$OUT/jmh.log"
    if grep -q 'Unable to acquire the JMH lock' "$OUT/jmh.log"; then
        echo "another JMH run is going on on this machine (/tmp/jmh.lock): wait for it to end and re-run" >&2
    fi
    exit 1
}
grep -E '^H248TextCodecBenchmark' "$OUT/jmh.log" | grep -v -E 'gc\.(count|time|alloc\.rate )'

echo "== megaco: megaco_codec_bench.escript $ERL_ARGS"
# shellcheck disable=SC2086
escript benchmarks/erlang/megaco_codec_bench.escript "$OUT/msgs" $ERL_ARGS | tee "$OUT/megaco.txt"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/setup.txt"

echo
echo "== ns per message (mean over the set); ratio = megaco / ours, >= 3 is the target"
awk -F, '
    FNR == 1 { file++ }
    file == 1 && FNR > 1 {
        gsub(/["\r]/, "")
        name = $1; sub(/.*H248TextCodecBenchmark\./, "", name)    # decode, decode:cpuNs, ...
        style = tolower($8)
        v[style, name] = $5; err[style, name] = $6
    }
    file == 2 && $0 ~ /^RESULT/ {
        split($0, f, " ")                               # RESULT style op conf mean min max cpu
        m[f[2], f[3], f[4]] = f[5]; mc[f[2], f[3], f[4]] = f[8]
    }
    END {
        printf "%-8s %-6s %-6s | %10s %8s %9s | %10s %8s | %10s %8s | %8s\n", "style", "op", "megaco", \
            "ours wall", "(+/-)", "ours cpu", "mgc wall", "mgc cpu", "x wall", "x cpu", "ours B"
        n = split("pretty compact", styles, " ")
        for (i = 1; i <= n; i++) {
            s = styles[i]
            split("decode plain,decode flex,encode plain", rows, ",")
            for (r = 1; r <= 3; r++) {
                split(rows[r], rc, " "); op = rc[1]; conf = rc[2]
                ow = v[s, op]; oc = (v[s, op ":msgs"] > 0) ? v[s, op ":cpuNs"] / v[s, op ":msgs"] : 0
                mw = m[s, op, conf]; mcpu = mc[s, op, conf]
                if (mw == "") continue
                printf "%-8s %-6s %-6s | %10.0f %8.0f %9.0f | %10.0f %8.0f | %9.2fx %7.2fx | %8.0f\n", s, op, conf, \
                    ow, err[s, op], oc, mw, mcpu, (ow > 0 ? mw / ow : 0), (oc > 0 ? mcpu / oc : 0), \
                    v[s, op ":gc.alloc.rate.norm"]
            }
        }
        print "wall: JMH avgt score (+/- its 99.9% interval) and megaco mean over the iterations; cpu: CPU ns per message;"
        print "megaco plain = Erlang scanner, flex = megaco flex scanner (C driver; decode only); ours B = -prof gc bytes allocated per message"
    }' "$OUT/jmh.csv" "$OUT/megaco.txt" | tee "$OUT/table.txt"
echo "results in $OUT"
