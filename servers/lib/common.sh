# shellcheck shell=bash
# Helpers shared by the server drivers. Sourced by servers/mailharness-servers.

MH_ROOT=${MH_ROOT:-/var/tmp/mailharness}
MH_STATE=$MH_ROOT/servers
MH_NS=$MH_ROOT/ns
export MH_ROOT MH_STATE MH_NS
MH_TLS=$MH_STATE/tls
MH_START_TIMEOUT=${MH_START_TIMEOUT:-30}
# Fixed uid/gid for virtual mailboxes (Dovecot, Postfix virtual); no passwd entry needed.
# shellcheck disable=SC2034 # used by drivers
MH_VUID=5000
# The accounts every target has: mh1..mhN, passwords mh-pass-1..mh-pass-N (servers/targets.conf lists
# the same ones). The conformance suite runs one delivering check per disposable account at a time,
# so more accounts make a slow POP3 server's run shorter.
MH_ACCOUNTS=8
# The account numbers 1..MH_ACCOUNTS, one per line.
mh_account_numbers() { seq 1 "$MH_ACCOUNTS"; }
# "mh1 : mh2 : ..." (an Exim list, one place instead of a fixed list in its configuration).
mh_local_parts() { mh_account_numbers | sed 's/^/mh/' | paste -sd: - | sed 's/:/ : /g'; }

log() { printf '[%s] %s\n' "${MH_CURRENT:-servers}" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "${MH_CURRENT:-servers}" "$*" >&2; exit 1; }

