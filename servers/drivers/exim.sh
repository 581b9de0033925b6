# shellcheck shell=bash
# Exim (exim4-daemon-light) SMTP 2526 in its own mount namespace; delivers into the
# Dovecot Maildirs, so read back with the postfix-dovecot POP3 side (2110).
NAME=exim
PKG=exim4-daemon-light
PORTS=(2526)
S=$MH_STATE/exim
# shellcheck disable=SC2034 # used by templates (render)
TLS_CERT=$MH_TLS/cert.pem TLS_KEY=$MH_TLS/key.pem MAILDIRS=$MH_STATE/postfix-dovecot/mail

do_install() {
    ns_installed "$NAME" || ns_apt_install "$NAME" "$PKG" || return 1
    ensure_tls_cert
}

do_start() {
    ns_installed "$NAME" || die "not installed: run install $NAME"
    ns_running "$NAME" && { log "already running"; return 0; }
    require_free_ports "${PORTS[@]}"
    ensure_tls_cert
    mkdir -p "$S/spool" "$S/log" "$MAILDIRS"
    chown "$MH_VUID:$MH_VUID" "$MAILDIRS"
    # shellcheck disable=SC2034 # used by the template (render)
    local LOCAL_PARTS
    LOCAL_PARTS=$(mh_local_parts)
    render "$MH_SERVERS_DIR/exim/exim4.conf.in" "$S/exim4.conf"
    # Exim keeps root only for a root-owned config listed in trusted_configs.
    chown root:root "$S/exim4.conf"
    chmod 644 "$S/exim4.conf"
    # shellcheck disable=SC2016 # expanded inside the namespace
    ns_start "$NAME" '
        echo "$1" >/etc/exim4/trusted_configs
        chown -R Debian-exim:Debian-exim "$2/spool" "$2/log"
        chgrp Debian-exim "$3"
        /usr/sbin/exim4 -C "$1" -bd -q1m' "$S/exim4.conf" "$S" "$MH_TLS/key.pem" ||
        die "exim did not start (see $S/log/start.log, $S/log/paniclog)"
    wait_greeting 2526 220 || exit 1
    note_needs 2110 "its mail is read back through Dovecot"
    log "running: smtp 127.0.0.1:2526 (mail for mh.test lands in the Dovecot Maildirs)"
}

do_stop() { ns_do_stop; }
do_status() { ns_do_status; }
do_version() { ns_do_version; }
