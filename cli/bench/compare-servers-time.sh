#!/usr/bin/env bash
# How long one `mailharness compare-servers` takes, in seconds, and each of its runs.
# Usage: cli/bench/compare-servers-time.sh [compare-servers options...]
#   e.g. cli/bench/compare-servers-time.sh --only conformance --parallel 3
#   (the servers must be running already; add --provision to start them, which is then part of the time)
# Prints the load average before and after, the wall time, each run's wall time from the run-times.txt the
# comparison wrote, and their sum (runs side by side slow each other down: time --parallel 1 for the one-by-one figure).
# KEEP=1 keeps the results folder (its path is printed); otherwise it is removed.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
[ "${KEEP:-}" = 1 ] || trap 'rm -rf "$WORK"' EXIT

echo "building when needed…" >&2
"$ROOT/mailharness" --version > "$WORK/build.log" 2>&1 || { tail -20 "$WORK/build.log" >&2; echo "compare-servers-time: the build failed" >&2; exit 1; }

echo "before: $(uptime)"
start=$(date +%s%N)
status=0
MAILHARNESS_SKIP_BUILD=1 "$ROOT/mailharness" compare-servers --out "$WORK/out" "$@" > "$WORK/compare.log" 2>&1 || status=$?
end=$(date +%s%N)
echo "after:  $(uptime)"
if [ "$status" -ne 0 ]; then tail -20 "$WORK/compare.log" >&2; echo "compare-servers-time: compare-servers exited $status" >&2; exit 1; fi

grep -E '^== conformance: ' "$WORK/compare.log" || true
awk '{ printf "  %-12s %-22s %7.1f s\n", $1, $2, $3 }' "$WORK/out/run-times.txt"
awk '$1 == "conformance" { sum += $3; n++ } END { if (n) printf "conformance runs: %d, %.1f s added up\n", n, sum }' "$WORK/out/run-times.txt"
grep -h 'unavailable' "$WORK/compare.log" | sed 's/^/  /' || true
awk -v ns=$((end - start)) 'BEGIN { printf "wall time: %.1f s\n", ns / 1e9 }'
[ "${KEEP:-}" = 1 ] && echo "results: $WORK/out"
exit 0
