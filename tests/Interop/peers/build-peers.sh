#!/usr/bin/env bash
# build-peers.sh - build the external gRPC peers used by the interop tests, from Debian packages.
#
#   bash build-peers.sh [--force]
#
# Output goes to ${PLATFORM_PEERS_HOME:-$HOME/.cache/platform-grpc-peers}/bin:
#   interop_client, interop_server  grpc-go's official interop programs, built from Debian's source
#                                   package of golang-google-grpc (the -dev package leaves interop/
#                                   out); the server is patched to listen on 127.0.0.1 only.
#   reflection_client               reflection_client.go (next to this script): a server reflection
#                                   client on grpc-go's own grpc.reflection.v1alpha stubs.
#   cpp_peer_server                 cpp_peer_server.cc (next to this script) on Debian's libgrpc++.
# The last line of stdout is the absolute path of that bin folder; all progress goes to stderr.
#
# Idempotent: each build leaves a stamp made of the relevant installed package versions and the
# hash of this script (and of our own Go/C++ source); when the stamp matches, the step is skipped.
# Missing Debian packages are installed with apt-get (needs root or sudo). Needs nothing but the
# Debian archive (binary and source); Go builds run offline (GO111MODULE=off GOPROXY=off).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SELF="$HERE/$(basename "${BASH_SOURCE[0]}")"
CPP_SRC="$HERE/cpp_peer_server.cc"
REFLECTION_SRC="$HERE/reflection_client.go"
PEERS_HOME=${PLATFORM_PEERS_HOME:-${HOME:-/root}/.cache/platform-grpc-peers}
BIN="$PEERS_HOME/bin"
PROTO_ROOT=/usr/share/grpc-proto   # grpc/testing/{test,messages,empty}.proto, package grpc-proto
GRPC_GOCODE=/usr/share/gocode/src/google.golang.org/grpc   # installed by golang-google-grpc-dev

# Why each package is needed:
#   golang-go golang-google-grpc-dev      Go compiler; grpc-go and all its Go dependencies
#   protobuf-compiler protoc-gen-go-1-3   protoc and the APIv1 Go generator that matches Debian's
#   protoc-gen-go-grpc                    grpc-go 1.33; regenerates interop/grpc_testing/*.pb.go
#   dpkg-dev xz-utils                     "apt-get source" unpacks the source package with them
#   libgrpc++-dev libprotobuf-dev g++ pkg-config make
#   protobuf-compiler-grpc grpc-proto     C++ peer: libraries, grpc_cpp_plugin, the .proto files
#   nghttp2-client nginx                  h2load/nghttp and an nginx grpc_pass hop for the tests
PACKAGES="golang-go golang-google-grpc-dev protobuf-compiler protoc-gen-go-1-3 protoc-gen-go-grpc
dpkg-dev xz-utils libgrpc++-dev libprotobuf-dev protobuf-compiler-grpc grpc-proto g++ make
pkg-config nghttp2-client nginx"

force=0
for arg in "$@"; do
  case "$arg" in
    --force) force=1 ;;
    -h | --help) sed -n '2,18p' "$SELF"; exit 0 ;;
    *) echo "build-peers.sh: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done

# stdout is reserved for the final path: everything else goes to stderr.
exec 3>&1 1>&2
started=$SECONDS
log() { echo "[build-peers +$((SECONDS - started))s] $*" >&2; }
die() { echo "build-peers.sh: error: $*" >&2; exit 1; }

SUDO=""
[ "$(id -u)" = 0 ] || SUDO=sudo

