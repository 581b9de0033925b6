#!/usr/bin/env bash
# Idle SMTP sessions: how many the sink holds at once, and at what memory. An injector opens SESSIONS sessions to
# the sink (BenchSink.java, its own JVM) over RAMP seconds, each greeted and EHLO'd, keeps them idle with a NOOP
# every NOOP_INTERVAL seconds for HOLD seconds, then QUITs them. Prints the sink's sessions (open, peak), its heap
# after a full GC and resident memory before and with the sessions open, and the injector's own figures.
# INJECTOR=client (default): a small Netty client, IdleSessionsClient.java, with a CLIENT_HEAP heap; it prints its
# heap after a GC with all sessions open, the setup and NOOP latencies and any failures.
# INJECTOR=mailharness: the bundled Gatling simulation SmtpIdleSessions through ./mailharness load, on ENGINE
# (netty or blocking) with a CLIENT_HEAP heap (an injector out of memory ends at once); it prints its peak of open
# connections and of heap use, and the run record's figures.
#
# Usage: sink/bench/idle-sessions.sh
# Environment: INJECTOR (client), ENGINE (netty), SESSIONS (10000), RAMP (s, 20), HOLD (s, 30), NOOP_INTERVAL (s, 10), SINK_HEAP (256m),
#              CLIENT_HEAP (256m), SINK_THREADS (0: one per processor), SOURCES (loopback source addresses,
#              default one per 25,000 sessions), PORT (default a free one), WORK (output folder),
#              LEAK_DETECTION (Netty's, in the sink and client JVMs: disabled), MAILHARNESS_SKIP_BUILD=1 to use the
#              modules as last built.
# Each session is an open file in both JVMs: the script raises the open-file limit to SESSIONS + 1024 and stops
# with a message when the hard limit (ulimit -Hn) is lower; raising that needs root or limits.conf.
set -euo pipefail
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/bench-common.bash"

INJECTOR=${INJECTOR:-client}
ENGINE=${ENGINE:-netty}
SESSIONS=${SESSIONS:-10000}
RAMP=${RAMP:-20}
HOLD=${HOLD:-30}
NOOP_INTERVAL=${NOOP_INTERVAL:-10}
SINK_HEAP=${SINK_HEAP:-256m}
CLIENT_HEAP=${CLIENT_HEAP:-256m}
SINK_THREADS=${SINK_THREADS:-0}
SOURCES=${SOURCES:-$(( (SESSIONS + 24999) / 25000 ))}
WORK=${WORK:-$ROOT/results/bench/sink-idle-$(date +%Y%m%d-%H%M%S)}

NEED=$(( SESSIONS + 1024 ))
ulimit -n "$NEED" 2>/dev/null || true
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge "$NEED" ] \
  || die "open-file limit $(ulimit -n) (hard $(ulimit -Hn)) is below $NEED for $SESSIONS sessions: raise the hard limit, or set SESSIONS to at most $(( $(ulimit -Hn) - 1024 ))"
case "$INJECTOR" in
  client) build_sink ;;
  mailharness) command -v jq >/dev/null 2>&1 || die "INJECTOR=mailharness needs jq (apt-get install jq)"
               if [ "${MAILHARNESS_SKIP_BUILD:-}" != 1 ]; then
                 echo "== Building Mailharness" >&2
                 (cd "$ROOT" && JAVA_HOME="$JAVA_HOME" mvn -B -q -Dstyle.color=never -DskipTests package >&2) || die "the build failed"
               fi ;;
  *) die "INJECTOR is client or mailharness, not '$INJECTOR'" ;;
esac
mkdir -p "$WORK"
PORT=${PORT:-$(free_port)}
listening "$PORT" && die "port $PORT on 127.0.0.1 is taken (set PORT to a free one)"

CLIENT_PID=""
cleanup() {
  # the launcher runs its JVM as a child: stop that first
  [ -n "$CLIENT_PID" ] && { pkill -P "$CLIENT_PID" 2>/dev/null || true; kill "$CLIENT_PID" 2>/dev/null || true; wait "$CLIENT_PID" 2>/dev/null || true; }
  stop_bench_sink
}
trap cleanup EXIT

echo "Machine: $(machine)"
start_bench_sink "$PORT" "$SINK_HEAP" "$SINK_THREADS"
idle=$(sink_stats)
overflows_before=$(listen_overflows)
echo "Sink: 127.0.0.1:$PORT, $SINK_TRANSPORT, heap $SINK_HEAP, open-file limit $(ulimit -n); with no session: heap $(stat_field "$idle" heapMiB) MiB, RSS $(stat_field "$idle" rssMiB) MiB"

