#!/usr/bin/env bash
# Scale-out demonstration on one machine: one standalone embedded server (GreenMail in its own process),
# a simulation run once by a single injector at total rate RATE for DURATION seconds, then by two
# concurrent injector processes (-Dmailharness.injector=1/2 and 2/2) at the same total rate; the two
# records are merged and compared with the single-injector run (the baseline).
#
# Usage: simulations/bench/two-injectors.sh
# Environment: RATE (msgs/s, default 20), DURATION (s, 30), SIMULATION (MailDay), MIX (fixed:4k),
#              GRACE (s, 30), ACCOUNTS (server accounts, 8), WARMUP (s of discarded load first, 15),
#              ENGINE (netty, the default, or blocking: -Dmailharness.engine),
#              WORK (output folder),
#              MAILHARNESS_SKIP_BUILD=1 to use the modules as last built.
set -euo pipefail

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
cd "$ROOT"
RATE=${RATE:-20}
DURATION=${DURATION:-30}
SIMULATION=${SIMULATION:-MailDay}
MIX=${MIX:-fixed:4k}
GRACE=${GRACE:-30}
ACCOUNTS=${ACCOUNTS:-8}
WARMUP=${WARMUP:-15}
ENGINE=${ENGINE:-netty}
WORK=${WORK:-$ROOT/results/bench/two-injectors-$(date +%Y%m%d-%H%M%S)}

die() { echo "two-injectors: $*" >&2; exit 2; }
command -v jq >/dev/null 2>&1 || die "needs jq (apt-get install jq)"
if [ "${MAILHARNESS_SKIP_BUILD:-}" != 1 ]; then
  ./mailharness --version >&2 || die "the build failed"   # the launcher builds the project when its sources changed
fi
export MAILHARNESS_SKIP_BUILD=1
mkdir -p "$WORK"
TARGETS="$WORK/targets.conf"

# The server: its own JVM, free loopback ports, stopped by SIGTERM when this script ends (any way it ends).
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
./mailharness embedded-server \
  --target-file "$TARGETS" --accounts "$ACCOUNTS" --ignore-stdin --max-seconds $(( 4 * (DURATION + GRACE) + 600 )) \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 120); do [ -f "$TARGETS" ] && break; kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
[ -f "$TARGETS" ] || { cat "$WORK/server.log" >&2; die "the embedded server did not start"; }
echo "== Embedded server (pid $SERVER_PID): $(grep -o 'smtp {[^}]*}' "$TARGETS"), $(grep -o 'pop3 {[^}]*}' "$TARGETS"), $ACCOUNTS accounts" >&2

LOAD=(-Dmailharness.target.file="$TARGETS" -Dmailharness.target=embedded-greenmail -Dmailharness.rate="$RATE"
      -Dmailharness.duration="$DURATION" -Dmailharness.messageMix="$MIX" -Dmailharness.grace="$GRACE" -Dmailharness.engine="$ENGINE")
load() { # $1 = results folder, $2 = log, rest = extra -D options; a failed assertion (exit 1) still leaves a record
  local dir=$1 log=$2; shift 2
  local status=0
  MAILHARNESS_RESULTS="$dir" ./mailharness load "$SIMULATION" "${LOAD[@]}" "$@" >"$log" 2>&1 || status=$?
  [ "$status" -le 1 ] || { tail -20 "$log" >&2; die "load run failed (exit $status), see $log"; }
  return 0
}
record_in() { find "$1" -name run-record.json -printf '%T@ %p\n' | sort -n | tail -1 | cut -d' ' -f2-; }

if [ "$WARMUP" -gt 0 ]; then
  # A fresh server JVM is slow until its JIT has warmed up: the first measured run would pay for it.
  echo "== Warm-up: $WARMUP s, discarded" >&2
  load "$WORK/warmup" "$WORK/warmup.log" -Dmailharness.duration="$WARMUP"
fi

echo "== Single injector: $SIMULATION at $RATE msgs/s for $DURATION s" >&2
load "$WORK/single" "$WORK/single.log"
SINGLE=$(record_in "$WORK/single")

echo "== Two injectors at the same total rate, side by side (1/2 and 2/2)" >&2
load "$WORK/injector-1" "$WORK/injector-1.log" -Dmailharness.injector=1/2 & P1=$!
load "$WORK/injector-2" "$WORK/injector-2.log" -Dmailharness.injector=2/2 & P2=$!
wait "$P1" || die "injector 1 failed"
wait "$P2" || die "injector 2 failed"
I1=$(record_in "$WORK/injector-1")
I2=$(record_in "$WORK/injector-2")

