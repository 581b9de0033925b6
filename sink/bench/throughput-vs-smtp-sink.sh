#!/usr/bin/env bash
# Throughput of the sink against Postfix's smtp-sink, both driven by Postfix's smtp-source on loopback: each
# round sends MESSAGES messages of SIZE octets over SESSIONS parallel sessions (reused connections, -d) to each
# server in turn (the order alternates between rounds), and prints messages per second and the server process's
# CPU time per 1000 messages (user + system, from /proc). A warm-up run of WARMUP messages against the sink comes
# first (the JVM compiles its hot code then) and is not counted. On a machine with few cores the client and the server share
# them: compare the two servers by their ratio within one run, not with numbers from another day.
#
# Usage: sink/bench/throughput-vs-smtp-sink.sh
# Environment: ROUNDS (3), SESSIONS (20), MESSAGES (20000), SIZE (1024), WARMUP (40000), SINK_HEAP (256m), SINK_THREADS (0: one
#              per processor), WORK (output folder), LEAK_DETECTION (Netty's, in the sink's JVM: disabled),
#              MAILHARNESS_SKIP_BUILD=1 to use the sink module as last built.
# Needs smtp-sink and smtp-source (Debian: DEBIAN_FRONTEND=noninteractive apt-get install -y postfix; no
# Postfix daemon is started by this script, both tools run on 127.0.0.1 high ports only).
set -euo pipefail
. "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/bench-common.bash"

ROUNDS=${ROUNDS:-3}
SESSIONS=${SESSIONS:-20}
MESSAGES=${MESSAGES:-20000}
SIZE=${SIZE:-1024}
WARMUP=${WARMUP:-40000}
SINK_HEAP=${SINK_HEAP:-256m}
SINK_THREADS=${SINK_THREADS:-0}
WORK=${WORK:-$ROOT/results/bench/sink-throughput-$(date +%Y%m%d-%H%M%S)}

[ -x /usr/sbin/smtp-sink ] && [ -x /usr/sbin/smtp-source ] \
  || die "needs Postfix's smtp-sink and smtp-source (as root: DEBIAN_FRONTEND=noninteractive apt-get install -y postfix)"
command -v bc >/dev/null 2>&1 || die "needs bc (apt-get install bc)"
build_sink
mkdir -p "$WORK"

POSTFIX_PID=""
cleanup() {
  [ -n "$POSTFIX_PID" ] && { kill "$POSTFIX_PID" 2>/dev/null || true; wait "$POSTFIX_PID" 2>/dev/null || true; }
  stop_bench_sink
}
trap cleanup EXIT

SINK_PORT=$(free_port)
start_bench_sink "$SINK_PORT" "$SINK_HEAP" "$SINK_THREADS"
POSTFIX_PORT=$(free_port)
USER_OPT=(); [ "$(id -u)" = 0 ] && USER_OPT=(-u nobody)
/usr/sbin/smtp-sink "${USER_OPT[@]}" -m $(( SESSIONS * 4 )) 127.0.0.1:"$POSTFIX_PORT" 1024 >"$WORK/smtp-sink.log" 2>&1 &
POSTFIX_PID=$!
for _ in $(seq 1 50); do listening "$POSTFIX_PORT" && break; sleep 0.1; done
listening "$POSTFIX_PORT" || { cat "$WORK/smtp-sink.log" >&2; die "smtp-sink did not start on port $POSTFIX_PORT"; }

now() { date +%s.%N; }
# Sends with smtp-source to port $1, the server process being $2; prints "msgs/s cpu-ms-per-1000".
run_source() {
  local port=$1 pid=$2 count=$3 log=$4 t0 t1 c0 c1
  c0=$(cpu_seconds "$pid"); t0=$(now)
  /usr/sbin/smtp-source -s "$SESSIONS" -m "$count" -l "$SIZE" -d -f sender@source.test -t sink@sink.test 127.0.0.1:"$port" \
    >"$log" 2>&1 || die "smtp-source failed against port $port: $(tail -3 "$log")"
  t1=$(now); c1=$(cpu_seconds "$pid")
  echo "$(echo "scale=1; $count / ($t1 - $t0)" | bc) $(echo "scale=1; ($c1 - $c0) * 1000000 / $count" | bc)"
}

echo "Machine: $(machine)"
echo "Each round: $MESSAGES messages of $SIZE octets over $SESSIONS reused connections (smtp-source -s $SESSIONS -d)"
echo "Mailharness sink: 127.0.0.1:$SINK_PORT ($SINK_TRANSPORT, heap $SINK_HEAP); Postfix smtp-sink: 127.0.0.1:$POSTFIX_PORT"
accepted_before=$(stat_field "$(sink_stats)" accepted)
read -r warm _ < <(run_source "$SINK_PORT" "$SINK_PID" "$WARMUP" "$WORK/warm-up.log")
echo "warm-up against the sink ($WARMUP messages, not counted): $warm msgs/s"
printf '%-6s %16s %16s %8s %22s %22s\n' round "smtp-sink msg/s" "sink msg/s" ratio "smtp-sink CPU ms/1000" "sink CPU ms/1000"
P_SUM=0 S_SUM=0
for round in $(seq 1 "$ROUNDS"); do
  if [ $(( round % 2 )) = 1 ]; then
    read -r p_rate p_cpu < <(run_source "$POSTFIX_PORT" "$POSTFIX_PID" "$MESSAGES" "$WORK/postfix-$round.log")
    read -r s_rate s_cpu < <(run_source "$SINK_PORT" "$SINK_PID" "$MESSAGES" "$WORK/sink-$round.log")
  else
    read -r s_rate s_cpu < <(run_source "$SINK_PORT" "$SINK_PID" "$MESSAGES" "$WORK/sink-$round.log")
    read -r p_rate p_cpu < <(run_source "$POSTFIX_PORT" "$POSTFIX_PID" "$MESSAGES" "$WORK/postfix-$round.log")
  fi
  printf '%-6s %16s %16s %8s %22s %22s\n' "$round" "$p_rate" "$s_rate" "$(echo "scale=2; $s_rate / $p_rate" | bc)" "$p_cpu" "$s_cpu"
  P_SUM=$(echo "$P_SUM + $p_rate" | bc); S_SUM=$(echo "$S_SUM + $s_rate" | bc)
done
printf '%-6s %16s %16s %8s\n' mean "$(echo "scale=1; $P_SUM / $ROUNDS" | bc)" "$(echo "scale=1; $S_SUM / $ROUNDS" | bc)" \
  "$(echo "scale=2; $S_SUM / $P_SUM" | bc)"
stats=$(sink_stats)
accepted=$(( $(stat_field "$stats" accepted) - accepted_before ))
expected=$(( MESSAGES * ROUNDS + WARMUP ))
echo "The sink accepted $accepted of the $expected messages sent to it; heap after GC $(stat_field "$stats" heapMiB) MiB, RSS $(stat_field "$stats" rssMiB) MiB"
[ "$accepted" = "$expected" ] || echo "warning: the sink's count differs from what smtp-source sent" >&2
echo "Logs: $WORK"
