# ./mailharness compare-servers [--provision] [--no-greenmail] [--targets A,B,..] [TARGET_FILE] [SIMULATION] [-Dk=v...]
# (sourced by the launcher). Uses the launcher's ROOT, RESULTS, JAVA, die, build, classpath, split_args,
# run_conformance, run_load.
# For every target in TARGET_FILE (default servers/targets.conf) and, first, the embedded GreenMail
# (column "embedded-greenmail"; --no-greenmail or MAILHARNESS_COMPARE_GREENMAIL=0 leaves it out): its
# server's version, the conformance suite (report only), and SIMULATION (default MailDay) with the same
# -D parameters (default -Dmailharness.duration=20 -Dmailharness.rate=2 when none is given); then one
# matrix page and one load page. A target whose run produced no result becomes an "unavailable" column
# with the last line its run printed; the comparison goes on. MAILHARNESS_COMPARE=conformance|load runs
# one half. Targets named *-tls / *-stls (transport variants of another target) are left out unless
# --targets (or MAILHARNESS_COMPARE_TARGETS, comma-separated) names them.
# --provision (or MAILHARNESS_COMPARE_PROVISION=1): servers/mailharness-servers install all + start all
# first, and stop afterwards (also on error or Ctrl-C) every server that was not running before.

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

GREENMAIL_COLUMN=embedded-greenmail

