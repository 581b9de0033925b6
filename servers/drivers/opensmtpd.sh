# shellcheck shell=bash
# OpenSMTPD SMTP 2527 (plain only) in its own mount namespace; delivers into the
# Dovecot Maildirs, so read back with the postfix-dovecot POP3 side (2110).
NAME=opensmtpd
PKG=opensmtpd
PORTS=(2527)
S=$MH_STATE/opensmtpd
# shellcheck disable=SC2034 # used by templates (render)
MAILDIRS=$MH_STATE/postfix-dovecot/mail

do_install() {
    ns_installed "$NAME" || ns_apt_install "$NAME" "$PKG" || return 1
}

do_start() {
    local n
    ns_installed "$NAME" || die "not installed: run install $NAME"
    ns_running "$NAME" && { log "already running"; return 0; }
    require_free_ports "${PORTS[@]}"
    mkdir -p "$S/log" "$MAILDIRS"
    chown "$MH_VUID:$MH_VUID" "$MAILDIRS"
    render "$MH_SERVERS_DIR/opensmtpd/smtpd.conf.in" "$S/smtpd.conf"
    : >"$S/virtuals"
    : >"$S/users"
    for n in $(mh_account_numbers); do
        echo "mh$n@mh.test mh$n" >>"$S/virtuals"
        echo "mh$n $MH_VUID:$MH_VUID:$MAILDIRS/mh$n" >>"$S/users"
    done
    # RFC 5321 §4.5.1: every domain accepts postmaster.
    echo "postmaster@mh.test mh1" >>"$S/virtuals"
    echo "postmaster@mail.mh.test mh1" >>"$S/virtuals"   # the unqualified <Postmaster>, qualified with our hostname
    smtpd_check
    # shellcheck disable=SC2016 # expanded inside the namespace
    ns_start "$NAME" '/usr/sbin/smtpd -f "$1"' "$S/smtpd.conf" ||
        die "smtpd did not start (see $S/log/start.log)"
    wait_greeting 2527 220 || exit 1
    note_needs 2110 "its mail is read back through Dovecot"
    log "running: smtp 127.0.0.1:2527 (mail for mh.test lands in the Dovecot Maildirs)"
}

smtpd_check() {
    # shellcheck disable=SC2016 # expanded inside the namespace
    ns_exec "$NAME" '/usr/sbin/smtpd -n -f "$1"' "$S/smtpd.conf" >"$S/log/check.log" 2>&1 ||
        die "smtpd.conf rejected: $(tail -n 1 "$S/log/check.log")"
    rm -f "$(ns_id_file "$NAME")"
}

do_stop() { ns_do_stop; }
do_status() { ns_do_status; }
do_version() { ns_do_version; }
