#!/usr/bin/env bash
# Engine overhead benchmark: Postfix's smtp-source against Mailharness, both sending to Postfix's smtp-sink
# (which accepts and discards everything, so the client is the bottleneck).
# Each round runs smtp-source (-s SESSIONS -m MESSAGES -l SIZE -d: reused connections) and the equivalent
# Mailharness run (SmtpBurst: SESSIONS sessions, MESSAGES messages of about SIZE octets, reused connections,
# every stage timed, delivery tracking off because smtp-sink stores nothing) on each engine of ENGINES, ROUNDS
# times alternately. Each prints messages per second and CPU time per message: smtp-source's user + system time
# (getrusage, through bash's time), the injector's process CPU time from the run's start to its end (the run
# record's injector.cpuSeconds: JVM start and report generation left out), and smtp-sink's own CPU time per message
# while each client drove it (/proc/<pid>/stat, user + system, over the client's whole run): the cost each client
# imposes on the server it measures.
# An entry of ENGINES may add options to its engine with '+': "netty+gathering" turns on reply gathering
# (-Dmailharness.replyGatheringMicros=GATHER_MICROS), "+batch" runs the injector under Linux's SCHED_BATCH policy
# (chrt -b 0), whose threads do not preempt others when they wake, and "+oneloop" gives the injector one event loop
# (-Dio.netty.eventLoopThreads=1), the one thread smtp-source runs on, instead of one per core.
#
# Usage: simulations/bench/smtp-sink-vs-smtp-source.sh
# Environment: ROUNDS (3), SESSIONS (20), MESSAGES (20000), SIZE (1024), PORT (smtp-sink port; default a free one),
#              PIPELINING (false; smtp-source does not pipeline), ENGINES ("netty netty+gathering+batch blocking":
#              -Dmailharness.engine, each with optional +gathering, +batch, +oneloop), GATHER_MICROS (50: the nap of
#              +gathering, in µs), WORK (output folder),
#              MAILHARNESS_SKIP_BUILD=1 to use the modules as last built.
set -euo pipefail

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
cd "$ROOT"
ROUNDS=${ROUNDS:-3}
SESSIONS=${SESSIONS:-20}
MESSAGES=${MESSAGES:-20000}
SIZE=${SIZE:-1024}
PORT=${PORT:-}
PIPELINING=${PIPELINING:-false}
ENGINES=${ENGINES:-${ENGINE:-netty netty+gathering+batch blocking}}
GATHER_MICROS=${GATHER_MICROS:-50}
WORK=${WORK:-$ROOT/results/bench/smtp-sink-$(date +%Y%m%d-%H%M%S)}

die() { echo "smtp-sink-vs-smtp-source: $*" >&2; exit 2; }
command -v jq >/dev/null 2>&1 || die "needs jq (apt-get install jq)"
if [ ! -x /usr/sbin/smtp-sink ] || [ ! -x /usr/sbin/smtp-source ]; then
  [ "$(id -u)" = 0 ] || die "smtp-sink/smtp-source missing: install postfix (as root: DEBIAN_FRONTEND=noninteractive apt-get install -y postfix)"
  echo "== Installing postfix for smtp-sink and smtp-source (the system postfix is not started)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postfix >&2 || die "could not install postfix"
fi
if [ "${MAILHARNESS_SKIP_BUILD:-}" != 1 ]; then
  ./mailharness --version >&2 || die "the build failed"   # the launcher builds the project when its sources changed
fi
export MAILHARNESS_SKIP_BUILD=1
mkdir -p "$WORK"

# An ENGINES entry as its engine, system properties and command prefix: "netty+gathering+batch" and the like.
variant() {
  local entry=$1 option
  IFS=+ read -r -a parts <<<"$entry"
  VARIANT_ENGINE=${parts[0]}; VARIANT_PROPS=(); VARIANT_PREFIX=(); VARIANT_JAVA_OPTS=${MAILHARNESS_JAVA_OPTS:-}
  for option in "${parts[@]:1}"; do
    case "$option" in
      gathering) VARIANT_PROPS+=(-Dmailharness.replyGatheringMicros="$GATHER_MICROS") ;;
      batch) command -v chrt >/dev/null || die "$entry: chrt (util-linux) is needed for +batch"; VARIANT_PREFIX=(chrt -b 0) ;;
      oneloop) VARIANT_JAVA_OPTS+=" -Dio.netty.eventLoopThreads=1" ;;
      *) die "$entry: unknown option '$option' (gathering, batch or oneloop)" ;;
    esac
  done
}
for engine in $ENGINES; do variant "$engine"; done   # a bad entry stops here, before any round

