# shellcheck shell=bash
# Courier MTA SMTP 2528 in its own mount namespace. mh1..mhN are userdb accounts (uid 5000)
# whose home is the Dovecot mailbox folder, so mail is read back on the postfix-dovecot
# POP3 side (2110). All edits of /etc/courier happen in the namespace's own /etc.
NAME=courier-mta
PKG=courier-mta
PORTS=(2528)
S=$MH_STATE/courier-mta

do_install() {
    ns_installed "$NAME" || ns_apt_install "$NAME" "$PKG" || return 1
    ensure_tls_cert
}

do_start() {
    local n maildirs=$MH_STATE/postfix-dovecot/mail
    ns_installed "$NAME" || die "not installed: run install $NAME"
    ns_running "$NAME" && { log "already running"; return 0; }
    require_free_ports "${PORTS[@]}"
    ensure_tls_cert
    mkdir -p "$S/log" "$maildirs"
    chown "$MH_VUID:$MH_VUID" "$maildirs"
    for n in $(mh_account_numbers); do
        mkdir -p "$maildirs/mh$n/Maildir/cur" "$maildirs/mh$n/Maildir/new" "$maildirs/mh$n/Maildir/tmp"
        chown -R "$MH_VUID:$MH_VUID" "$maildirs/mh$n"
    done
    cp "$MH_TLS/combined.pem" "$S/esmtpd.pem"
    : >"$S/userdb"
    for n in $(mh_account_numbers); do
        printf 'mh%s\tuid=%s|gid=%s|home=%s/mh%s|mail=%s/mh%s/Maildir|systempw=%s\n' "$n" \
            "$MH_VUID" "$MH_VUID" "$maildirs" "$n" "$maildirs" "$n" "$(openssl passwd -6 "mh-pass-$n")" >>"$S/userdb"
    done
    # shellcheck disable=SC2016 # expanded inside the namespace
    ns_start "$NAME" '
        S=$1
        cd /etc/courier
        chgrp courier "$S/esmtpd.pem"; chmod 640 "$S/esmtpd.pem"
        # Later assignments win: the file is sourced as shell. No tarpit, no DNS lookups
        # (Courier has its own resolver, which would wait on the dead 127.0.0.1 resolver).
        sed -i "/^# mailharness begin/,\$d" esmtpd
        cat >>esmtpd <<EOT
# mailharness begin
TCPDOPTS="\$TCPDOPTS -nodnslookup"
ADDRESS=127.0.0.1
PORT=2528
TARPIT=0
BOFHCHECKDNS=0
MAXDAEMONS=200
MAXPERC=200
MAXPERIP=200
TLS_CERTFILE=$S/esmtpd.pem
EOT
        echo mail.mh.test >me
        echo mh.test >defaultdomain
        printf "localhost\nmh.test\nmail.mh.test\n" >locals
        echo 10485760 >sizelimit
        printf "mh.test\nmail.mh.test\n" >esmtpacceptmailfor.dir/mailharness
        /usr/sbin/makeacceptmailfor
        # Loopback must not relay (the packaged default allows it).
        printf "" >smtpaccess/default
        /usr/sbin/makesmtpaccess
        install -m 600 "$S/userdb" userdb
        /usr/sbin/makeuserdb
        sed -i "s/^authmodulelist=.*/authmodulelist=\"authuserdb\"/" authdaemonrc
        mkdir -p /run/courier/authdaemon
        chown courier:courier /run/courier /run/courier/authdaemon; chmod 750 /run/courier/authdaemon
        /usr/sbin/authdaemond start
        /usr/sbin/courier start
        /usr/sbin/esmtpd start' "$S" || die "courier did not start (see $S/log/start.log)"
    wait_greeting 2528 220 || exit 1
    note_needs 2110 "its mail is read back through Dovecot"
    log "running: smtp 127.0.0.1:2528 (mail for mh.test lands in the Dovecot Maildirs)"
}

do_stop() { ns_do_stop; }
do_status() { ns_do_status; }
do_version() { ns_do_version; }
