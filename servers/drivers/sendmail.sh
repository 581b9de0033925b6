# shellcheck shell=bash
# Sendmail SMTP 2529 in its own mount namespace (its package excludes Postfix). mh1..mhN
# exist only in that namespace, with uid 5000 and their Dovecot mailbox folder as home, so
# Sendmail's local mailer (procmail) delivers into the Dovecot Maildirs; mail is read back
# on the postfix-dovecot POP3 side (2110). Loopback relaying (a Sendmail default) is refused.
NAME=sendmail
PKG=sendmail-bin
PORTS=(2529)
S=$MH_STATE/sendmail

do_install() {
    ns_installed "$NAME" || ns_apt_install "$NAME" sendmail-bin sendmail-cf m4 procmail || return 1
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
    render "$MH_SERVERS_DIR/sendmail/sendmail.mc.in" "$S/sendmail.mc"
    # shellcheck disable=SC2016 # expanded inside the namespace
    ns_start "$NAME" '
        S=$1 maildirs=$2 vuid=$3 accounts=$6
        getent group mhvmail >/dev/null || groupadd -o -g "$vuid" mhvmail
        for n in $(seq 1 "$accounts"); do
            id "mh$n" >/dev/null 2>&1 ||
                useradd -o -u "$vuid" -g "$vuid" -M -d "$maildirs/mh$n" -s /usr/sbin/nologin "mh$n"
        done
        # procmail: everything into ~/Maildir/ (the Dovecot Maildir), as the user.
        printf "DEFAULT=\$HOME/Maildir/\nMAILDIR=\$HOME/Maildir/\n" >/etc/procmailrc
        # Sendmail checks the safety of every path it reads (and writes its maps as the owner
        # of their folder), so its files live in a root-owned folder of the namespace'"'"'s own
        # /etc/mail, its queue in the namespace'"'"'s /var/spool (not below the world-writable /var/tmp).
        mkdir -p /etc/mail/mh /var/spool/mqueue
        chown root:root /etc/mail/mh /var/spool/mqueue; chmod 755 /etc/mail/mh; chmod 700 /var/spool/mqueue
        install -m 644 "$4" /etc/mail/mh/cert.pem
        install -m 600 "$5" /etc/mail/mh/key.pem   # a group-readable key disables STARTTLS
        printf "hosts\tfiles\naliases\tfiles\n" >/etc/mail/service.switch
        # No DNS at all (glibc ignores the file above): else Sendmail waits a minute trying to
        # qualify the host name through the dead resolver, at start and for newaliases.
        sed -i "s/^hosts:.*/hosts: files/" /etc/nsswitch.conf
        h=$(hostname)
        printf "127.0.0.1\tlocalhost\n127.0.0.1\t%s.mh.test %s mail.mh.test\n" "$h" "$h" >/etc/hosts
        printf "postmaster: mh1\nMAILER-DAEMON: mh1\nroot: mh1\nabuse: mh1\n" >/etc/mail/mh/aliases
        m4 "$S/sendmail.mc" >"$S/sendmail.cf"
        install -m 644 "$S/sendmail.cf" /etc/mail/sendmail.cf
        /usr/sbin/sendmail -bi
        /usr/sbin/sendmail -bd -q1m' "$S" "$maildirs" "$MH_VUID" "$MH_TLS/cert.pem" "$MH_TLS/key.pem" "$MH_ACCOUNTS" ||
        die "sendmail did not start (see $S/log/start.log)"
    wait_greeting 2529 220 || exit 1
    note_needs 2110 "its mail is read back through Dovecot"
    log "running: smtp 127.0.0.1:2529 (mail for mh.test lands in the Dovecot Maildirs)"
}

do_stop() { ns_do_stop; }
do_status() { ns_do_status; }
do_version() { ns_do_version; }
