# shellcheck shell=bash
# popa3d POP3 2114 under socat; mailboxes: mbox /var/mail/mhN (ns view of $S/spool).
NAME=popa3d
PKG=popa3d
PORTS=(2114)
DOMAIN=popa3d.mh.test
INETD_CMD=/usr/sbin/popa3d
# shellcheck source=lib/socat-pop3.sh
. "$MH_SERVERS_DIR/lib/socat-pop3.sh"