# Private scratch space, removed on exit. It is traversable (711) so that apt's unprivileged
# "_apt" download helpers can use the world-writable apt-tmp inside it.
WORK=$(mktemp -d "${TMPDIR:-/tmp}/build-peers.XXXXXX")
chmod 711 "$WORK"
mkdir -m 1777 "$WORK/apt-tmp"
export TMPDIR="$WORK"
POLICY_MADE=0
cleanup() {
  if [ "$POLICY_MADE" = 1 ]; then $SUDO rm -f /usr/sbin/policy-rc.d; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP   # make signals run the EXIT trap too

# One build at a time per cache dir (tests may call this script concurrently).
mkdir -p "$BIN" "$PEERS_HOME/stamps"
exec 9>"$PEERS_HOME/.lock"
flock -w 900 9 || die "timed out waiting for another build-peers.sh ($PEERS_HOME/.lock)"

# ---- 1. Debian packages -------------------------------------------------------------------------
missing=()
for p in $PACKAGES; do
  dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  if [ -n "$SUDO" ]; then command -v sudo >/dev/null || die "not root and no sudo: cannot install ${missing[*]}"; fi
  # Installing nginx would start the system nginx on port 80. A policy-rc.d that answers 101
  # ("action forbidden") stops every postinst from starting services. Only a policy we create
  # ourselves is removed again (by cleanup).
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\n# temporary, from build-peers.sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
    $SUDO chmod 755 /usr/sbin/policy-rc.d
    POLICY_MADE=1
  fi
  apt_env=(env DEBIAN_FRONTEND=noninteractive TMPDIR="$WORK/apt-tmp")
  $SUDO "${apt_env[@]}" apt-get update -q >"$WORK/apt-update.log" 2>&1 ||
    log "warning: apt-get update reported errors, trying the install anyway"
  $SUDO "${apt_env[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >"$WORK/apt-install.log" 2>&1 ||
    { tail -n 30 "$WORK/apt-update.log" "$WORK/apt-install.log" >&2; die "apt-get install failed"; }
  if [ "$POLICY_MADE" = 1 ]; then $SUDO rm -f /usr/sbin/policy-rc.d; POLICY_MADE=0; fi
  log "packages installed"
fi

versions() { dpkg-query -W -f='${Package}=${Version} ' "$@"; }
script_hash=$(sha256sum "$SELF" | cut -c1-16)
up_to_date() {  # up_to_date NAME KEY FILE... -> 0 when the stamp matches and the files exist
  local name=$1 key=$2 f
  shift 2
  [ "$force" = 0 ] && [ "$(cat "$PEERS_HOME/stamps/$name" 2>/dev/null)" = "$key" ] || return 1
  for f in "$@"; do [ -x "$f" ] || return 1; done
}
stamp() { printf '%s\n' "$2" >"$PEERS_HOME/stamps/$1"; }

# ---- 2. deb-src copy of the machine's apt sources --------------------------------------------------
# "apt-get source" needs deb-src entries, which many machines lack. Rather than edit the system
# configuration, write deb-src twins of every configured "deb" source (both the one-line .list
# format and the deb822 .sources format, keeping options such as signed-by) into a private apt
# state, and point apt at it with -o options.
write_src_sources() {  # write_src_sources DIR
  local out=$1 SL="" SP="" f n=0
  eval "$(apt-config shell SL Dir::Etc::sourcelist/f SP Dir::Etc::sourceparts/d)"
  for f in "$SL" "${SP%/}"/*.list; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    # "deb [options] URI suite components" -> "deb-src [options] URI suite components"
    sed -n -E 's/^[[:space:]]*deb[[:space:]]+/deb-src /p' "$f" >"$out/$n-$(basename "$f")"
  done
  for f in "${SP%/}"/*.sources; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    # A deb822 stanza keeps URIs/Suites/Components/Signed-By/Enabled; only its type changes.
    sed -E 's/^Types:.*/Types: deb-src/I' "$f" >"$out/$n-$(basename "$f")"
  done
  grep -Eqs '^(deb-src|Types: deb-src)' "$out"/* || die "no apt sources found in $SL or $SP"
}

fetch_interop_source() {  # fetch_interop_source SRCVERSION DEST -> DEST/interop from Debian's source
  local ver=$1 dest=$2 st="$WORK/apt-src"
  mkdir -p "$st/sources.list.d" "$st/lists/partial" "$st/cache/archives/partial" "$st/dl"
  write_src_sources "$st/sources.list.d"
  local opts=(-o "Dir::Etc::sourcelist=/dev/null" -o "Dir::Etc::sourceparts=$st/sources.list.d"
    -o "Dir::State::Lists=$st/lists" -o "Dir::Cache=$st/cache" -o Debug::NoLocking=1
    -o APT::Sandbox::User=root -o APT::Get::Only-Source=true)
  log "apt-get source golang-google-grpc=$ver (private deb-src state, system apt untouched)"
  apt-get "${opts[@]}" update -q >"$st/update.log" 2>&1 ||
    log "warning: deb-src apt-get update reported errors (see below if the download fails)"
  if ! (cd "$st/dl" && apt-get "${opts[@]}" source -q "golang-google-grpc=$ver") >"$st/source.log" 2>&1; then
    tail -n 20 "$st/update.log" "$st/source.log" >&2
    die "apt-get source golang-google-grpc=$ver failed"
  fi
  local tree
  tree=$(find "$st/dl" -mindepth 2 -maxdepth 2 -type d -name interop | head -n 1)
  [ -n "$tree" ] && [ -f "$tree/client/client.go" ] && [ -f "$tree/server/server.go" ] ||
    die "the golang-google-grpc $ver source has no interop/client and interop/server"
  rm -rf "$dest"
  mkdir -p "$dest"
  cp -r "$tree" "$dest/interop"
}

# ---- 3. grpc-go interop client and server -----------------------------------------------------
go_src_version=$(dpkg-query -W -f='${source:Version}' golang-google-grpc-dev)   # e.g. 1.33.3-2
go_key="script=$script_hash $(versions golang-go golang-google-grpc-dev protobuf-compiler protoc-gen-go-1-3 protoc-gen-go-grpc) $(go version)"
if up_to_date go "$go_key" "$BIN/interop_client" "$BIN/interop_server"; then
  log "grpc-go interop client/server: up to date"
else
  # The unpacked interop/ tree is kept in the cache, so a rebuild does not download it again.
  src="$PEERS_HOME/src/golang-google-grpc-$go_src_version"
  if [ ! -f "$src/interop/client/client.go" ]; then
    rm -rf "$PEERS_HOME/src"   # drop sources of older versions
    fetch_interop_source "$go_src_version" "$src"
  fi
  log "building grpc-go $go_src_version interop client/server (GOPATH mode, offline)"
  # GOPATH overlay (in WORK, deleted afterwards): google.golang.org/grpc = symlinks to the entries
  # of Debian's installed copy, plus interop/ from the source package. In GOPATH mode the first
  # GOPATH entry that has a package's directory wins, so the grpc package itself must be in the
  # overlay. testdata/ is left out on purpose: it then resolves to the second GOPATH entry, and
  # testdata.Path() (which uses the compile-time source path) points the programs' default TLS
  # files (ca.pem, server1.pem, server1.key) at GRPC_GOCODE/testdata, which stays on disk.
  gopath="$WORK/gopath"
  grpc_dir="$gopath/src/google.golang.org/grpc"
  mkdir -p "$grpc_dir"
  for entry in "$GRPC_GOCODE"/*; do
    case "$(basename "$entry")" in interop | testdata) ;; *) ln -s "$entry" "$grpc_dir/" ;; esac
  done
  cp -r "$src/interop" "$grpc_dir/interop"
  # The shipped stubs come from a newer protoc-gen-go than Debian's grpc-go 1.33 was built with;
  # regenerate them with Debian's generators, as Debian's own package build does for its stubs.
  rm -f "$grpc_dir"/interop/grpc_testing/*.pb.go
  (cd "$grpc_dir" && protoc -I. --go_out=paths=source_relative:. --go-grpc_out=paths=source_relative:. \
    interop/grpc_testing/test.proto)
  # Upstream listens on ":PORT", i.e. every interface. Tests must only ever use loopback.
  server_go="$grpc_dir/interop/server/server.go"
  sed -i 's/net\.Listen("tcp", ":"+p)/net.Listen("tcp", "127.0.0.1:"+p)/' "$server_go"
  grep -qF 'net.Listen("tcp", "127.0.0.1:"+p)' "$server_go" || die "could not patch the listen address in server.go"
  mkdir -p "$WORK/go-out"
  for prog in client server; do
    env GO111MODULE=off GOPROXY=off GOFLAGS= GOPATH="$gopath:/usr/share/gocode" GOCACHE="$WORK/gocache" \
      go build -o "$WORK/go-out/interop_$prog" "google.golang.org/grpc/interop/$prog"
  done
  mv -f "$WORK/go-out/interop_client" "$WORK/go-out/interop_server" "$BIN/"
  stamp go "$go_key"
  log "grpc-go interop client/server built"
fi

# ---- 4. reflection client (our Go source on Debian's grpc-go reflection stubs) -------------------
[ -f "$REFLECTION_SRC" ] || die "missing $REFLECTION_SRC"
# It imports github.com/golang/protobuf directly: golang-google-grpc-dev depends on either
# golang-github-golang-protobuf-1-3-dev or -1-5-dev, so the stamp takes whichever owns it.
pb_pkg=$(dpkg-query -S /usr/share/gocode/src/github.com/golang/protobuf/proto | cut -d: -f1 | tr -d ,)
refl_key="script=$script_hash src=$(sha256sum "$REFLECTION_SRC" | cut -c1-16) $(versions golang-go golang-google-grpc-dev $pb_pkg) $(go version)"
if up_to_date reflection "$refl_key" "$BIN/reflection_client"; then
  log "reflection client: up to date"
else
  log "building reflection client (GOPATH mode, offline)"
  # Everything it imports is in Debian's /usr/share/gocode; the overlay only holds its main package.
  gopath="$WORK/gopath-reflection"
  mkdir -p "$gopath/src/platform/reflection_client" "$WORK/go-out"
  cp "$REFLECTION_SRC" "$gopath/src/platform/reflection_client/"
  env GO111MODULE=off GOPROXY=off GOFLAGS= GOPATH="$gopath:/usr/share/gocode" GOCACHE="$WORK/gocache" \
    go build -o "$WORK/go-out/reflection_client" platform/reflection_client
  mv -f "$WORK/go-out/reflection_client" "$BIN/"
  stamp reflection "$refl_key"
  log "reflection client built"
fi

# ---- 5. C++ peer server -----------------------------------------------------------------------------
[ -f "$CPP_SRC" ] || die "missing $CPP_SRC"
cpp_key="script=$script_hash src=$(sha256sum "$CPP_SRC" | cut -c1-16) $(versions libgrpc++-dev libprotobuf-dev protobuf-compiler protobuf-compiler-grpc grpc-proto g++)"
if up_to_date cpp "$cpp_key" "$BIN/cpp_peer_server"; then
  log "C++ peer server: up to date"
else
  log "building C++ peer server (gRPC C++ $(pkg-config --modversion grpc++))"
  out="$WORK/cpp"
  mkdir -p "$out/gen"
  cp "$CPP_SRC" "$out/"   # keeps every path in the Makefile below free of spaces
  protoc -I"$PROTO_ROOT" --cpp_out="$out/gen" --grpc_out="$out/gen" --plugin=protoc-gen-grpc="$(command -v grpc_cpp_plugin)" \
    grpc/testing/test.proto grpc/testing/messages.proto grpc/testing/empty.proto
  # A throwaway Makefile so the five translation units compile in parallel (make -j).
  cflags="-O2 -std=c++17 -I$out/gen $(pkg-config --cflags grpc++ protobuf)"
  libs="$(pkg-config --libs grpc++ protobuf) -pthread"
  srcs="$out/cpp_peer_server.cc"
  for f in test.pb.cc test.grpc.pb.cc messages.pb.cc empty.pb.cc; do srcs="$srcs $out/gen/grpc/testing/$f"; done
  {
    objs=""
    for s in $srcs; do
      o="$out/$(basename "$s" .cc).o"
      objs="$objs $o"
      printf '%s: %s\n\tg++ %s -c %s -o %s\n' "$o" "$s" "$cflags" "$s" "$o"
    done
    printf '%s:%s\n\tg++ -o %s %s %s\n' "$out/cpp_peer_server" "$objs" "$out/cpp_peer_server" "$objs" "$libs"
  } >"$out/Makefile"
  make -s -f "$out/Makefile" -j "$(nproc)" "$out/cpp_peer_server"
  mv -f "$out/cpp_peer_server" "$BIN/"
  stamp cpp "$cpp_key"
  log "C++ peer server built"
fi

versions $PACKAGES | tr ' ' '\n' | sed '/^$/d' >"$PEERS_HOME/VERSIONS"
log "done in $((SECONDS - started)) s"
echo "$(cd "$BIN" && pwd)" >&3