# smtp-sink: all of the sessions at once (-m), as root it must drop privileges (-u).
SINK_PID=""
cleanup() {
  if [ -n "$SINK_PID" ]; then kill "$SINK_PID" 2>/dev/null || true; wait "$SINK_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [ -z "$PORT" ]; then
  for _ in $(seq 1 50); do PORT=$(( 20000 + RANDOM % 40000 )); listening "$PORT" || break; done
fi
listening "$PORT" && die "port $PORT on 127.0.0.1 is taken (set PORT to a free one)"
USER_OPT=(); [ "$(id -u)" = 0 ] && USER_OPT=(-u nobody)
/usr/sbin/smtp-sink "${USER_OPT[@]}" -m $(( SESSIONS * 4 )) 127.0.0.1:"$PORT" 1024 >"$WORK/smtp-sink.log" 2>&1 &
SINK_PID=$!
for _ in $(seq 1 50); do listening "$PORT" && break; sleep 0.1; done
kill -0 "$SINK_PID" 2>/dev/null || { cat "$WORK/smtp-sink.log" >&2; die "smtp-sink did not start on port $PORT"; }

cat >"$WORK/targets.conf" <<CONF
targets {
  smtp-sink {
    description = "Postfix smtp-sink (accepts and discards)"
    smtp { host = "127.0.0.1", port = $PORT }
    accounts = [ { address = "sink@sink.test", password = "unused", disposable = true } ]
  }
}
CONF

rate() { echo "scale=1; $1 / $2" | bc; }
# smtp-sink's CPU time so far, in clock ticks (user + system), and in ms per message over a span of ticks
TICK_MS=$(echo "scale=6; 1000 / $(getconf CLK_TCK)" | bc)
sink_ticks() { awk '{print $14 + $15}' "/proc/$SINK_PID/stat"; }
sink_ms() { echo "scale=4; ($2 - $1) * $TICK_MS / $3" | bc; }
echo "Each round: $MESSAGES messages of $SIZE octets over $SESSIONS reused connections to smtp-sink on 127.0.0.1:$PORT;"
echo "Mailharness: SmtpBurst, every stage timed and logged, delivery tracking off (smtp-sink stores nothing), pipelining"
echo "$PIPELINING; its rate is accepted messages over the load phase (run record start to end). CPU ms per message:"
echo "process user + system time over the same span; sink ms: smtp-sink's own CPU per message while that client ran."
echo "$(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg)"
# Each engine's column: its name above "msg/s ms sink ratio", as wide as the longest name needs.
RATE_WIDTH=15
for engine in $ENGINES; do [ $(( ${#engine} - 22 )) -le "$RATE_WIDTH" ] || RATE_WIDTH=$(( ${#engine} - 22 )); done
COLUMN=$(( RATE_WIDTH + 23 ))
names="$(printf '%-6s %27s' '' smtp-source)"; labels="$(printf '%-6s %13s %6s %6s' round msg/s ms sink)"
for engine in $ENGINES; do
  names+="$(printf ' %*s' $(( COLUMN - 1 )) "$engine")"; labels+="$(printf ' %*s %6s %6s %7s' "$RATE_WIDTH" msg/s ms sink ratio)"
done
echo "$names"; echo "$labels"
declare -A RATE_SUM CPU_SUM SINK_SUM
RATE_SUM[source]=0; CPU_SUM[source]=0; SINK_SUM[source]=0
for engine in $ENGINES; do RATE_SUM[$engine]=0; CPU_SUM[$engine]=0; SINK_SUM[$engine]=0; done
for round in $(seq 1 "$ROUNDS"); do
  sink_before=$(sink_ticks)
  times=$( { TIMEFORMAT='%R %U %S'; time /usr/sbin/smtp-source -s "$SESSIONS" -m "$MESSAGES" -l "$SIZE" -d -f sender@source.test \
           -t sink@sink.test 127.0.0.1:"$PORT" >"$WORK/smtp-source-$round.log" 2>&1; } 2>&1 ) \
    || die "smtp-source failed: $(tail -3 "$WORK/smtp-source-$round.log")"
  sink_src=$(sink_ms "$sink_before" "$(sink_ticks)" "$MESSAGES")
  read -r wall user sys <<<"$times"
  src=$(rate "$MESSAGES" "$wall")
  src_cpu=$(echo "scale=4; ($user + $sys) * 1000 / $MESSAGES" | bc)
  RATE_SUM[source]=$(echo "${RATE_SUM[source]} + $src" | bc); CPU_SUM[source]=$(echo "${CPU_SUM[source]} + $src_cpu" | bc)
  SINK_SUM[source]=$(echo "${SINK_SUM[source]} + $sink_src" | bc)
  line="$(printf '%-6s %13s %6s %6s' "$round" "$src" "$src_cpu" "$sink_src")"
  for engine in $ENGINES; do
    out="$WORK/mailharness-$engine-$round"
    status=0
    sink_before=$(sink_ticks)
    variant "$engine"
    MAILHARNESS_RESULTS="$out" MAILHARNESS_JAVA_OPTS="$VARIANT_JAVA_OPTS" "${VARIANT_PREFIX[@]}" ./mailharness load SmtpBurst \
      -Dmailharness.target.file="$WORK/targets.conf" -Dmailharness.target=smtp-sink \
      -Dmailharness.users="$SESSIONS" -Dmailharness.messages="$MESSAGES" -Dmailharness.messageMix=fixed:"$SIZE" \
      -Dmailharness.deliveryTracking=false -Dmailharness.pipelining="$PIPELINING" -Dmailharness.engine="$VARIANT_ENGINE" "${VARIANT_PROPS[@]}" >"$out.log" 2>&1 || status=$?
    sink_after=$(sink_ticks)
    [ "$status" -le 1 ] || die "the Mailharness run failed (exit $status), see $out.log"
    record=$(find "$out" -name run-record.json -print -quit)
    [ -n "$record" ] || die "no run record in $out"
    read -r mh mh_cpu accepted < <(jq -r 'def ms: ((sub("\\.[0-9]+Z$"; "Z") | fromdate) * 1000) + (((capture("\\.(?<f>[0-9]+)Z$") // {f: "0"}).f + "00")[0:3] | tonumber);
        [(.ledger.accepted * 1000 / ([(.end | ms) - (.start | ms), 1] | max) * 10 | round / 10),
         (if .injector.cpuSeconds == null then "?" else (.injector.cpuSeconds * 1000 / ([.ledger.accepted, 1] | max) * 10000 | round / 10000) end),
         .ledger.accepted] | @tsv' "$record")
    [ "$accepted" = "$MESSAGES" ] || echo "warning: round $round, $engine: $accepted of $MESSAGES accepted (see $record)" >&2
    sink_mh=$(sink_ms "$sink_before" "$sink_after" "$accepted")
    RATE_SUM[$engine]=$(echo "${RATE_SUM[$engine]} + $mh" | bc)
    [ "$mh_cpu" != "?" ] && CPU_SUM[$engine]=$(echo "${CPU_SUM[$engine]} + $mh_cpu" | bc)
    SINK_SUM[$engine]=$(echo "${SINK_SUM[$engine]} + $sink_mh" | bc)
    line+="$(printf ' %*s %6s %6s %7s' "$RATE_WIDTH" "$mh" "$mh_cpu" "$sink_mh" "$(echo "scale=2; $mh / $src" | bc)")"
  done
  echo "$line"
done
mean() { echo "scale=4; $1 / $ROUNDS" | bc; }
mean_rate() { echo "scale=1; $1 / $ROUNDS" | bc; }
line="$(printf '%-6s %13s %6s %6s' mean "$(mean_rate "${RATE_SUM[source]}")" "$(mean "${CPU_SUM[source]}")" "$(mean "${SINK_SUM[source]}")")"
for engine in $ENGINES; do
  line+="$(printf ' %*s %6s %6s %7s' "$RATE_WIDTH" "$(mean_rate "${RATE_SUM[$engine]}")" "$(mean "${CPU_SUM[$engine]}")" "$(mean "${SINK_SUM[$engine]}")" \
    "$(echo "scale=2; ${RATE_SUM[$engine]} / ${RATE_SUM[source]}" | bc)")"
done
echo "$line"
echo "Records and logs: $WORK"