status=0
if [ "$INJECTOR" = client ]; then
  "$JAVA" "${JVM_FLAGS[@]}" -Xmx"$CLIENT_HEAP" -cp "$(sink_classpath)" "$BENCH/IdleSessionsClient.java" \
    "$PORT" "$SESSIONS" "$RAMP" "$HOLD" "$NOOP_INTERVAL" "$SOURCES" >"$WORK/client.log" 2>&1 &
  CLIENT_PID=$!
  for _ in $(seq 1 $(( (RAMP + 200) * 10 ))); do
    grep -q '^established' "$WORK/client.log" 2>/dev/null && break
    kill -0 "$CLIENT_PID" 2>/dev/null || break
    sleep 0.1
  done
  grep -q '^established' "$WORK/client.log" || { cat "$WORK/client.log" >&2; die "the client did not get its sessions open"; }
  sleep 2
  held=$(sink_stats)
  client_rss=$(rss_mib "$CLIENT_PID")
  wait "$CLIENT_PID" || status=$?
  CLIENT_PID=""
else
  cat >"$WORK/targets.conf" <<CONF
targets {
  sink {
    description = "Mailharness sink (accepts and discards)"
    smtp { host = "127.0.0.1", port = $PORT }
    timeouts { connect = 30s, read = 30s }
    accounts = [ { address = "sink@sink.test", password = "unused", disposable = true } ]
  }
}
CONF
  # the simulation's sessions last HOLD seconds from their own start, so sample the sink until the run ends
  MAILHARNESS_SKIP_BUILD=1 MAILHARNESS_RESULTS="$WORK" MAILHARNESS_JAVA_OPTS="-Xmx$CLIENT_HEAP" "$ROOT/mailharness" load SmtpIdleSessions \
    -Dmailharness.target.file="$WORK/targets.conf" -Dmailharness.target=sink -Dmailharness.users="$SESSIONS" -Dmailharness.engine="$ENGINE" \
    -Dmailharness.ramp="$RAMP" -Dmailharness.duration="$HOLD" -Dmailharness.noopInterval="$NOOP_INTERVAL" >"$WORK/client.log" 2>&1 &
  CLIENT_PID=$!
  held="open=0"
  while kill -0 "$CLIENT_PID" 2>/dev/null; do
    sample=$(sink_stats)
    [ "$(stat_field "$sample" open)" -ge "$(stat_field "$held" open)" ] && held=$sample
    sleep 2
  done
  wait "$CLIENT_PID" || status=$?
  CLIENT_PID=""
fi
after=$(sink_stats)

open=$(stat_field "$held" open)
heap_held=$(stat_field "$held" heapMiB)
heap_idle=$(stat_field "$idle" heapMiB)
per_session="?"
[ "${open:-0}" -gt 0 ] && per_session=$(echo "scale=2; ($heap_held - $heap_idle) * 1024 / $open" | bc)
if [ "$INJECTOR" = client ]; then
  echo "Client: $(grep '^opening' "$WORK/client.log")"
  grep -E '^(established|held|connect|NOOP|peak)' "$WORK/client.log" | sed 's/^/  /'
  echo "  client RSS with the sessions open: $client_rss MiB"
else
  echo "Mailharness SmtpIdleSessions ($ENGINE engine, heap $CLIENT_HEAP): $SESSIONS sessions over $RAMP s, each idle for $HOLD s with a NOOP every $NOOP_INTERVAL s"
  grep -E '^Mailharness injector:' "$WORK/client.log" | sed 's/^/  /' || true
  record=$(find "$WORK" -name run-record.json -print -quit)
  [ -n "$record" ] && jq -r '"  connect+greeting OK \(.requests["SMTP connect+greeting"].ok // 0) of \(.requests["SMTP connect+greeting"].count // 0), p50/p95/p99 \(.requests["SMTP connect+greeting"].p50)/\(.requests["SMTP connect+greeting"].p95)/\(.requests["SMTP connect+greeting"].p99) ms; NOOP OK \(.requests["SMTP NOOP"].ok // 0), KO \(.requests["SMTP NOOP"].ko // 0), p95 \(.requests["SMTP NOOP"].p95) ms",
    "  errors: \(if (.errors // {}) == {} then "none" else (.errors | to_entries | map("\(.value) x \(.key)") | join("; ")) end); injector CPU avg \(.injector.cpuAverage), peak \(.injector.cpuPeak)"' "$record"
fi
echo "Sink with the sessions open: $open open (peak $(stat_field "$held" peak)), heap after GC $heap_held MiB" \
     "(about $per_session KiB per session over the idle sink), RSS $(stat_field "$held" rssMiB) MiB"
echo "Sink after QUIT: $(stat_field "$after" open) open, peak $(stat_field "$after" peak), $(stat_field "$after" sessions) sessions in all"
echo "Kernel listen-queue overflows during the run: $(( $(listen_overflows) - overflows_before )) (all listeners of this network namespace)"
echo "injector exit $status; logs in $WORK"
