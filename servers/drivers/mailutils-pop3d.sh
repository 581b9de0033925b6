# shellcheck shell=bash
# GNU Mailutils pop3d POP3 2113 (STLS offered) in its own mount namespace; mailboxes: mbox
# /var/mail/mhN (ns view of $S/spool), filled by the postfix-dovecot Postfix for
# mhN@mailutils.mh.test.
NAME=mailutils-pop3d
PKG=mailutils-pop3d
PORTS=(2113)
S=$MH_STATE/mailutils-pop3d

do_install() {
    ns_installed "$NAME" || ns_apt_install "$NAME" "$PKG" || return 1
    ns_add_users "$NAME"
    ensure_tls_cert
}

do_start() {
    ns_installed "$NAME" || die "not installed: run install $NAME"
    ns_running "$NAME" && { log "already running"; return 0; }
    require_free_ports "${PORTS[@]}"
    ensure_tls_cert
    mkdir -p "$S/spool" "$S/log"
    chmod 1777 "$S/spool"
    ns_add_users "$NAME"   # users added to the account list since install
    prepare_maildrops "$S/spool" mbox
    # Mailutils refuses keys that others could read: private copies, mode 600.
    install -m 600 "$MH_TLS/key.pem" "$S/key.pem"
    install -m 644 "$MH_TLS/cert.pem" "$S/cert.pem"
    render "$MH_SERVERS_DIR/mailutils/pop3d.conf.in" "$S/pop3d.conf"
    # shellcheck disable=SC2016 # expanded inside the namespace
    ns_start "$NAME" '
        mount --bind "$1/spool" /var/mail
        pop3d --config-file="$1/pop3d.conf"' "$S" || die "pop3d did not start (see $S/log/start.log)"
    wait_greeting 2113 +OK || exit 1
    note_needs 2525 "mail for this target arrives through Postfix"
    log "running: pop3 127.0.0.1:2113 (send via Postfix 2525 to mhN@mailutils.mh.test)"
}

do_stop() { ns_do_stop; }
do_status() { ns_do_status; }
do_version() { ns_do_version; }
