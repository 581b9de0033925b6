# shellcheck shell=bash
# Postfix (SMTP 2525, submission 2587, delayed-RCPT benchmark listener 2530) + Dovecot (POP3 2110, POP3S 2995), installed for
# real from Debian packages but run only from private configs under $MH_STATE/postfix-dovecot.

# shellcheck disable=SC2153 # MH_STATE comes from lib/common.sh
S=$MH_STATE/postfix-dovecot
PF_CONF=$S/postfix
PF_QUEUE=$S/postfix-queue
PF_DATA=$S/postfix-data
# shellcheck disable=SC2034 # used by templates (render)
PF_LOG=$S/log/postfix.log
DC_CONF=$S/dovecot
DC_RUN=$S/dovecot-run
DC_STATE=$S/dovecot-state
DC_LOG=$S/log/dovecot.log
# shellcheck disable=SC2034 # used by templates (render)
TLS_CERT=$MH_TLS/cert.pem
# shellcheck disable=SC2034 # used by templates (render)
TLS_KEY=$MH_TLS/key.pem
PORTS=(2525 2587 2530 2110 2995)
# The relay domain of SMTP-SMUG-OUT and the port its next hop (the harness's sink, started by the check, not
# here) listens on; servers/targets.conf names the same pair in postfix-dovecot's relay section.
MH_RELAY_DOMAIN=relay.mailharness.test
MH_RELAY_PORT=2626
PACKAGES=(postfix dovecot-core dovecot-pop3d openssl)

# POP3-only servers whose maildrops this Postfix fills: domain, folder, mailbox path
# (relative to folder; trailing / = Maildir), uid base (uid = base + n; 0 = shared $MH_VUID).
MAILDROPS=(
    "mh.test postfix-dovecot mail/%u/Maildir/ 0"
    "popa3d.mh.test popa3d spool/%u 5000"
    "solid.mh.test solid-pop3d spool/%u 5000"
    "mailutils.mh.test mailutils-pop3d spool/%u 5000"
    "courier.mh.test courier-pop mail/%u/Maildir/ 5000"
    "cyrus.mh.test cyrus - 0"
)

# Master pid: only a process started with exactly our config counts (a pid file can be
# stale or gone, e.g. after a reboot or when the state folder was removed).
pf_master_pid() { pid_by_cmdline "master -c $PF_CONF "; }
dc_master_pid() { pid_by_cmdline "dovecot -c $DC_CONF/dovecot.conf "; }

do_install() {
    local sys_pf=0 sys_dc=0
    # Remember whether the machine's own daemons already ran, so we stop only what we started.
    [[ -s /var/spool/postfix/pid/master.pid ]] && pid_alive "$(tr -dc '0-9' </var/spool/postfix/pid/master.pid)" && sys_pf=1
    [[ -s /run/dovecot/master.pid ]] && pid_alive "$(tr -dc '0-9' </run/dovecot/master.pid)" && sys_dc=1
    if ! dpkg-query -W -f='${Status}' postfix 2>/dev/null | grep -q 'ok installed'; then
        # Leave the system Postfix unconfigured: only our private instance ever runs.
        echo 'postfix postfix/main_mailer_type select No configuration' | debconf-set-selections
    fi
    apt_install_host "${PACKAGES[@]}" || return 1
    if ((!sys_pf)) && [[ -s /var/spool/postfix/pid/master.pid ]]; then
        postfix stop >/dev/null 2>&1 || true
    fi
    if ((!sys_dc)) && [[ -s /run/dovecot/master.pid ]]; then
        kill_pids "$(tr -dc '0-9' </run/dovecot/master.pid)"
    fi
    ensure_tls_cert
    log "installed postfix $(pkg_version postfix), dovecot $(pkg_version dovecot-core)"
}

