#!/usr/bin/env bash
# Latency truth: does the injector report the server's latency and nothing else? A delay of DELAY_MS is put
# before every RCPT reply, exactly, on two servers: the Mailharness sink (`mailharness sink --delay rcpt=…`) and
# a real Postfix (its delayed-RCPT listener on 2530, whose recipient restrictions call a policy service,
# DelayPolicyService.java, that answers after DELAY_MS). SmtpConstantRate then sends RATE msgs/s for DURATION s,
# send-only, on each engine, and the run record's stage percentiles are printed: RCPT p50 and p95 should read
# DELAY_MS to DELAY_MS+5 ms, and every other stage should stay under 5 ms at p95. Where tcpdump is installed (and
# this runs as root), each run's SMTP traffic on the loopback is captured too, and the RCPT latency seen on the
# wire (from the RCPT command's packet to its reply's) is printed beside the injector's: what the server itself
# took, and how much more the injector read (its percentile minus the wire's).
#
# Usage: simulations/bench/latency-truth.sh
# Environment: RATE (30), DURATION (30 s), DELAY_MS (200), ENGINES ("netty blocking"), TARGETS ("sink postfix";
#              postfix needs `servers/mailharness-servers start postfix-dovecot` first), WIRE (auto: capture where
#              tcpdump can; 0: never), GATHER_MICROS (0: reply gathering on the netty runs, in µs of nap; 0 is off),
#              WORK (output folder).
set -euo pipefail

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
cd "$ROOT"
RATE=${RATE:-30}
DURATION=${DURATION:-30}
DELAY_MS=${DELAY_MS:-200}
ENGINES=${ENGINES:-netty blocking}
TARGETS=${TARGETS:-sink postfix}
WIRE=${WIRE:-auto}
GATHER_MICROS=${GATHER_MICROS:-0}
WORK=${WORK:-$ROOT/results/bench/latency-truth-$(date +%Y%m%d-%H%M%S)}
POSTFIX_PORT=2530
POLICY_PORT=2531

die() { echo "latency-truth: $*" >&2; exit 2; }
command -v jq >/dev/null || die "jq is needed to read the run records (apt-get install jq)"
JAVA_HOME=$("$ROOT/bin/find-jdk") || exit 2
export JAVA_HOME
mkdir -p "$WORK"
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

PIDS=()
CAPTURE_PID=""
cleanup() {
  for pid in $CAPTURE_PID "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
# Every helper process ends by itself too: the whole benchmark's length plus a margin.
MAX_SECONDS=$(( (DURATION + 90) * 2 * $(wc -w <<<"$ENGINES") + 120 ))

capturing=false
if [ "$WIRE" != 0 ] && command -v tcpdump >/dev/null && [ "$(id -u)" = 0 ]; then capturing=true; fi

# RCPT latency on the wire, in ms, from a capture of port $2: each RCPT command's packet to the next packet the
# server sends on that connection (one command at a time, so that is its reply). Prints "count p50 p95".
wire_rcpt() {
  tcpdump -r "$1" -nn -tt -A 2>/dev/null | awk -v port="$2" '
    /^[0-9]+\.[0-9]+ IP / {
      n = split($3, from, "."); src = from[n]; sub(":", "", $5); n = split($5, to, "."); dst = to[n]
      t = $1; payload = match($0, /length [1-9]/); fromServer = (src == port); client = fromServer ? dst : src
      if (fromServer && payload && (client in sent)) { printf "%.3f\n", (t - sent[client]) * 1000; delete sent[client] }
      inRcpt = (!fromServer && payload); next
    }
    inRcpt && /RCPT TO/ { sent[client] = t; inRcpt = 0 }' |
    sort -n | awk '{ v[NR] = $1 } END {
      if (NR == 0) { print 0, "-", "-"; exit }
      i50 = int(NR * 0.50); if (i50 < NR * 0.50) i50++; i95 = int(NR * 0.95); if (i95 < NR * 0.95) i95++
      print NR, v[i50 < 1 ? 1 : i50], v[i95 < 1 ? 1 : i95] }'
}