# The servers --provision started (not the ones already running), stopped again on exit.
COMPARE_STARTED=()
compare_stop_started() {
  ((${#COMPARE_STARTED[@]})) || return 0
  echo "== stopping the servers compare-servers started: ${COMPARE_STARTED[*]}" >&2
  "$ROOT/servers/mailharness-servers" stop "${COMPARE_STARTED[@]}" || true
  COMPARE_STARTED=()
}

compare_provision() {
  local ms="$ROOT/servers/mailharness-servers" all=() n before=()
  # The server names, in start order, from the command's own usage line.
  read -r -a all < <("$ms" 2>&1 | sed -n 's/.*(NAME: \(.*\) | all).*/\1/p')
  [ "${#all[@]}" -gt 0 ] || die "cannot list the servers of $ms"
  echo "== provisioning: installing ${all[*]} (already installed ones are skipped)" >&2
  "$ms" install all || echo "compare-servers: some servers did not install; their columns will be unavailable" >&2
  for n in "${all[@]}"; do "$ms" status "$n" >/dev/null 2>&1 && before+=("$n"); done
  for n in "${all[@]}"; do
    case " ${before[*]-} " in *" $n "*) ;; *) COMPARE_STARTED+=("$n") ;; esac
  done
  trap 'compare_stop_started' EXIT
  trap 'compare_stop_started; exit 130' INT TERM
  echo "== provisioning: starting ${COMPARE_STARTED[*]:-nothing (all running)}" >&2
  ((${#COMPARE_STARTED[@]} == 0)) || "$ms" start "${COMPARE_STARTED[@]}" ||
    echo "compare-servers: some servers did not start; their columns will be unavailable" >&2
}

run_compare_servers() {
  local t0=$SECONDS
  split_args "$@"
  # run_conformance and run_load call split_args again, which resets JVM_PROPS and ARGS: keep copies.
  local props=(${JVM_PROPS[@]+"${JVM_PROPS[@]}"}) positional=() a
  local provision="${MAILHARNESS_COMPARE_PROVISION:-0}" greenmail="${MAILHARNESS_COMPARE_GREENMAIL:-1}"
  local only="${MAILHARNESS_COMPARE_TARGETS:-}" expect_targets=0
  for a in ${ARGS[@]+"${ARGS[@]}"}; do
    if [ "$expect_targets" = 1 ]; then only=$a; expect_targets=0; continue; fi
    case "$a" in
      --provision) provision=1 ;;
      --no-greenmail) greenmail=0 ;;
      --targets) expect_targets=1 ;;
      --targets=*) only=${a#--targets=} ;;
      -*) die "compare-servers: unknown option '$a' (options: --provision, --no-greenmail, --targets A,B,..)" ;;
      *) positional+=("$a") ;;
    esac
  done
  [ "$expect_targets" = 0 ] || die "compare-servers: --targets needs a comma-separated list of target names"
  # Short and gentle by default, so a dozen servers (some slow, some locking maildrops) fit in minutes.
  case " ${props[*]-} " in *" -Dmailharness.duration="*) ;; *) props+=(-Dmailharness.duration=20) ;; esac
  case " ${props[*]-} " in *" -Dmailharness.rate="*) ;; *) props+=(-Dmailharness.rate=2) ;; esac
  local file="${positional[0]:-$ROOT/servers/targets.conf}" simulation="${positional[1]:-MailDay}"
  local which="${MAILHARNESS_COMPARE:-all}"
  [ -f "$file" ] || die "target file $file not found"
  local out; out="$RESULTS/compare/$(date -u +%Y%m%dT%H%M%SZ)"
  mkdir -p "$out/conformance" "$out/load"
  local reports_cp; reports_cp=$(classpath pages)
  local all_targets=() targets=() name
  mapfile -t all_targets < <("$JAVA" -cp "$reports_cp" io.mailharness.pages.TargetNamesMain "$file") || true
  [ "${#all_targets[@]}" -gt 0 ] || die "no target in $file (or it is invalid: check it with ./mailharness conformance --target-file $file)"
  # Columns in the order the file lists the targets (the loader's map has none).
  local in_file=() ordered=()
  mapfile -t in_file < <(sed -n 's/^[[:space:]]*\([A-Za-z0-9_.-]*\)[[:space:]]*{.*/\1/p' "$file")
  for name in ${in_file[@]+"${in_file[@]}"} "${all_targets[@]}"; do
    [ -n "$name" ] || continue
    case " ${all_targets[*]} " in *" $name "*) ;; *) continue ;; esac
    case " ${ordered[*]-} " in *" $name "*) ;; *) ordered+=("$name") ;; esac
  done
  all_targets=("${ordered[@]}")
  if [ -n "$only" ]; then
    local wanted=()
    IFS=, read -r -a wanted <<<"$only"
    for name in "${wanted[@]}"; do
      [ "$name" = "$GREENMAIL_COLUMN" ] && continue
      case " ${all_targets[*]} " in *" $name "*) targets+=("$name") ;; *) die "compare-servers: no target '$name' in $file" ;; esac
    done
    # Named explicitly: GreenMail only if listed too.
    case ",$only," in *",$GREENMAIL_COLUMN,"*) ;; *) greenmail=0 ;; esac
  else
    for name in "${all_targets[@]}"; do
      case "$name" in *-tls|*-stls) ;; *) targets+=("$name") ;; esac
    done
  fi
  [ "$provision" = 1 ] && compare_provision

  local columns=() versions="$out/versions.txt" conformance_inputs=() load_inputs=() version
  if [ "$greenmail" != 0 ]; then
    columns+=("$GREENMAIL_COLUMN")
    local gm_version; gm_version=$(sed -n 's:.*<greenmail.version>\(.*\)</greenmail.version>.*:\1:p' "$ROOT/pom.xml" | head -1)
    printf '%s=GreenMail %s (embedded, in-process)\n' "$GREENMAIL_COLUMN" "${gm_version:-?}" >"$versions"
  else
    : >"$versions"
  fi
  columns+=(${targets[@]+"${targets[@]}"})
  echo "== compare-servers: ${#columns[@]} columns (${columns[*]}), simulation $simulation ${props[*]}" >&2
  for name in "${columns[@]}"; do
    # The embedded GreenMail is what every command uses without a target file: no target settings at all.
    local target_args=() load_args=() clear_target=
    if [ "$name" = "$GREENMAIL_COLUMN" ]; then
      clear_target=1
    else
      target_args=(--target-file "$file" --target "$name")
      load_args=("-Dmailharness.target.file=$file" "-Dmailharness.target=$name")
      if version=$(server_version "$name"); then printf '%s=%s\n' "$name" "$version" >>"$versions"; fi
    fi

    if [ "$which" != load ]; then
      echo "== [$name] conformance suite ($((SECONDS - t0)) s)" >&2
      ( [ -z "$clear_target" ] || unset MAILHARNESS_TARGET_FILE MAILHARNESS_TARGET
        run_conformance --report-only ${target_args[@]+"${target_args[@]}"} --out "$out/conformance/$name" ) \
        >"$out/conformance/$name.log" 2>&1 || true
      if [ -f "$out/conformance/$name/conformance-result.json" ]; then
        conformance_inputs+=("$name=$out/conformance/$name")
      else
        conformance_inputs+=(--unavailable "$name=$(last_line "$out/conformance/$name.log")")
      fi
    fi

    if [ "$which" != conformance ]; then
      echo "== [$name] load: $simulation ($((SECONDS - t0)) s)" >&2
      ( [ -z "$clear_target" ] || unset MAILHARNESS_TARGET_FILE MAILHARNESS_TARGET
        RESULTS="$out/load/$name" run_load "$simulation" ${load_args[@]+"${load_args[@]}"} ${props[@]+"${props[@]}"} ) \
        >"$out/load/$name.log" 2>&1 || true
      # LoadComparisonMain takes a results folder and reads its newest run record.
      if compgen -G "$out/load/$name/load/*/run-record.json" >/dev/null; then
        load_inputs+=("$name=$out/load/$name/load")
      else
        load_inputs+=(--unavailable "$name=$(last_line "$out/load/$name.log")")
      fi
    fi
  done
  compare_stop_started

  local status=0
  if [ "$which" != load ]; then
    "$JAVA" -cp "$reports_cp" io.mailharness.pages.ConformanceMatrixMain --out "$out" --versions "$versions" \
      --title "Conformance matrix ($(basename "$file"))" "${conformance_inputs[@]}" || status=$?
  fi
  if [ "$which" != conformance ]; then
    "$JAVA" -cp "$reports_cp" io.mailharness.pages.LoadComparisonMain --out "$out" --versions "$versions" \
      --title "Load comparison: $simulation" "${load_inputs[@]}" || status=$?
  fi
  echo "compare-servers: ${#columns[@]} columns in $(( (SECONDS - t0) / 60 )) min $(( (SECONDS - t0) % 60 )) s; pages in $out" >&2
  return "$status"
}
