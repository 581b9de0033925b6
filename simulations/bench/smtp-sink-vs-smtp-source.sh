#!/usr/bin/env bash
# Engine overhead benchmark: Postfix's smtp-source against Mailharness, both sending to Postfix's smtp-sink
# (which accepts and discards everything, so the client is the bottleneck).
# Each round runs smtp-source (-s SESSIONS -m MESSAGES -l SIZE -d: reused connections) and the equivalent
# Mailharness run (SmtpBurst: SESSIONS sessions, MESSAGES messages of about SIZE octets, reused connections,
# every stage timed, delivery tracking off because smtp-sink stores nothing), ROUNDS times alternately.
#
# Usage: simulations/bench/smtp-sink-vs-smtp-source.sh
# Environment: ROUNDS (3), SESSIONS (20), MESSAGES (20000), SIZE (1024), PORT (smtp-sink port; default a free one),
#              PIPELINING (false; smtp-source does not pipeline), ENGINE (netty, the default, or blocking: -Dmailharness.engine),
#              WORK (output folder),
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
ENGINE=${ENGINE:-netty}
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

now() { date +%s.%N; }
rate() { echo "scale=1; $1 / $2" | bc; }
echo "Each round: $MESSAGES messages of $SIZE octets over $SESSIONS reused connections to smtp-sink on 127.0.0.1:$PORT"
echo "Mailharness: SmtpBurst, every stage timed and logged, delivery tracking off (smtp-sink stores nothing: the ledger's"
echo "retrieval side is not checked), pipelining $PIPELINING, engine $ENGINE; its rate is accepted messages over the load phase (run record"
echo "start to end), without JVM start and report generation; the wall clock of the whole command is shown beside it."
printf '%-6s %18s %22s %26s %8s\n' round "smtp-source msg/s" "mailharness msg/s" "mailharness wall (s)" ratio
SRC_SUM=0 MH_SUM=0
for round in $(seq 1 "$ROUNDS"); do
  t0=$(now)
  /usr/sbin/smtp-source -s "$SESSIONS" -m "$MESSAGES" -l "$SIZE" -d -f sender@source.test -t sink@sink.test 127.0.0.1:"$PORT" \
    >"$WORK/smtp-source-$round.log" 2>&1 || die "smtp-source failed: $(tail -3 "$WORK/smtp-source-$round.log")"
  t1=$(now)
  src=$(rate "$MESSAGES" "$(echo "$t1 - $t0" | bc)")

  status=0
  t0=$(now)
  MAILHARNESS_RESULTS="$WORK/mailharness-$round" ./mailharness load SmtpBurst \
    -Dmailharness.target.file="$WORK/targets.conf" -Dmailharness.target=smtp-sink \
    -Dmailharness.users="$SESSIONS" -Dmailharness.messages="$MESSAGES" -Dmailharness.messageMix=fixed:"$SIZE" \
    -Dmailharness.deliveryTracking=false -Dmailharness.pipelining="$PIPELINING" -Dmailharness.engine="$ENGINE" >"$WORK/mailharness-$round.log" 2>&1 || status=$?
  t1=$(now)
  [ "$status" -le 1 ] || die "the Mailharness run failed (exit $status), see $WORK/mailharness-$round.log"
  record=$(find "$WORK/mailharness-$round" -name run-record.json -print -quit)
  [ -n "$record" ] || die "no run record in $WORK/mailharness-$round"
  mh=$(jq -r 'def ms: ((sub("\\.[0-9]+Z$"; "Z") | fromdate) * 1000) + (((capture("\\.(?<f>[0-9]+)Z$") // {f: "0"}).f + "00")[0:3] | tonumber);
              .ledger.accepted * 1000 / ([(.end | ms) - (.start | ms), 1] | max) * 10 | round / 10' "$record")
  accepted=$(jq -r .ledger.accepted "$record")
  [ "$accepted" = "$MESSAGES" ] || echo "warning: round $round: Mailharness got $accepted of $MESSAGES accepted (see $record)" >&2
  wall=$(echo "scale=1; ($t1 - $t0) / 1" | bc)
  printf '%-6s %18s %22s %26s %8s\n' "$round" "$src" "$mh" "$wall" "$(echo "scale=2; $mh / $src" | bc)"
  SRC_SUM=$(echo "$SRC_SUM + $src" | bc); MH_SUM=$(echo "$MH_SUM + $mh" | bc)
done
printf '%-6s %18s %22s %26s %8s\n' mean "$(echo "scale=1; $SRC_SUM / $ROUNDS" | bc)" "$(echo "scale=1; $MH_SUM / $ROUNDS" | bc)" "" \
  "$(echo "scale=2; $MH_SUM / $SRC_SUM" | bc)"
echo "Records and logs: $WORK"
