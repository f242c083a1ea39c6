#!/usr/bin/env bash
# Build mediasoup's C++ worker offline (npm registry + Debian apt only) on Debian 12 / Ubuntu,
# linking Debian's system libraries instead of meson wraps (which download from GitHub).
#
# Usage: bash infra/mediasoup/build-worker.sh [MEDIASOUP_VERSION]   (default 3.19.3)
#          Prints the path of the cached binary as the only line on stdout (progress: stderr).
#        sudo bash infra/mediasoup/build-worker.sh --deps-only
#          Only installs the Debian packages the build needs (then build as a normal user).
#
# Env:
#   CROSSFAIR_CACHE_DIR      cache root (default: $HOME/.cache/crossfair)
#   MS_SOURCE_DIR            optional unpacked mediasoup package to build from (its version must
#                            match); otherwise the source is fetched with `npm pack`
#   CROSSFAIR_MS_FORCE=1     rebuild even if the cached binary exists
#   CROSSFAIR_MS_KEEP_BUILD=1  keep the temporary build dir (for debugging)
#
# Cache: $CROSSFAIR_CACHE_DIR/mediasoup-worker/<version>-<sha256(this file)[0:12]>/mediasoup-worker
# so any change to this recipe invalidates the cache. See infra/mediasoup/README.md.
set -euo pipefail

DEPS_ONLY=0
if [[ "${1:-}" == "--deps-only" ]]; then
  DEPS_ONLY=1
  shift
fi
MS_VERSION="${1:-3.19.3}"
SELF="$(readlink -f "${BASH_SOURCE[0]}")"
RECIPE_HASH="$(sha256sum "$SELF" | cut -c1-12)"
CACHE_ROOT="${CROSSFAIR_CACHE_DIR:-$HOME/.cache/crossfair}"
OUT_DIR="$CACHE_ROOT/mediasoup-worker/$MS_VERSION-$RECIPE_HASH"
OUT_BIN="$OUT_DIR/mediasoup-worker"
STEPS=6
T0=$SECONDS

log() { echo "[mediasoup] $*" >&2; }
step() { log "step $1/$STEPS: $2 (t+$((SECONDS - T0))s)"; }
die() { log "ERROR: $*"; exit 1; }

