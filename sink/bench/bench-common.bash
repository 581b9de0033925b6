# Shared by the sink's benchmark scripts: the JDK, the sink module's classpath, a free port, and the bench sink
# process (BenchSink.java) with its "stats" requests. Sourced, not run.

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)
BENCH="$ROOT/sink/bench"

die() { echo "$(basename "$0"): $*" >&2; exit 2; }

JAVA_HOME=$("$ROOT/bin/find-jdk") || exit 2
JAVA="$JAVA_HOME/bin/java"
jdk_version=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$JAVA_HOME/release" 2>/dev/null || echo 21)
# Netty's leak detection off, as in every ./mailharness command (its sampling costs CPU per buffer);
# LEAK_DETECTION=paranoid (or simple, advanced) turns it on.
JVM_FLAGS=(-XX:+UseG1GC -Dio.netty.leakDetection.level="${LEAK_DETECTION:-disabled}")
# Netty loads its epoll library and reaches sun.misc.Unsafe: JDK 24+ warn about both unless allowed.
if [ "${jdk_version:-21}" -ge 24 ]; then JVM_FLAGS+=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow); fi

# Builds the sink module (and core) into their target folders; no install into the local Maven repository.
build_sink() {
  [ "${MAILHARNESS_SKIP_BUILD:-}" = 1 ] && return 0
  echo "== Building the sink module" >&2
  (cd "$ROOT" && MAVEN_OPTS="${MAVEN_OPTS:-} $([ "${jdk_version:-21}" -ge 24 ] && echo --sun-misc-unsafe-memory-access=allow)" \
    JAVA_HOME="$JAVA_HOME" mvn -B -q -Dstyle.color=never -pl sink -am package -DskipTests >&2) || die "the build failed"
}

sink_classpath() {
  [ -f "$ROOT/sink/target/runtime-classpath.txt" ] || die "the sink module is not built (run without MAILHARNESS_SKIP_BUILD=1)"
  printf '%s:%s' "$ROOT/sink/target/classes" "$(cat "$ROOT/sink/target/runtime-classpath.txt")"
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local port
  for _ in $(seq 1 50); do port=$(( 20000 + RANDOM % 30000 )); listening "$port" || { echo "$port"; return 0; }; done
  die "found no free port on 127.0.0.1"
}

# Starts BenchSink on port $1 with heap $2 and $3 event-loop threads (0: one per processor), its output in
# $WORK/sink.log; sets SINK_PID and SINK_TRANSPORT. Requests go in through a FIFO held open on descriptor 7.
SINK_PID=""
start_bench_sink() {
  local port=$1 heap=$2 threads=$3
  rm -f "$WORK/sink.fifo"; mkfifo "$WORK/sink.fifo"
  "$JAVA" "${JVM_FLAGS[@]}" -Xms"$heap" -Xmx"$heap" -cp "$(sink_classpath)" "$BENCH/BenchSink.java" "$port" "$threads" \
    <"$WORK/sink.fifo" >"$WORK/sink.log" 2>&1 &
  SINK_PID=$!
  exec 7>"$WORK/sink.fifo"
  for _ in $(seq 1 300); do grep -q '^listening' "$WORK/sink.log" 2>/dev/null && break; kill -0 "$SINK_PID" 2>/dev/null || break; sleep 0.1; done
  grep -q '^listening' "$WORK/sink.log" || { cat "$WORK/sink.log" >&2; die "the sink did not start"; }
  SINK_TRANSPORT=$(awk '/^listening/ {print $3; exit}' "$WORK/sink.log")
}

# Prints the sink's next stats line: counters, heap after a full GC, and (added here) resident memory.
sink_stats() {
  local before; before=$(grep -c '^stats' "$WORK/sink.log" || true)
  echo stats >&7
  for _ in $(seq 1 300); do
    [ "$(grep -c '^stats' "$WORK/sink.log" || true)" -gt "$before" ] && break
    sleep 0.1
  done
  echo "$(grep '^stats' "$WORK/sink.log" | tail -1 | cut -d' ' -f2-) rssMiB=$(rss_mib "$SINK_PID")"
}

# A process's resident memory in MiB.
rss_mib() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

stop_bench_sink() {
  [ -n "$SINK_PID" ] || return 0
  exec 7>&- 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$SINK_PID" 2>/dev/null || break; sleep 0.1; done
  kill "$SINK_PID" 2>/dev/null || true
  wait "$SINK_PID" 2>/dev/null || true
  SINK_PID=""
}

# One field of a stats line: stat_field "open=3 peak=5" peak -> 5
stat_field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }

# CPU seconds (user + system) a process has used so far.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }

# The kernel's count of connections dropped because a listen queue was full (this network namespace, all listeners).
listen_overflows() { awk '/^TcpExt:/ { if (!h) { for (i = 1; i <= NF; i++) n[$i] = i; h = 1 } else print $n["ListenOverflows"] }' /proc/net/netstat; }

machine() { echo "$(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), load average $(cut -d' ' -f1-3 /proc/loadavg)"; }