echo "== Merge" >&2
./mailharness merge --out "$WORK/merged/run-record.json" "$I1" "$I2" | tee "$WORK/merge.log" >&2
MERGED="$WORK/merged/run-record.json"

# One figure of a record: $1 = record, $2 = jq expression.
fig() { jq -r "$2" "$1"; }
pct() { jq -r --arg r "$2" --arg p "$3" '.requests[$r][$p] // "-"' "$1"; }
row() { printf '%-36s %14s %14s %14s %14s\n' "$@"; }
tput_of() { jq -r --argjson d "$DURATION" '(.ledger.accepted / $d * 100 | round / 100)' "$1"; }

{
echo
echo "Scale-out: $SIMULATION, total $RATE msgs/s for $DURATION s, mix $MIX, engine $ENGINE, against one embedded GreenMail process"
row "" "single" "injector 1/2" "injector 2/2" "merged 1+2"
row "rate (msgs/s, this injector's share)" "$(fig "$SINGLE" '.parameters["mailharness.rate.share"]')" "$(fig "$I1" '.parameters["mailharness.rate.share"]')" "$(fig "$I2" '.parameters["mailharness.rate.share"]')" "$(fig "$MERGED" '.parameters["mailharness.rate.share"]')"
row "POP3 readers (this injector's share)" "$(fig "$SINGLE" '.parameters["mailharness.users.share"]')" "$(fig "$I1" '.parameters["mailharness.users.share"]')" "$(fig "$I2" '.parameters["mailharness.users.share"]')" "$(fig "$MERGED" '.parameters["mailharness.users.share"]')"
for k in sent accepted rejected retrieved intact corrupted duplicated lost; do
  row "ledger $k" "$(fig "$SINGLE" ".ledger.$k")" "$(fig "$I1" ".ledger.$k")" "$(fig "$I2" ".ledger.$k")" "$(fig "$MERGED" ".ledger.$k")"
done
row "throughput (accepted msgs/s)" "$(tput_of "$SINGLE")" "$(tput_of "$I1")" "$(tput_of "$I2")" "$(tput_of "$MERGED")"
for r in "SMTP end-of-data" "delivery latency"; do
  for p in p50 p95 p99; do
    row "$r $p (ms)" "$(pct "$SINGLE" "$r" $p)" "$(pct "$I1" "$r" $p)" "$(pct "$I2" "$r" $p)" "$(pct "$MERGED" "$r" $p)"
  done
done
row "KO requests" "$(fig "$SINGLE" '[.requests[].ko] | add')" "$(fig "$I1" '[.requests[].ko] | add')" "$(fig "$I2" '[.requests[].ko] | add')" "$(fig "$MERGED" '[.requests[].ko] | add')"
row "injector CPU avg (of all cores)" "$(fig "$SINGLE" '.injector.cpuAverage')" "$(fig "$I1" '.injector.cpuAverage')" "$(fig "$I2" '.injector.cpuAverage')" "$(fig "$MERGED" '.injector.cpuAverage')"
row "machine CPU avg (of all cores)" "$(fig "$SINGLE" '.injector.machineCpuAverage')" "$(fig "$I1" '.injector.machineCpuAverage')" "$(fig "$I2" '.injector.machineCpuAverage')" "$(fig "$MERGED" '.injector.machineCpuAverage')"

s1=$(fig "$I1" .ledger.sent); s2=$(fig "$I2" .ledger.sent); sm=$(fig "$MERGED" .ledger.sent)
t1=$(fig "$I1" '.messages | length'); t2=$(fig "$I2" '.messages | length'); tm=$(fig "$MERGED" '.messages | length')
echo
echo "Shares: injector sends $s1 + $s2 = $(( s1 + s2 )), merged sent $sm; traces $t1 + $t2, merged $tm distinct messages (a message seen by both injectors counts once)"
} | tee "$WORK/summary.txt"

echo
echo "== Compare (single injector as baseline, merged as current)"
status=0
./mailharness compare --out "$WORK/compare" "$SINGLE" "$MERGED" || status=$?
echo
echo "compare exit $status (0: within tolerances, 1: a regression). Records: $SINGLE, $I1, $I2, $MERGED"