[[ "$MS_VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "invalid mediasoup version '$MS_VERSION'"

if [[ "$DEPS_ONLY" == "0" && -x "$OUT_BIN" && "${CROSSFAIR_MS_FORCE:-0}" != "1" ]]; then
  log "cached worker found: $OUT_BIN (set CROSSFAIR_MS_FORCE=1 to rebuild)"
  echo "$OUT_BIN"
  exit 0
fi

# One build per cache key at a time (two parallel installs must not race).
if [[ "$DEPS_ONLY" == "0" ]]; then
  mkdir -p "$OUT_DIR"
  exec 9>"$OUT_DIR/.lock"
  if ! flock -n 9; then
    log "another build of $MS_VERSION-$RECIPE_HASH is running, waiting for it ..."
    flock 9
    if [[ -x "$OUT_BIN" && "${CROSSFAIR_MS_FORCE:-0}" != "1" ]]; then
      log "the other build finished: $OUT_BIN"
      echo "$OUT_BIN"
      exit 0
    fi
  fi
fi

# ---------------------------------------------------------------------------------------------
step 1 "checking Debian packages (meson >= 1.1, compilers, system libraries)"
APT_PKGS=(build-essential pkg-config ninja-build python3 binutils
  libssl-dev libuv1-dev libsrtp2-dev libusrsctp-dev libabsl-dev
  libflatbuffers-dev flatbuffers-compiler)
command -v dpkg-query >/dev/null || die "dpkg-query not found: this script supports Debian/Ubuntu only"

is_installed() { [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null)" == ii* ]]; }
meson_ok() {
  local v
  v="$(meson --version 2>/dev/null)" || return 1
  dpkg --compare-versions "$v" ge 1.1
}

MISSING=()
for p in "${APT_PKGS[@]}"; do is_installed "$p" || MISSING+=("$p"); done
NEED_MESON=0
meson_ok || NEED_MESON=1

if ((${#MISSING[@]} == 0 && NEED_MESON == 0)); then
  log "all packages present (meson $(meson --version))"
else
  # shellcheck source=/dev/null
  . /etc/os-release 2>/dev/null || true
  CODENAME="${VERSION_CODENAME:-}"
  MESON_CMD="apt-get install -y meson"
  if [[ "${ID:-}" == "debian" && "$CODENAME" == "bookworm" ]]; then
    MESON_CMD="apt-get install -y -t bookworm-backports meson"
  fi
  if [[ "$(id -u)" != "0" ]]; then
    log "missing packages: ${MISSING[*]}$( ((NEED_MESON)) && echo " meson(>=1.1)")"
    log "install them as root, then run this again as yourself (e.g. pnpm install):"
    log "  sudo bash $SELF --deps-only"
    log "which runs:"
    ((NEED_MESON)) && [[ "$CODENAME" == "bookworm" ]] \
      && log "  (adds the bookworm-backports suite to /etc/apt/sources.list.d/ if needed)"
    ((${#MISSING[@]})) && log "  sudo apt-get install -y ${MISSING[*]}"
    ((NEED_MESON)) && log "  sudo $MESON_CMD"
    exit 2
  fi
  export DEBIAN_FRONTEND=noninteractive
  if ((NEED_MESON)) && [[ "$CODENAME" == "bookworm" ]] \
    && ! grep -rqs bookworm-backports /etc/apt/sources.list /etc/apt/sources.list.d/; then
    # Reuse the machine's own Debian mirror for the backports suite.
    MIRROR="$(grep -hE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null \
      | grep -v security | grep -i debian | head -1 | awk '{print $2}')"
    [[ -n "$MIRROR" ]] || MIRROR="$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null \
      | grep -v security | head -1 | awk '{print $2}')"
    [[ -n "$MIRROR" ]] || MIRROR="http://deb.debian.org/debian"
    log "adding bookworm-backports ($MIRROR) to /etc/apt/sources.list.d/bookworm-backports.sources"
    printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: %s\n' \
      "$MIRROR" /usr/share/keyrings/debian-archive-keyring.gpg \
      >/etc/apt/sources.list.d/bookworm-backports.sources
  fi
  log "installing: ${MISSING[*]}$( ((NEED_MESON)) && echo " meson(>=1.1)") (~1 minute)"
  apt-get update -q >&2
  ((NEED_MESON)) && $MESON_CMD -q >&2
  ((${#MISSING[@]})) && apt-get install -y -q "${MISSING[@]}" >&2
  meson_ok || die "meson >= 1.1 is required, found: $(meson --version 2>/dev/null || echo none)"
fi
if [[ "$DEPS_ONLY" == "1" ]]; then
  log "build dependencies are installed"
  exit 0
fi

# ---------------------------------------------------------------------------------------------
step 2 "getting the mediasoup@$MS_VERSION source"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/crossfair-mediasoup-build.XXXXXX")"
cleanup() {
  if [[ "${CROSSFAIR_MS_KEEP_BUILD:-0}" == "1" ]]; then log "build dir kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
PKG="$WORK/package"
src_version() { node -p "require('$1/package.json').version" 2>/dev/null || true; }
if [[ -n "${MS_SOURCE_DIR:-}" && -f "$MS_SOURCE_DIR/worker/meson.build" \
  && "$(src_version "$MS_SOURCE_DIR")" == "$MS_VERSION" ]]; then
  log "copying source from $MS_SOURCE_DIR"
  mkdir -p "$PKG"
  cp -rL "$MS_SOURCE_DIR/package.json" "$MS_SOURCE_DIR/worker" "$PKG/"
  rm -rf "$PKG/worker/out"
else
  log "npm pack mediasoup@$MS_VERSION"
  (cd "$WORK" && npm pack "mediasoup@$MS_VERSION" --silent >/dev/null)
  tar xzf "$WORK/mediasoup-$MS_VERSION.tgz" -C "$WORK"
fi
W="$PKG/worker"
[[ -f "$W/meson.build" ]] || die "no worker sources in $PKG"

# ---------------------------------------------------------------------------------------------
step 3 "replacing meson wraps (GitHub downloads) with shims over Debian's libraries"
SP="$W/subprojects"
rm -f "$SP"/*.wrap
mk() { mkdir -p "$SP/$1"; : >"$SP/$1/empty.c"; cat >"$SP/$1/meson.build"; }
mk openssl <<'M'
project('openssl', 'c')
openssl_dep = dependency('openssl')
libssl_dep = dependency('libssl')
libcrypto_dep = dependency('libcrypto')
libssl_lib = static_library('shim_ssl', 'empty.c')
libcrypto_lib = static_library('shim_crypto', 'empty.c')
M
mk libuv <<'M'
project('libuv', 'c')
libuv_dep = dependency('libuv')
libuv = static_library('shim_uv', 'empty.c')
M
mk usrsctp <<'M'
project('usrsctp', 'c')
usrsctp_dep = dependency('usrsctp')
usrsctp = static_library('shim_usrsctp', 'empty.c')
M
mk abseil-cpp <<'M'
project('abseil-cpp', 'c', 'cpp')
absl_container_dep = declare_dependency(dependencies: [
  dependency('absl_flat_hash_map'), dependency('absl_flat_hash_set'),
  dependency('absl_btree'), dependency('absl_inlined_vector')])
absl_strings_dep = dependency('absl_strings')
absl_types_dep = declare_dependency(dependencies: [
  dependency('absl_optional'), dependency('absl_variant'), dependency('absl_span')])
absl_container_lib = static_library('shim_absl', 'empty.c')
M
mk flatbuffers <<'M'
project('flatbuffers', 'c', 'cpp')
flatbuffers_dep = dependency('flatbuffers')
flatbuffers_lib = static_library('shim_flatbuffers', 'empty.c')
M
mk catch2 <<'M'
project('catch2', 'cpp')
catch2_dep = declare_dependency()
catch2_with_main_dep = declare_dependency()
M
mk liburing <<'M'
project('liburing', 'c')
uring = dependency('liburing')
liburing = static_library('shim_uring', 'empty.c')
M
# libsrtp3 (versatica's fork of libsrtp 3.x) is packaged nowhere; emulate its out-of-place,
# size_t-based API on top of Debian's libsrtp2 (in-place, int-based).
mk libsrtp3 <<'M'
project('libsrtp3', 'c')
libsrtp3_dep = declare_dependency(
  include_directories: include_directories('include'),
  dependencies: dependency('libsrtp2'))
libsrtp3 = static_library('shim_srtp3', 'empty.c')
M
mkdir -p "$SP/libsrtp3/include"
cat >"$SP/libsrtp3/include/srtp.h" <<'H'
/* libsrtp3-on-libsrtp2 compatibility shim for mediasoup (generated by build-worker.sh). */
#ifndef MS_SRTP3_COMPAT_H
#define MS_SRTP3_COMPAT_H
#include <srtp2/srtp.h>
#ifdef __cplusplus
#include <cstring>
#include <cstddef>
#include <cstdint>
static constexpr srtp_err_status_t srtp_err_status_buffer_small = static_cast<srtp_err_status_t>(28);
static constexpr srtp_err_status_t srtp_err_status_cryptex_err = static_cast<srtp_err_status_t>(29);

inline srtp_err_status_t ms_srtp3_inplace(
  srtp_err_status_t (*fn)(srtp_t, void*, int*), srtp_t ctx, const uint8_t* in,
  size_t inLen, uint8_t* out, size_t* outLen, size_t trailer)
{
	if (*outLen < inLen + trailer)
		return srtp_err_status_buffer_small;
	if (out != in)
		std::memmove(out, in, inLen);
	int len = static_cast<int>(inLen);
	const srtp_err_status_t err = fn(ctx, out, &len);
	if (err == srtp_err_status_ok)
		*outLen = static_cast<size_t>(len);
	return err;
}
inline srtp_err_status_t srtp_protect(srtp_t ctx, const uint8_t* rtp, size_t rtpLen,
  uint8_t* srtp, size_t* srtpLen, size_t /*mkiIndex*/)
{ return ms_srtp3_inplace(::srtp_protect, ctx, rtp, rtpLen, srtp, srtpLen, SRTP_MAX_TRAILER_LEN); }
inline srtp_err_status_t srtp_unprotect(srtp_t ctx, const uint8_t* srtp, size_t srtpLen,
  uint8_t* rtp, size_t* rtpLen)
{ return ms_srtp3_inplace(::srtp_unprotect, ctx, srtp, srtpLen, rtp, rtpLen, 0); }
inline srtp_err_status_t srtp_protect_rtcp(srtp_t ctx, const uint8_t* rtcp, size_t rtcpLen,
  uint8_t* srtcp, size_t* srtcpLen, size_t /*mkiIndex*/)
{ return ms_srtp3_inplace(::srtp_protect_rtcp, ctx, rtcp, rtcpLen, srtcp, srtcpLen, SRTP_MAX_TRAILER_LEN + 4); }
inline srtp_err_status_t srtp_unprotect_rtcp(srtp_t ctx, const uint8_t* srtcp, size_t srtcpLen,
  uint8_t* rtcp, size_t* rtcpLen)
{ return ms_srtp3_inplace(::srtp_unprotect_rtcp, ctx, srtcp, srtcpLen, rtcp, rtcpLen, 0); }
inline srtp_err_status_t srtp_stream_remove(srtp_t session, uint32_t ssrc)
{ return srtp_remove_stream(session, ssrc); }
#endif
#endif
H
# Accept (and ignore) the subproject options mediasoup's meson.build passes.
printf "option('build_tests', type: 'boolean', value: false)\noption('build_benchmarks', type: 'boolean', value: false)\n" \
  >"$SP/libuv/meson_options.txt"
printf "option('sctp_build_programs', type: 'boolean', value: false)\n" >"$SP/usrsctp/meson_options.txt"
printf "option('crypto-library', type: 'string', value: 'openssl')\noption('crypto-library-kdf', type: 'string', value: 'disabled')\noption('tests', type: 'string', value: 'disabled')\n" \
  >"$SP/libsrtp3/meson_options.txt"

# ---------------------------------------------------------------------------------------------
step 4 "patching the DTLS BIO callback (crash with Debian's kTLS-enabled OpenSSL)"
# onSslBioOut() returned 1 for the post-call (BIO_CB_RETURN|op) of
# BIO_ctrl(BIO_CTRL_GET_KTLS_SEND), so a kTLS-enabled libssl (Debian's) believes kTLS send is on,
# never allocates its DTLS write buffer and SIGSEGVs in SSL_read() on the first ClientHello.
# Return `ret` for every BIO_CB_RETURN call.
DTLS="$W/src/RTC/DtlsTransport.cpp"
sed -i 's/(operationType == BIO_CB_RETURN) ? static_cast<long>(ret) : 1;/(operationType \& BIO_CB_RETURN) ? static_cast<long>(ret) : 1;/' "$DTLS"
grep -q '(operationType & BIO_CB_RETURN)' "$DTLS" || die "DTLS patch did not apply to $DTLS"

# ---------------------------------------------------------------------------------------------
JOBS="$(nproc 2>/dev/null || echo 2)"
step 5 "compiling the worker with meson/ninja -j$JOBS, this takes ~5 minutes on 2 cores"
cd "$W"
meson setup --prefix "$W/out/Release" --bindir "" --libdir "" \
  --buildtype release -Db_ndebug=true -Dms_disable_liburing=true \
  --wrap-mode=nodownload out/Release/build >&2
# Generate FBS/*.h first (the mediasoup-worker target does not depend on it).
meson compile -C out/Release/build flatbuffers-generator >&2
ninja -C out/Release/build -j"$JOBS" mediasoup-worker >&2

# ---------------------------------------------------------------------------------------------
step 6 "installing into the cache: $OUT_BIN"
BUILT="$W/out/Release/build/mediasoup-worker"
[[ -x "$BUILT" ]] || die "build produced no binary at $BUILT"
TMP_BIN="$OUT_DIR/.mediasoup-worker.tmp.$$"
install -m755 "$BUILT" "$TMP_BIN"
strip "$TMP_BIN"
if ldd "$TMP_BIN" | grep -q "not found"; then
  ldd "$TMP_BIN" >&2
  rm -f "$TMP_BIN"
  die "the built worker has unresolved shared libraries"
fi
mv -f "$TMP_BIN" "$OUT_BIN"
log "done in $((SECONDS - T0))s: $OUT_BIN ($(du -h "$OUT_BIN" | cut -f1))"
echo "$OUT_BIN"
