# shellcheck shell=bash
# Shared driver body for inetd-style POP3 servers (popa3d, solid-pop3d) run under socat in
# a private namespace: system users mh1..mhN exist only there, and $S/spool (filled as mbox
# by the postfix-dovecot Postfix for DOMAIN) is bind-mounted over /var/mail.
# The driver sets NAME PKG PORTS DOMAIN INETD_CMD (command line socat EXECs per connection).
S=$MH_STATE/$NAME

do_install() {
    ns_installed "$NAME" || ns_apt_install "$NAME" "$PKG" socat || return 1
    ns_add_users "$NAME"
}

do_start() {
    ns_installed "$NAME" || die "not installed: run install $NAME"
    ns_running "$NAME" && { log "already running"; return 0; }
    require_free_ports "${PORTS[@]}"
    mkdir -p "$S/spool" "$S/log"
    chmod 1777 "$S/spool"
    ns_add_users "$NAME"   # users added to the account list since install
    prepare_maildrops "$S/spool" mbox
    # shellcheck disable=SC2016 # expanded inside the namespace
    ns_start "$NAME" '
        mount --bind "$1" /var/mail
        setsid -f socat "TCP-LISTEN:$2,bind=127.0.0.1,fork,reuseaddr,backlog=128" "EXEC:$3,nofork"' \
        "$S/spool" "${PORTS[0]}" "$INETD_CMD" || die "socat did not start (see $S/log/start.log)"
    wait_greeting "${PORTS[0]}" +OK || exit 1
    note_needs 2525 "mail for this target arrives through Postfix"
    log "running: pop3 127.0.0.1:${PORTS[0]} (send via Postfix 2525 to mhN@$DOMAIN)"
}

do_stop() { ns_do_stop; }
do_status() { ns_do_status; }
do_version() { ns_do_version; }
