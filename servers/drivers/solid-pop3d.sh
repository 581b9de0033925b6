# shellcheck shell=bash
# solid-pop3d POP3 2115 under socat; mailboxes: mbox /var/mail/mhN (ns view of $S/spool).
# Quirk: it appends a blank line to every message it sends.
NAME=solid-pop3d
PKG=solid-pop3d
PORTS=(2115)
DOMAIN=solid.mh.test
INETD_CMD=/usr/sbin/solid-pop3d
# shellcheck source=lib/socat-pop3.sh
. "$MH_SERVERS_DIR/lib/socat-pop3.sh"
