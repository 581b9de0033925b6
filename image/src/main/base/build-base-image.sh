#!/usr/bin/env bash
# Builds the image's base offline, as a Docker-format image tarball that Jib builds on (tar:// base):
# a Java runtime linked (jlink) from the JDK running the build, the few C libraries that runtime and
# /bin/sh need, copied from this host, and /etc files naming a non-root user. No registry is involved.
# Usage: build-base-image.sh JAVA_HOME OUT_DIR
# Writes OUT_DIR/base-image.tar; does nothing when the last base was built from the same JDK, C library and script.
set -euo pipefail
umask 022   # every file readable by the image's user, whatever the builder's umask

die() { echo "build-base-image: $*" >&2; exit 2; }
[ $# -eq 2 ] || die "usage: build-base-image.sh JAVA_HOME OUT_DIR"
JDK=$1
OUT=$(mkdir -p "$2" && cd "$2" && pwd)

# The modules the command line needs: jdeps finds java.base, java.desktop (java.beans), java.naming,
# java.prefs, java.security.sasl, java.sql, jdk.jfr, jdk.management and jdk.unsupported in the classpath;
# java.se covers the standard ones reached by reflection or service loading, and the jdk.* ones add the
# mail charsets, EC keys for TLS, DNS lookups, zip file systems and extended socket options.
MODULES=java.se,jdk.charsets,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs
# The runtime is headless: these libraries serve only windows, sound and the splash screen, and would pull
# in X11 and ALSA.
DESKTOP_ONLY_LIBRARIES="libawt_xawt.so libjawt.so libjsound.so libsplashscreen.so"
# The user the image runs as (also in image/pom.xml's container user): a fixed number, so that Kubernetes
# can check runAsNonRoot, and an account in /etc/passwd, so that the JVM knows its name and home.
USER_ID=65532
USER_NAME=mailharness
WORK_DIR=work

[ "$(uname -s)" = Linux ] || die "the image is built on Linux only (this is $(uname -s)); skip it with -Dmailharness.image.skip=true"
[ -x "$JDK/bin/jlink" ] || die "no jlink in $JDK: the image needs a full JDK >= 21"
case "$(uname -m)" in
  x86_64) ARCH=amd64 ;;
  aarch64) ARCH=arm64 ;;
  *) die "no image architecture known for $(uname -m)" ;;
esac

# Built again only when the JDK, the host's C library or this script changed: jlink is the slow step.
inputs="$(sha256sum "$0" | cut -d' ' -f1) $(readlink -f "$JDK") $(sha256sum "$JDK/release" | cut -d' ' -f1) $ARCH $(ldd --version 2>&1 | sed -n 1p)"
if [ -f "$OUT/base-image.tar" ] && [ "$(cat "$OUT/inputs" 2>/dev/null)" = "$inputs" ]; then
  echo "Base image up to date: $OUT/base-image.tar"
  exit 0
fi

rm -rf "$OUT"
mkdir -p "$OUT"
ROOT="$OUT/rootfs"
mkdir -p "$ROOT"

# No compression inside the runtime: the layer is gzipped as a whole, which compresses better than
# zip-compressed modules, and the runtime starts faster.
"$JDK/bin/jlink" --add-modules "$MODULES" --output "$ROOT/opt/java" --strip-debug --no-header-files --no-man-pages
for library in $DESKTOP_ONLY_LIBRARIES; do rm -f "$ROOT/opt/java/lib/$library"; done

# /bin/sh: the Kubernetes Jobs compute each injector's number in a shell, and run /usr/local/bin/mailharness.
mkdir -p "$ROOT/bin"
cp -L /bin/sh "$ROOT/bin/sh"

# The C libraries those programs load, at the paths this host's loader found them: the image's loader
# searches the same system folders. libjvm.so is the runtime's own (found through the launcher).
ldd_lines=$({ echo "$ROOT/bin/sh"; find "$ROOT/opt/java/bin" -type f; find "$ROOT/opt/java/lib" -type f -name '*.so'; } |
  while IFS= read -r elf; do ldd "$elf" || die "ldd cannot read $elf"; done | grep -vF "$ROOT/")
if missing=$(grep 'not found' <<<"$ldd_lines" | grep -v 'libjvm.so' | sort -u) && [ -n "$missing" ]; then
  die "libraries the runtime needs are missing on this host: $(tr -s ' \t\n' ' ' <<<"$missing")"
fi
for library in $(sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p; s/^[[:space:]]*\(\/[^ ]*\) (.*/\1/p' <<<"$ldd_lines" | sort -u); do
  mkdir -p "$ROOT$(dirname "$library")"
  cp -L "$library" "$ROOT$library"
done

mkdir -p "$ROOT/etc" "$ROOT/tmp" "$ROOT/$WORK_DIR"
chmod 1777 "$ROOT/tmp"
cat >"$ROOT/etc/passwd" <<EOF
root:x:0:0:root:/root:/sbin/nologin
$USER_NAME:x:$USER_ID:$USER_ID:Mailharness:/$WORK_DIR:/sbin/nologin
EOF
cat >"$ROOT/etc/group" <<EOF
root:x:0:
$USER_NAME:x:$USER_ID:
EOF
# Host names from /etc/hosts first (Docker and Kubernetes mount their own), then DNS.
cat >"$ROOT/etc/nsswitch.conf" <<EOF
passwd: files
group: files
hosts: files dns
EOF
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$ROOT/etc/hosts"

# One layer, the same bytes for the same inputs: sorted names, fixed times, root-owned except the
# user's working folder.
LAYER="$OUT/layer.tar"
TAR_OPTIONS=(--format=posix --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime
             --sort=name --mtime=@0 --numeric-owner)
(cd "$ROOT" && find . -mindepth 1 -maxdepth 1 ! -name "$WORK_DIR" -printf '%P\n' | sort |
  tar "${TAR_OPTIONS[@]}" --owner=0 --group=0 -cf "$LAYER" -T -)
(cd "$ROOT" && tar "${TAR_OPTIONS[@]}" --owner=$USER_ID --group=$USER_ID -rf "$LAYER" "$WORK_DIR")
diff_id="sha256:$(sha256sum "$LAYER" | cut -d' ' -f1)"

cat >"$OUT/config.json" <<EOF
{"architecture":"$ARCH","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"Env":["PATH=/opt/java/bin:/usr/local/bin:/usr/bin:/bin","JAVA_HOME=/opt/java"],"User":"$USER_ID:$USER_ID","WorkingDir":"/$WORK_DIR"},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"image/src/main/base/build-base-image.sh ($MODULES)"}]}
EOF
echo '[{"Config":"config.json","RepoTags":["mailharness-base:local"],"Layers":["layer.tar"]}]' >"$OUT/manifest.json"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf "$OUT/base-image.tar.part" \
  -C "$OUT" manifest.json config.json layer.tar
rm -rf "$ROOT" "$LAYER"
mv "$OUT/base-image.tar.part" "$OUT/base-image.tar"
printf '%s\n' "$inputs" >"$OUT/inputs"
echo "Base image built: $OUT/base-image.tar ($(du -m "$OUT/base-image.tar" | cut -f1) MB, $MODULES)"