configure() {
    local u n line dom dir path base uid
    mkdir -p "$PF_CONF" "$PF_QUEUE" "$PF_DATA" "$DC_CONF" "$DC_RUN" "$DC_STATE" "$S/log" "$S/mail"
    ensure_tls_cert
    chgrp dovecot "$MH_TLS/key.pem" 2>/dev/null || true
    render "$MH_SERVERS_DIR/postfix/main.cf.in" "$PF_CONF/main.cf"
    render "$MH_SERVERS_DIR/postfix/master.cf.in" "$PF_CONF/master.cf"
    render "$MH_SERVERS_DIR/dovecot/dovecot.conf.in" "$DC_CONF/dovecot.conf"
    : >"$PF_CONF/vmailbox.tmp"
    : >"$PF_CONF/vuid.tmp"
    : >"$PF_CONF/transport.tmp"
    : >"$PF_CONF/valias.tmp"
    for line in "${MAILDROPS[@]}"; do
        read -r dom dir path base <<<"$line"
        if [[ $path == - ]]; then
            # Delivered over LMTP to the server itself; mailbox path unused.
            printf '%s lmtp:unix:%s/%s/run/lmtp\n' "$dom" "$MH_STATE" "$dir" >>"$PF_CONF/transport.tmp"
            path=unused/%u
        else
            mkdir -p "$MH_STATE/$dir/${path%%/*}"
        fi
        printf 'postmaster@%s mh1@%s\n' "$dom" "$dom" >>"$PF_CONF/valias.tmp"
        for n in $(mh_account_numbers); do
            u=mh$n
            if ((base)); then uid=$((base + n)); else uid=$MH_VUID; fi
            printf '%s@%s %s/%s\n' "$u" "$dom" "$dir" "${path//%u/$u}" >>"$PF_CONF/vmailbox.tmp"
            printf '%s@%s %s\n' "$u" "$dom" "$uid" >>"$PF_CONF/vuid.tmp"
        done
        # Mailbox parents: per-user subfolders are made by Postfix as the mailbox owner;
        # mbox spools need a sticky world-writable folder for dot-locks.
        if ((base)); then chmod 1777 "$MH_STATE/$dir/${path%%/*}"; else chown "$MH_VUID:$MH_VUID" "$MH_STATE/$dir/${path%%/*}" 2>/dev/null || true; fi
    done
    printf '%s smtp:[127.0.0.1]:%s\n' "$MH_RELAY_DOMAIN" "$MH_RELAY_PORT" >>"$PF_CONF/transport.tmp"
    mv "$PF_CONF/vmailbox.tmp" "$PF_CONF/vmailbox"
    mv "$PF_CONF/vuid.tmp" "$PF_CONF/vuid"
    mv "$PF_CONF/transport.tmp" "$PF_CONF/transport"
    printf 'postmaster@mail.mh.test mh1@mh.test\n' >>"$PF_CONF/valias.tmp"
    mv "$PF_CONF/valias.tmp" "$PF_CONF/valias"
    : >"$DC_CONF/users.tmp"
    for n in $(mh_account_numbers); do
        printf 'mh%s:{PLAIN}mh-pass-%s:%s:%s::%s/mail/mh%s\n' "$n" "$n" "$MH_VUID" "$MH_VUID" "$S" "$n" >>"$DC_CONF/users.tmp"
    done
    mv "$DC_CONF/users.tmp" "$DC_CONF/users"
    chmod 640 "$DC_CONF/users"
    chgrp dovecot "$DC_CONF/users"
    # Queue sub-folders with Postfix's ownership; only missing ones are created.
    [[ -d $PF_QUEUE/maildrop ]] || postfix -c "$PF_CONF" post-install create-missing >>"$S/log/postfix-start.log" 2>&1
    chown postfix "$PF_DATA"
}

do_start() {
    if ! command -v postfix >/dev/null || ! command -v dovecot >/dev/null; then
        die "not installed: run install postfix-dovecot"
    fi
    if pf_master_pid >/dev/null && dc_master_pid >/dev/null; then
        log "already running"
        return 0
    fi
    do_stop >/dev/null 2>&1 || true
    require_free_ports "${PORTS[@]}"
    # A half-started pair is stopped again, so a failed start leaves nothing behind.
    trap 'do_stop >/dev/null 2>&1' EXIT
    configure
    # Dovecot first: Postfix needs its SASL socket.
    # Daemons must not inherit our stdout/stderr (a caller's pipe would never close).
    dovecot -c "$DC_CONF/dovecot.conf" </dev/null >>"$S/log/dovecot-start.log" 2>&1 || die "dovecot did not start (see $DC_LOG)"
    # master -w is what "postfix start" ends with, minus seconds of file checks.
    "$(postconf -c "$PF_CONF" -h daemon_directory)/master" -c "$PF_CONF" -w </dev/null >>"$S/log/postfix-start.log" 2>&1 ||
        die "postfix master did not start; details: postfix -c $PF_CONF start"
    wait_greeting 2525 220 || exit 1
    wait_greeting 2587 220 || exit 1
    wait_greeting 2110 +OK || exit 1
    wait_greeting 2995 +OK tls || exit 1
    trap - EXIT
    log "running: smtp 127.0.0.1:2525, submission :2587, pop3 :2110, pop3s :2995 ($MH_RELAY_DOMAIN relayed to 127.0.0.1:$MH_RELAY_PORT)"
}

do_stop() {
    local p
    local -a pids=()
    p=$(pf_master_pid) && pids+=("$p")
    p=$(dc_master_pid) && pids+=("$p")
    # TERM is each master's own "stop"; both shut down in parallel.
    kill_pids "${pids[@]}"
    # Children of a master may linger briefly; wait (bounded) for the ports to close.
    local deadline=$((SECONDS + 10))
    while ((SECONDS < deadline)); do
        for p in "${PORTS[@]}"; do port_busy "$p" && { sleep 0.2; continue 2; }; done
        break
    done
    log "stopped"
}

do_status() {
    local ok=1 p
    pf_master_pid >/dev/null || ok=0
    dc_master_pid >/dev/null || ok=0
    for p in "${PORTS[@]}"; do port_busy "$p" || ok=0; done
    if ((ok)); then echo "postfix-dovecot: running (2525 2587 2110 2995)"; else echo "postfix-dovecot: stopped"; return 1; fi
}

do_version() {
    local a b
    a=$(pkg_version postfix) b=$(pkg_version dovecot-core)
    [[ -n $a && -n $b ]] || { echo "postfix-dovecot: not installed"; return 1; }
    echo "postfix-dovecot: postfix $a, dovecot-pop3d $(pkg_version dovecot-pop3d) ($(dovecot --version 2>/dev/null))"
}
