#!/usr/bin/env bash
# Netty client benchmark: the non-blocking SMTP client (io.mailharness.gatling.netty) alone, against the Mailharness
# sink in a process of its own, beside Postfix's smtp-source against the same sink, alternately, ROUNDS times.
# Each round: smtp-source (-s CONNECTIONS -m MESSAGES -l SIZE -d: reused connections, no pipelining), then the
# Netty client one command at a time, then the Netty client with MAIL/RCPT/DATA pipelined (RFC 2920); each prints
# messages per second and its own CPU time (user + system) per message. Then IDLE_SESSIONS sessions opened and held
# by a client with a heap of IDLE_HEAP, reporting the heap they take.
# The client's figures leave out what a Gatling action adds (statistics per stage). On a machine shared with other
# work, compare the columns of one round, not figures of different days.
#
# Usage: simulations/bench/netty-client.sh
# Environment: ROUNDS (3), CONNECTIONS (20), MESSAGES (50000), SIZE (1024), WARMUP (messages each client run sends
#              first, unmeasured, for the JIT to settle: 100000), THREADS (client event loops; 2 per core, as Gatling),
#              SINK_THREADS (1), IDLE_SESSIONS (10000; 0 skips), IDLE_HEAP (256m), WORK (output folder),
#              MAILHARNESS_SKIP_BUILD=1 to use the classes as last compiled.
set -euo pipefail

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
cd "$ROOT"
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-20}
MESSAGES=${MESSAGES:-50000}
WARMUP=${WARMUP:-100000}
SIZE=${SIZE:-1024}
THREADS=${THREADS:-$(( 2 * $(nproc) ))}
SINK_THREADS=${SINK_THREADS:-1}
IDLE_SESSIONS=${IDLE_SESSIONS:-10000}
IDLE_HEAP=${IDLE_HEAP:-256m}
WORK=${WORK:-$ROOT/results/bench/netty-client-$(date +%Y%m%d-%H%M%S)}

die() { echo "netty-client: $*" >&2; exit 2; }
JAVA_HOME=$("$ROOT/bin/find-jdk") || exit 2
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
mkdir -p "$WORK"

if [ "${MAILHARNESS_SKIP_BUILD:-}" != 1 ] || [ ! -s "$ROOT/simulations/target/netty-bench-classpath.txt" ]; then
  echo "== Compiling core, sink and simulations (tests included)" >&2
  mvn -o -B -q -Dstyle.color=never -pl simulations -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$ROOT/simulations/target/netty-bench-classpath.txt" >"$WORK/build.log" 2>&1 \
    || { tail -30 "$WORK/build.log" >&2; die "the build failed"; }
fi
CP="$ROOT/simulations/target/test-classes:$ROOT/simulations/target/classes:$(cat "$ROOT/simulations/target/netty-bench-classpath.txt")"
JVM=(-XX:+UseParallelGC --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/jdk.internal.misc=ALL-UNNAMED
     -Dio.netty.tryReflectionSetAccessible=true -Dlogback.configurationFile=/dev/null)
jdk_version=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$JAVA_HOME/release" 2>/dev/null || echo 21)
[ "${jdk_version:-21}" -ge 24 ] && JVM+=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)

