# ./mailharness compare-servers [TARGET_FILE] [SIMULATION] [-Dk=v...] (sourced by the launcher).
# Uses the launcher's ROOT, RESULTS, JAVA, die, build, classpath, split_args, run_conformance, run_load.
# For every target in TARGET_FILE (default servers/targets.conf): its server's version, the conformance
# suite (report only), and SIMULATION (default MailDay) with the same -D parameters; then one matrix page
# and one load page. A target whose run produced no result becomes an "unavailable" column with the
# last line its run printed; the comparison goes on. MAILHARNESS_COMPARE=conformance|load runs one half.

# The last non-empty line of a log, at most 200 characters: the reason shown for an unavailable server.
last_line() { grep -v '^[[:space:]]*$' "$1" 2>/dev/null | tail -1 | cut -c1-200; }

# The version of the server behind a target: `mailharness-servers version` knows servers, not targets, so
# try the target's name, then shorter dash-prefixes (postfix-dovecot-tls -> postfix-dovecot).
server_version() {
  local name=$1 line
  while [ -n "$name" ]; do
    if line=$("$ROOT/servers/mailharness-servers" version "$name" 2>/dev/null); then
      printf '%s\n' "${line#*: }"; return 0
    fi
    case "$name" in *-*) name=${name%-*} ;; *) return 1 ;; esac
  done
  return 1
}

run_compare_servers() {
  split_args "$@"
  # run_conformance and run_load call split_args again, which resets JVM_PROPS and ARGS: keep copies.
  local props=(${JVM_PROPS[@]+"${JVM_PROPS[@]}"})
  local file="${ARGS[0]:-$ROOT/servers/targets.conf}" simulation="${ARGS[1]:-MailDay}"
  local which="${MAILHARNESS_COMPARE:-all}"
  [ -f "$file" ] || die "target file $file not found"
  local out; out="$RESULTS/compare/$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$out/conformance" "$out/load"
  local reports_cp; reports_cp=$(classpath reports)
  local targets=()
  mapfile -t targets < <("$JAVA" -cp "$reports_cp" io.mailharness.reports.vendors.TargetNamesMain "$file") || true
  [ "${#targets[@]}" -gt 0 ] || die "no target in $file (or it is invalid: check it with ./mailharness conformance --target-file $file)"

  local versions="$out/versions.txt" conformance_inputs=() load_inputs=() name version
  : >"$versions"
  for name in "${targets[@]}"; do
    if version=$(server_version "$name"); then printf '%s=%s\n' "$name" "$version" >>"$versions"; fi

    if [ "$which" != load ]; then
      echo "== [$name] conformance suite" >&2
      run_conformance --report-only --target-file "$file" --target "$name" --out "$out/conformance/$name" \
        >"$out/conformance/$name.log" 2>&1 || true
      if [ -f "$out/conformance/$name/conformance-result.json" ]; then
        conformance_inputs+=("$name=$out/conformance/$name")
      else
        conformance_inputs+=(--unavailable "$name=$(last_line "$out/conformance/$name.log")")
      fi
    fi

    if [ "$which" != conformance ]; then
      echo "== [$name] load: $simulation" >&2
      RESULTS="$out/load/$name" run_load "$simulation" "-Dmailharness.target.file=$file" "-Dmailharness.target=$name" \
        ${props[@]+"${props[@]}"} >"$out/load/$name.log" 2>&1 || true
      # LoadComparisonMain takes a results folder and reads its newest run record.
      if compgen -G "$out/load/$name/load/*/run-record.json" >/dev/null; then
        load_inputs+=("$name=$out/load/$name/load")
      else
        load_inputs+=(--unavailable "$name=$(last_line "$out/load/$name.log")")
      fi
    fi
  done

  local status=0
  if [ "$which" != load ]; then
    "$JAVA" -cp "$reports_cp" io.mailharness.reports.vendors.ConformanceMatrixMain --out "$out" --versions "$versions" \
      --title "Conformance matrix ($(basename "$file"))" "${conformance_inputs[@]}" || status=$?
  fi
  if [ "$which" != conformance ]; then
    "$JAVA" -cp "$reports_cp" io.mailharness.reports.vendors.LoadComparisonMain --out "$out" --versions "$versions" \
      --title "Load comparison: $simulation" "${load_inputs[@]}" || status=$?
  fi
  return "$status"
}
