# shellcheck shell=bash
# Cyrus pop3d POP3 2111 (STLS offered) in its own mount namespace. Postfix on 2525 delivers
# mhN@cyrus.mh.test over LMTP to $S/run/lmtp; users live in a private sasldb.
NAME=cyrus
# shellcheck disable=SC2034 # read by ns_do_version
PKG=cyrus-pop3d
PORTS=(2111)
S=$MH_STATE/cyrus

do_install() {
    ns_installed "$NAME" || ns_apt_install "$NAME" cyrus-pop3d cyrus-common sasl2-bin || return 1
    ensure_tls_cert
}

do_start() {
    ns_installed "$NAME" || die "not installed: run install $NAME"
    ns_running "$NAME" && { log "already running"; return 0; }
    require_free_ports "${PORTS[@]}"
    ensure_tls_cert
    mkdir -p "$S/lib" "$S/spool" "$S/proc" "$S/lock" "$S/run" "$S/log"
    render "$MH_SERVERS_DIR/cyrus/imapd.conf.in" "$S/imapd.conf"
    render "$MH_SERVERS_DIR/cyrus/cyrus.conf.in" "$S/cyrus.conf"
    install -m 600 "$MH_TLS/key.pem" "$S/key.pem"
    install -m 644 "$MH_TLS/cert.pem" "$S/cert.pem"
    rm -f "$S/run/lmtp"
    # shellcheck disable=SC2016 # expanded inside the namespace
    ns_start "$NAME" '
        S=$1
        for n in $(seq 1 "$2"); do
            echo "mh-pass-$n" | saslpasswd2 -p -c -f "$S/sasldb2" -u mail.mh.test "mh$n"
        done
        chown -R cyrus:mail "$S"
        chmod 755 "$S" "$S/run"
        /usr/lib/cyrus/bin/master -C "$S/imapd.conf" -M "$S/cyrus.conf" -p "$S/master.pid" -d' "$S" "$MH_ACCOUNTS" ||
        die "cyrus master did not start (see $S/log/start.log)"
    wait_greeting 2111 +OK || exit 1
    # Create each INBOX by logging in once: Cyrus' create-on-first-LMTP-delivery answers
    # "451 Mailbox already exists" to that first message (Postfix would retry only minutes later).
    for n in $(mh_account_numbers); do
        pop3_login 2111 "mh$n" "mh-pass-$n" || die "POP3 login as mh$n failed on 127.0.0.1:2111"
    done
    note_needs 2525 "mail for this target arrives through Postfix"
    log "running: pop3 127.0.0.1:2111 (send via Postfix 2525 to mhN@cyrus.mh.test)"
}

do_stop() { ns_do_stop; }
do_status() { ns_do_status; }
do_version() { ns_do_version; }