# The sink runs until its standard input (a pipe held open here) closes.
SINK_PID=""
cleanup() {
  exec 3>&- 2>/dev/null || true
  if [ -n "$SINK_PID" ]; then
    for _ in $(seq 1 50); do kill -0 "$SINK_PID" 2>/dev/null || break; sleep 0.1; done
    kill "$SINK_PID" 2>/dev/null || true; wait "$SINK_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT
mkfifo "$WORK/sink.in"
"$JAVA" "${JVM[@]}" -Xms512m -Xmx512m -cp "$CP" io.mailharness.gatling.netty.BenchmarkSink 0 "$SINK_THREADS" <"$WORK/sink.in" >"$WORK/sink.log" 2>&1 &
SINK_PID=$!
exec 3>"$WORK/sink.in"
PORT=""
for _ in $(seq 1 100); do
  PORT=$(sed -n 's/^listening \([0-9]*\) .*/\1/p' "$WORK/sink.log")
  [ -n "$PORT" ] && break
  kill -0 "$SINK_PID" 2>/dev/null || { cat "$WORK/sink.log" >&2; die "the sink did not start"; }
  sleep 0.1
done
[ -n "$PORT" ] || die "the sink did not say its port (see $WORK/sink.log)"
echo "Sink on 127.0.0.1:$PORT ($(sed -n 's/^listening [0-9]* //p' "$WORK/sink.log"), $SINK_THREADS I/O thread(s)); $MESSAGES messages of $SIZE octets over"
echo "$CONNECTIONS reused connections per run (the Netty client after $WARMUP unmeasured); client: $THREADS event loops; $(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg)"

field() { sed -n "s/.* $1=\\([^ ]*\\).*/\\1/p" <<<"$2"; }
netty() { # $1 = pipelining; prints "msgs/s cpu_ms_per_msg"
  local out
  out=$("$JAVA" "${JVM[@]}" -Xms512m -Xmx512m -DwarmUp="$WARMUP" -cp "$CP" io.mailharness.gatling.netty.NettyClientBenchmark send 127.0.0.1 "$PORT" "$CONNECTIONS" "$MESSAGES" "$SIZE" "$1" "$THREADS" 2>>"$WORK/client.log" | grep '^result') \
    || die "the Netty client failed (see $WORK/client.log)"
  echo "$out" >>"$WORK/results.txt"
  [ "$(field failed "$out")" = 0 ] && [ "$(field refused "$out")" = 0 ] || echo "warning: $out" >&2
  echo "$(field msgs_per_s "$out") $(field cpu_ms_per_msg "$out")"
}
source_run() { # prints "msgs/s cpu_ms_per_msg" of smtp-source
  local t wall user sys
  t=$( { TIMEFORMAT='%R %U %S'; time /usr/sbin/smtp-source -s "$CONNECTIONS" -m "$MESSAGES" -l "$SIZE" -d -f bench@source.test -t sink@sink.test \
         127.0.0.1:"$PORT" >>"$WORK/smtp-source.log" 2>&1; } 2>&1 ) || die "smtp-source failed (see $WORK/smtp-source.log)"
  read -r wall user sys <<<"$t"
  echo "$(echo "scale=0; $MESSAGES / $wall" | bc) $(echo "scale=4; ($user + $sys) * 1000 / $MESSAGES" | bc)"
}

HAVE_SOURCE=0; [ -x /usr/sbin/smtp-source ] && HAVE_SOURCE=1
[ "$HAVE_SOURCE" = 1 ] || echo "(smtp-source not installed: apt-get install postfix gives it; its column stays empty)"
printf '%-6s %26s %26s %26s %14s %14s\n' round "smtp-source msg/s cpu ms" "netty msg/s cpu ms" "netty+pipe msg/s cpu ms" "netty/source" "pipe/source"
for round in $(seq 1 "$ROUNDS"); do
  src="- -"; [ "$HAVE_SOURCE" = 1 ] && src=$(source_run)
  plain=$(netty false)
  piped=$(netty true)
  read -r s_rate s_cpu <<<"$src"; read -r p_rate p_cpu <<<"$plain"; read -r q_rate q_cpu <<<"$piped"
  r1="-"; r2="-"
  if [ "$HAVE_SOURCE" = 1 ]; then r1=$(echo "scale=2; $p_rate / $s_rate" | bc); r2=$(echo "scale=2; $q_rate / $s_rate" | bc); fi
  printf '%-6s %17s %8s %17s %8s %17s %8s %14s %14s\n' "$round" "$s_rate" "$s_cpu" "$p_rate" "$p_cpu" "$q_rate" "$q_cpu" "$r1" "$r2"
done

if [ "$IDLE_SESSIONS" -gt 0 ]; then
  out=$("$JAVA" "${JVM[@]}" -Xms"$IDLE_HEAP" -Xmx"$IDLE_HEAP" -cp "$CP" io.mailharness.gatling.netty.NettyClientBenchmark idle 127.0.0.1 "$PORT" \
        "$IDLE_SESSIONS" "$THREADS" 2>>"$WORK/client.log" | grep '^result') || die "the idle sessions run failed (see $WORK/client.log)"
  echo "$out" >>"$WORK/results.txt"
  echo "Idle: $(field opened "$out") of $IDLE_SESSIONS sessions open in $(field open_seconds "$out") s with -Xmx$IDLE_HEAP; heap in use after a" \
       "collection $(field heap_used_mib "$out") MiB ($(field heap_per_session_kib "$out") KiB per session), pooled direct memory" \
       "$(field pooled_direct_mib "$out") MiB; $(field alive_after_noop "$out") answered a NOOP afterwards"
fi
exec 3>&-
wait "$SINK_PID" 2>/dev/null || true
SINK_PID=""
echo "Sink: $(tail -1 "$WORK/sink.log")"
echo "Results and logs: $WORK"