./mailharness help >/dev/null   # builds once, before anything is timed
declare -A SMTP_PORT
echo "targets {" >"$WORK/targets.conf"
for target in $TARGETS; do
  case "$target" in
    sink)
      ./mailharness sink --port 0 --delay rcpt="${DELAY_MS}ms" --max-seconds "$MAX_SECONDS" >"$WORK/sink.log" 2>&1 &
      PIDS+=($!)
      port=""
      for _ in $(seq 1 300); do
        port=$(grep -m 1 -o '127\.0\.0\.1:[0-9]*' "$WORK/sink.log" | cut -d: -f2 || true)
        [ -n "$port" ] && break; sleep 0.1
      done
      [ -n "$port" ] || die "the sink did not start (see $WORK/sink.log)"
      SMTP_PORT[sink]=$port
      echo "  sink { smtp { host = \"127.0.0.1\", port = $port }
         accounts = [ { address = \"sink@sink.test\", password = \"unused\", disposable = true } ] }" >>"$WORK/targets.conf" ;;
    postfix)
      listening "$POSTFIX_PORT" || die "no Postfix on 127.0.0.1:$POSTFIX_PORT: run servers/mailharness-servers start postfix-dovecot"
      listening "$POLICY_PORT" && die "port $POLICY_PORT is taken: the delay policy service needs it"
      "$JAVA_HOME/bin/java" "$ROOT/simulations/bench/DelayPolicyService.java" "$POLICY_PORT" "$DELAY_MS" "$MAX_SECONDS" \
        >"$WORK/policy.log" 2>&1 &
      PIDS+=($!)
      for _ in $(seq 1 300); do listening "$POLICY_PORT" && break; sleep 0.1; done
      listening "$POLICY_PORT" || die "the delay policy service did not start (see $WORK/policy.log)"
      SMTP_PORT[postfix]=$POSTFIX_PORT
      echo "  postfix { smtp { host = \"127.0.0.1\", port = $POSTFIX_PORT }
            accounts = [ { address = \"mh1@mh.test\", password = \"mh-pass-1\", disposable = true }
                         { address = \"mh2@mh.test\", password = \"mh-pass-2\", disposable = true } ] }" >>"$WORK/targets.conf" ;;
    *) die "unknown target '$target' (sink or postfix)" ;;
  esac
done
echo "}" >>"$WORK/targets.conf"

echo "SmtpConstantRate at $RATE msgs/s for $DURATION s, send-only, $DELAY_MS ms before each RCPT reply;" \
     "$(nproc) cores, load average now $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$GATHER_MICROS" = 0 ] || echo "Reply gathering on the netty runs: naps of $GATHER_MICROS µs (-Dmailharness.replyGatheringMicros)"
printf '%-8s %-9s %-22s %9s %9s %9s %9s\n' target engine stage count p50 p95 p99
verdicts=()
for target in $TARGETS; do
  for engine in $ENGINES; do
    out="$WORK/$target-$engine"
    status=0
    if $capturing; then
      tcpdump -i lo -nn -U -s 256 -w "$out.pcap" "tcp port ${SMTP_PORT[$target]}" >"$out.tcpdump.log" 2>&1 &
      CAPTURE_PID=$!
      for _ in $(seq 1 50); do grep -q listening "$out.tcpdump.log" 2>/dev/null && break; sleep 0.1; done
    fi
    gathering=()
    [ "$engine" = netty ] && [ "$GATHER_MICROS" != 0 ] && gathering=(-Dmailharness.replyGatheringMicros="$GATHER_MICROS")
    MAILHARNESS_RESULTS="$out" ./mailharness load SmtpConstantRate --target-file "$WORK/targets.conf" --target "$target" \
      -Dmailharness.rate="$RATE" -Dmailharness.duration="$DURATION" -Dmailharness.messageMix=fixed:1k \
      -Dmailharness.deliveryTracking=false -Dmailharness.engine="$engine" "${gathering[@]}" >"$out.log" 2>&1 || status=$?
    # a second for tcpdump to read the run's last packets from the kernel before it stops
    if [ -n "$CAPTURE_PID" ]; then sleep 1; kill -INT "$CAPTURE_PID" 2>/dev/null || true; wait "$CAPTURE_PID" 2>/dev/null || true; CAPTURE_PID=""; fi
    [ "$status" -le 1 ] || die "the $target/$engine run failed (exit $status), see $out.log"
    record=$(find "$out" -name run-record.json -print -quit)
    [ -n "$record" ] || die "no run record in $out"
    jq -r --arg t "$target" --arg e "$engine" '.requests | to_entries[] | select(.key | startswith("SMTP"))
        | [$t, $e, .key, .value.count, .value.p50, .value.p95, .value.p99] | @tsv' "$record" |
      while IFS=$'\t' read -r t e stage count p50 p95 p99; do
        printf '%-8s %-9s %-22s %9s %9s %9s %9s\n' "$t" "$e" "$stage" "$count" "$p50" "$p95" "$p99"
      done
    verdicts+=("$(jq -r --arg t "$target" --arg e "$engine" --argjson d "$DELAY_MS" '
        .requests as $r
        | ($r["SMTP RCPT"] // error("no SMTP RCPT stage")) as $rcpt
        | ([$r | to_entries[] | select(.key | startswith("SMTP")) | select(.key != "SMTP RCPT")] | max_by(.value.p95)) as $worst
        | "\($t)/\($e): RCPT p50 \($rcpt.p50) ms, p95 \($rcpt.p95) ms: "
          + (if $rcpt.p50 >= $d and $rcpt.p95 <= $d + 5 then "within" else "OUTSIDE" end) + " \($d)–\($d + 5) ms;"
          + " other stages p95 at most \($worst.value.p95) ms (\($worst.key)): "
          + (if $worst.value.p95 < 5 then "under" else "NOT under" end) + " 5 ms;"
          + " KO \([$r[] | .ko] | add)"' "$record")")
    if $capturing && [ ! -s "$out.pcap" ]; then
      verdicts+=("  $target/$engine on the wire: the capture failed (see $out.tcpdump.log)")
    elif $capturing; then
      read -r wire_count wire_p50 wire_p95 < <(wire_rcpt "$out.pcap" "${SMTP_PORT[$target]}")
      verdicts+=("$(jq -r --arg t "$target" --arg e "$engine" --arg n "$wire_count" --arg p50 "$wire_p50" --arg p95 "$wire_p95" '
          .requests["SMTP RCPT"] as $rcpt
          | if $n == "0" then "  \($t)/\($e) on the wire: no RCPT found in the capture"
            else "  \($t)/\($e) on the wire: \($n) RCPT, the server replied in p50 \($p50) ms, p95 \($p95) ms;"
              + " the injector read \(($rcpt.p50 - ($p50 | tonumber)) * 1000 | round / 1000) ms more at p50,"
              + " \(($rcpt.p95 - ($p95 | tonumber)) * 1000 | round / 1000) ms more at p95" end' "$record")")
    fi
  done
done
printf '%s\n' "${verdicts[@]}"
echo "Records and logs: $WORK"