# Render a template: every @KEY@ is replaced by the value of shell variable KEY.
render() {
    local src=$1 dst=$2 line key
    local -a keys
    mapfile -t keys < <(grep -o '@[A-Z_][A-Z0-9_]*@' "$src" | sort -u | tr -d '@')
    cp "$src" "$dst.tmp"
    for key in "${keys[@]}"; do
        [[ -v $key ]] || die "template $src needs unset variable $key"
        line=${!key}
        line=${line//\\/\\\\}; line=${line//|/\\|}; line=${line//&/\\&}
        sed -i "s|@$key@|$line|g" "$dst.tmp"
    done
    mv "$dst.tmp" "$dst"
}

pkg_version() { dpkg-query -W -f='${Version}' "$1" 2>/dev/null; }

pkgs_installed() {
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || return 1
    done
}

# apt-get install on the real system, with daemon starts blocked during the install.
apt_install_host() {
    local created=0 rc=0 aptlog=$MH_ROOT/apt-$MH_CURRENT.log p
    local -a missing=()
    # Only what is missing: naming an installed package would upgrade it.
    for p in "$@"; do pkgs_installed "$p" || missing+=("$p"); done
    ((${#missing[@]})) || return 0
    set -- "${missing[@]}"
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\n# temporary, by mailharness servers install\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 755 /usr/sbin/policy-rc.d
        created=1
        # Removed again even if the install is interrupted.
        trap 'rm -f /usr/sbin/policy-rc.d' EXIT INT TERM
    fi
    apt_get_install "$aptlog" "$@" || rc=$?
    if ((created)); then
        rm -f /usr/sbin/policy-rc.d
        trap - EXIT INT TERM
    fi
    return "$rc"
}

# apt_get_install LOG PKG...: one retry after "apt-get update" (fresh machines have no lists).
apt_get_install() {
    local aptlog=$1
    shift
    local -a aptcmd=(apt-get install -y -q --no-install-recommends
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "$@")
    mkdir -p "$MH_ROOT"
    DEBIAN_FRONTEND=noninteractive "${aptcmd[@]}" >"$aptlog" 2>&1 && return 0
    apt-get update -q >>"$aptlog" 2>&1 || true
    DEBIAN_FRONTEND=noninteractive "${aptcmd[@]}" >>"$aptlog" 2>&1
}

ensure_tls_cert() {
    [[ -s $MH_TLS/cert.pem && -s $MH_TLS/key.pem ]] && return 0
    mkdir -p "$MH_TLS"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj '/CN=localhost' \
        -addext 'subjectAltName=DNS:localhost,DNS:mail.mh.test,IP:127.0.0.1' \
        -keyout "$MH_TLS/key.pem" -out "$MH_TLS/cert.pem" 2>/dev/null ||
        die "openssl could not make the self-signed certificate in $MH_TLS"
    cat "$MH_TLS/key.pem" "$MH_TLS/cert.pem" >"$MH_TLS/combined.pem"
    chmod 644 "$MH_TLS/cert.pem"
    chmod 640 "$MH_TLS/key.pem" "$MH_TLS/combined.pem"
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# First line a server sends on connect (plain or implicit TLS), or nothing.
greeting() {
    local port=$1 mode=${2:-plain}
    if [[ $mode == tls ]]; then
        # s_client waits for stdin EOF: give the server one second to greet first.
        sleep 1 | timeout 3 openssl s_client -connect "127.0.0.1:$port" -quiet -no_ign_eof 2>/dev/null | head -n 1 || true
    else
        # shellcheck disable=SC2016 # $1 belongs to the inner shell
        timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1"; head -n 1 <&3' _ "$port" 2>/dev/null || true
    fi
}

# wait_greeting PORT PREFIX [tls] : bounded wait until the port greets with PREFIX.
wait_greeting() {
    local port=$1 want=$2 mode=${3:-plain} deadline line=
    deadline=$((SECONDS + MH_START_TIMEOUT))
    while ((SECONDS < deadline)); do
        line=$(greeting "$port" "$mode")
        [[ $line == "$want"* ]] && return 0
        sleep 0.3
    done
    printf '[%s] ERROR: no "%s" greeting on 127.0.0.1:%s within %ss (last: %s)\n' \
        "${MH_CURRENT:-servers}" "$want" "$port" "$MH_START_TIMEOUT" "${line:-nothing}" >&2
    return 1
}

# pop3_login PORT USER PASS: one plain USER/PASS/QUIT session; fails unless PASS got +OK.
pop3_login() {
    # shellcheck disable=SC2016 # expanded by the inner shell
    timeout 10 bash -c '
        exec 3<>"/dev/tcp/127.0.0.1/$1"
        read -r line <&3
        printf "USER %s\r\n" "$2" >&3; read -r line <&3
        printf "PASS %s\r\n" "$3" >&3; read -r line <&3
        printf "QUIT\r\n" >&3
        [[ $line == "+OK"* ]]' _ "$@"
}

# note_needs PORT WHAT: one note when a port this target relies on is not served.
note_needs() {
    port_busy "$1" || log "note: nothing on 127.0.0.1:$1 yet; $2 (start postfix-dovecot)"
}

require_free_ports() {
    local p
    for p in "$@"; do
        port_busy "$p" && die "port 127.0.0.1:$p is already in use (another server, or a previous run: try stop)"
    done
    return 0
}

# pid_by_cmdline PREFIX: first pid whose command line (args joined by spaces, plus a
# trailing space) starts with PREFIX, e.g. an exact private config path.
pid_by_cmdline() {
    local f line
    local -a args
    for f in /proc/[0-9]*/cmdline; do
        mapfile -d '' args 2>/dev/null <"$f" || continue
        ((${#args[@]})) || continue
        line="${args[*]} "
        line=${line#/usr/sbin/}
        line=${line#/usr/lib/postfix/sbin/}
        if [[ $line == "$1"* ]]; then
            f=${f#/proc/}
            echo "${f%/cmdline}"
            return 0
        fi
    done
    return 1
}

pid_alive() { [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null; }

# Bounded TERM-then-KILL of a list of pids.
kill_pids() {
    local -a pids=("$@") left
    local p deadline
    ((${#pids[@]})) || return 0
    kill -TERM "${pids[@]}" 2>/dev/null || true
    deadline=$((SECONDS + 10))
    while ((SECONDS < deadline)); do
        left=()
        for p in "${pids[@]}"; do pid_alive "$p" && left+=("$p"); done
        ((${#left[@]})) || return 0
        sleep 0.2
    done
    kill -KILL "${left[@]}" 2>/dev/null || true
}

# ---- private mount namespaces (servers whose packages exclude each other) ----
# Each NAME gets overlays over /etc, /usr, /var/{lib,cache,log,spool,mail}, /opt whose
# upper layers live in $MH_NS/NAME; the real system is never written. /run is a fresh
# tmpfs each time, so no stale pid file from an earlier run can stop a daemon starting.
NS_DIRS=(/etc /usr /var/lib /var/cache /var/log /var/spool /var/mail /opt)

ns_id_file() { echo "$MH_NS/$1/ns.id"; }

# ns_exec NAME SCRIPT [ARGS...]: run bash SCRIPT in a fresh private namespace of NAME.
# Processes left running keep that namespace alive; its id is recorded for stop.
ns_exec() {
    local name=$1 script=$2
    shift 2
    local base=$MH_NS/$name d
    for d in "${NS_DIRS[@]}"; do
        mkdir -p "$base/upper$d" "$base/work$d"
    done
    # shellcheck disable=SC2016 # the script is expanded by the inner shell
    unshare -m --propagation private -- bash -euo pipefail -c '
        base=$1; shift
        for d in '"${NS_DIRS[*]}"'; do
            mount -t overlay overlay -o "lowerdir=$d,upperdir=$base/upper$d,workdir=$base/work$d" "$d"
        done
        mount -t tmpfs -o mode=755 tmpfs /run
        mkdir -m 1777 /run/lock
        printf "#!/bin/sh\nexit 101\n" >/usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d
        readlink /proc/self/ns/mnt >"$base/ns.id"
        script=$1; shift
        eval "$script"
    ' _ "$base" "$script" "$@"
}

ns_apt_install() {
    local name=$1
    shift
    # apt-get update inside the namespace only writes its own upper layer.
    ns_exec "$name" "$(declare -f apt_get_install); apt_get_install \"\$@\"" \
        "$MH_ROOT/apt-$name.log" "$@" || return 1
    rm -f "$(ns_id_file "$name")"
    touch "$MH_NS/$name/installed"
}

ns_installed() { [[ -f $MH_NS/$1/installed ]]; }

ns_pkg_version() {
    local name=$1 pkg=$2
    ns_installed "$name" || return 1
    # dpkg status inside the namespace's upper layer, read without entering it.
    dpkg-query --admindir="$MH_NS/$name/upper/var/lib/dpkg" -W -f='${Version}' "$pkg" 2>/dev/null
}

# Pids whose mount namespace is the recorded one of NAME (never our own namespace).
ns_pids() {
    local f id own ino
    f=$(ns_id_file "$1")
    [[ -s $f ]] || return 0
    id=$(<"$f")
    own=$(readlink /proc/self/ns/mnt)
    [[ $id == mnt:* && $id != "$own" ]] || return 0
    ino=${id//[^0-9]/}
    # One find instead of a readlink per process; ? stands for the brackets around the inode.
    find /proc/[0-9]*/ns/mnt -maxdepth 0 -lname "mnt:?$ino?" 2>/dev/null | cut -d/ -f3
    return 0
}

ns_stop() {
    local -a pids
    mapfile -t pids < <(ns_pids "$1")
    kill_pids "${pids[@]}"
    rm -f "$(ns_id_file "$1")"
}

ns_running() { [[ -n $(ns_pids "$1") ]]; }

# ns_start NAME SCRIPT [ARGS...]: start daemons in a fresh namespace of NAME; their
# stdio goes to NAME's log, never to our caller's pipes.
# Servers see a resolver on 127.0.0.1 (nothing listens there), so a client's reverse
# lookup fails at once instead of sending DNS traffic off the machine and waiting for it.
ns_start() {
    local name=$1 script=$2
    shift 2
    mkdir -p "$MH_STATE/$name/log"
    printf '# mailharness: no DNS from test servers\nnameserver 127.0.0.1\nlookup file\n' >"$MH_NS/resolv.conf"
    # shellcheck disable=SC2016 # expanded inside the namespace
    ns_exec "$name" 'mount --bind "$1" /etc/resolv.conf; shift; '"$script" "$MH_NS/resolv.conf" "$@" \
        </dev/null >>"$MH_STATE/$name/log/start.log" 2>&1
}

# Generic status/version/stop for namespace drivers (NAME, PORTS, PKG set by the driver).
# shellcheck disable=SC2153 # NAME comes from the driver
ns_do_stop() {
    ns_stop "$NAME"
    log "stopped"
}

ns_do_status() {
    local p
    if ns_running "$NAME"; then
        for p in "${PORTS[@]}"; do port_busy "$p" || { echo "$NAME: degraded (port $p closed)"; return 1; }; done
        echo "$NAME: running (${PORTS[*]})"
    else
        echo "$NAME: stopped"
        return 1
    fi
}

ns_do_version() {
    local v
    v=$(ns_pkg_version "$NAME" "$PKG") || true
    [[ -n $v ]] || { echo "$NAME: not installed"; return 1; }
    echo "$NAME: $PKG $v"
}

# Create the system users mh1..mhN (uid 5001..) inside NAME's namespace only; those there already stay.
ns_add_users() {
    # shellcheck disable=SC2016 # expanded inside the namespace
    ns_exec "$1" '
        added=0
        for n in $(seq 1 "$1"); do
            id "mh$n" >/dev/null 2>&1 && continue
            useradd -u "$((5000 + n))" -U -M -d "/home/mh$n" -s /usr/sbin/nologin "mh$n"
            echo "mh$n:mh-pass-$n" | chpasswd
            added=1
        done
        ((added)) || exit 0' "$MH_ACCOUNTS"
    rm -f "$(ns_id_file "$1")"
}

# prepare_maildrops DIR mbox|maildir: empty per-user mailboxes (uid 5001..) so that
# logins before the first delivery see an empty maildrop instead of an error.
prepare_maildrops() {
    local dir=$1 kind=$2 n
    mkdir -p "$dir"
    for n in $(mh_account_numbers); do
        if [[ $kind == mbox ]]; then
            [[ -e $dir/mh$n ]] || install -m 600 -o "$((5000 + n))" -g "$((5000 + n))" /dev/null "$dir/mh$n"
        else
            mkdir -p "$dir/mh$n/Maildir/cur" "$dir/mh$n/Maildir/new" "$dir/mh$n/Maildir/tmp"
            chown -R "$((5000 + n)):$((5000 + n))" "$dir/mh$n"
            chmod -R go-rwx "$dir/mh$n"
        fi
    done
}
