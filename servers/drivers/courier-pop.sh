# shellcheck shell=bash
# Courier POP3 2112 (STLS offered) in its own mount namespace. Users mh1..mhN are system
# users there (PAM); their homes are $S/mail/mhN (bind-mounted over /home), whose Maildir
# the postfix-dovecot Postfix fills for mhN@courier.mh.test.
NAME=courier-pop
PKG=courier-pop
PORTS=(2112)
S=$MH_STATE/courier-pop

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
    mkdir -p "$S/log"
    ns_add_users "$NAME"   # users added to the account list since install
    prepare_maildrops "$S/mail" maildir
    cp "$MH_TLS/combined.pem" "$S/pop3d.pem"
    # Edits below change the namespace's own /etc only. Connection limits raised for load tests.
    # shellcheck disable=SC2016 # expanded inside the namespace
    ns_start "$NAME" '
        mount --bind "$1/mail" /home
        chgrp courier "$1/pop3d.pem"; chmod 640 "$1/pop3d.pem"
        sed -i -e "s/^PORT=.*/PORT=2112/" -e "s/^ADDRESS=.*/ADDRESS=127.0.0.1/" \
            -e "s/^MAXDAEMONS=.*/MAXDAEMONS=200/" -e "s/^MAXPERIP=.*/MAXPERIP=200/" /etc/courier/pop3d
        sed -i -e "s|^TLS_CERTFILE=.*|TLS_CERTFILE=$1/pop3d.pem|" -e "s/^POP3DSSLSTART=.*/POP3DSSLSTART=NO/" /etc/courier/pop3d-ssl
        sed -i "s/^authmodulelist=.*/authmodulelist=\"authpam\"/" /etc/courier/authdaemonrc
        mkdir -p /run/courier/authdaemon
        chown courier:courier /run/courier/authdaemon; chmod 750 /run/courier/authdaemon
        /usr/sbin/authdaemond start
        /usr/lib/courier/pop3d start' "$S" || die "courier pop3d did not start (see $S/log/start.log)"
    wait_greeting 2112 +OK || exit 1
    note_needs 2525 "mail for this target arrives through Postfix"
    log "running: pop3 127.0.0.1:2112 (send via Postfix 2525 to mhN@courier.mh.test)"
}

do_stop() { ns_do_stop; }
do_status() { ns_do_status; }
do_version() { ns_do_version; }
