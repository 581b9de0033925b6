#!/usr/bin/env bash
# 10,000 concurrent open SMTP sessions from one injector with at most 1 GiB of heap (the launcher's -Xmx1G):
# SmtpIdleSessions opens USERS sessions over RAMP seconds against Postfix's smtp-sink (a server that holds
# many connections cheaply), each greeted and EHLO'd, then idle with a NOOP every NOOP_INTERVAL seconds for
# DURATION seconds, then QUIT. Prints the peak of open sessions, the peak heap use and the errors.
#
# Usage: simulations/bench/ten-thousand-sessions.sh
# Environment: USERS (10000), RAMP (s, 20), DURATION (s, 30), NOOP_INTERVAL (s, 5), PORT (default a free one),
#              WORK (output folder), MAILHARNESS_SKIP_BUILD=1 to use the modules as last built.
set -euo pipefail

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
cd "$ROOT"
USERS=${USERS:-10000}
RAMP=${RAMP:-20}
DURATION=${DURATION:-30}
NOOP_INTERVAL=${NOOP_INTERVAL:-5}
PORT=${PORT:-}
WORK=${WORK:-$ROOT/results/bench/sessions-$(date +%Y%m%d-%H%M%S)}

die() { echo "ten-thousand-sessions: $*" >&2; exit 2; }
command -v jq >/dev/null 2>&1 || die "needs jq (apt-get install jq)"
[ -x /usr/sbin/smtp-sink ] || die "needs Postfix's smtp-sink (DEBIAN_FRONTEND=noninteractive apt-get install -y postfix; the system postfix is not started)"
# Every session is a descriptor in each process (the injector and smtp-sink), plus their own few.
NEED=$(( USERS + 2048 ))
ulimit -n "$NEED" 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -ge "$NEED" ] || die "open-file limit $(ulimit -n) is below $NEED (raise the hard limit: ulimit -Hn)"
if [ "${MAILHARNESS_SKIP_BUILD:-}" != 1 ]; then
  ./mailharness --version >&2 || die "the build failed"   # the launcher builds the project when its sources changed
fi
export MAILHARNESS_SKIP_BUILD=1
mkdir -p "$WORK"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [ -z "$PORT" ]; then
  for _ in $(seq 1 50); do PORT=$(( 20000 + RANDOM % 40000 )); listening "$PORT" || break; done
fi
listening "$PORT" && die "port $PORT on 127.0.0.1 is taken (set PORT to a free one)"
SINK_PID=""
cleanup() {
  if [ -n "$SINK_PID" ]; then kill "$SINK_PID" 2>/dev/null || true; wait "$SINK_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
USER_OPT=(); [ "$(id -u)" = 0 ] && USER_OPT=(-u nobody)
# -m: sessions handled at once; -t: seconds a session may stay silent (the NOOPs come well within it).
/usr/sbin/smtp-sink "${USER_OPT[@]}" -m $(( USERS + 1000 )) -t $(( NOOP_INTERVAL * 10 + 60 )) 127.0.0.1:"$PORT" 4096 >"$WORK/smtp-sink.log" 2>&1 &
SINK_PID=$!
for _ in $(seq 1 50); do listening "$PORT" && break; sleep 0.1; done
kill -0 "$SINK_PID" 2>/dev/null || { cat "$WORK/smtp-sink.log" >&2; die "smtp-sink did not start"; }

cat >"$WORK/targets.conf" <<CONF
targets {
  smtp-sink {
    description = "Postfix smtp-sink (accepts and discards)"
    smtp { host = "127.0.0.1", port = $PORT }
    timeouts { connect = 30s, read = 30s }
    accounts = [ { address = "sink@sink.test", password = "unused", disposable = true } ]
  }
}
CONF

echo "== $USERS sessions over $RAMP s, each idle with NOOP every $NOOP_INTERVAL s for $DURATION s, -Xmx1G, against smtp-sink on 127.0.0.1:$PORT (open-file limit $(ulimit -n))" >&2
status=0
MAILHARNESS_RESULTS="$WORK" ./mailharness load SmtpIdleSessions -Dmailharness.target.file="$WORK/targets.conf" -Dmailharness.target=smtp-sink \
  -Dmailharness.users="$USERS" -Dmailharness.ramp="$RAMP" -Dmailharness.duration="$DURATION" -Dmailharness.noopInterval="$NOOP_INTERVAL" \
  >"$WORK/mailharness.log" 2>&1 || status=$?
record=$(find "$WORK" -name run-record.json -print -quit)
[ -n "$record" ] || { tail -30 "$WORK/mailharness.log" >&2; die "no run record (exit $status)"; }

echo
grep -E "^Mailharness injector:" "$WORK/mailharness.log" || true
jq -r '"sessions opened (connect+greeting OK): \(.requests["SMTP connect+greeting"].ok // 0) of \(.requests["SMTP connect+greeting"].count // 0)",
       "EHLO OK: \(.requests["SMTP EHLO"].ok // 0); NOOP OK: \(.requests["SMTP NOOP"].ok // 0), KO \(.requests["SMTP NOOP"].ko // 0); QUIT OK: \(.requests["SMTP QUIT"].ok // 0)",
       "connect+greeting p50/p95/p99: \(.requests["SMTP connect+greeting"].p50)/\(.requests["SMTP connect+greeting"].p95)/\(.requests["SMTP connect+greeting"].p99) ms; NOOP p50/p95/p99: \(.requests["SMTP NOOP"].p50)/\(.requests["SMTP NOOP"].p95)/\(.requests["SMTP NOOP"].p99) ms",
       "errors: \(if (.errors // {}) == {} then "none" else (.errors | to_entries | map("\(.value) x \(.key)") | join("; ")) end)",
       "injector CPU avg \(.injector.cpuAverage), peak \(.injector.cpuPeak) (of \(.injector.cores) cores)"' "$record"
echo "exit $status; run record $record"
