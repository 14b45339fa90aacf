#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (real servers and peers the tests start on loopback).
# Idempotent: only missing packages are installed. Needs root (or sudo); without either it says which
# packages are missing and fails, rather than letting tests that need them be skipped.
set -euo pipefail

# Keep this list in step with the test projects that use each package.
packages=(
  ca-certificates
  redis-server    # the cache tests start their own redis-server on a free port
  redis-tools     # redis-benchmark, the reference C client in the redis benchmark
  postgresql      # the document tests start their own PostgreSQL cluster on a free port
  chromium        # Platform.Site.Tests: the browser Playwright drives headless (never a downloaded one)
  fonts-dejavu-core  # … and a font for it to render the pages and screenshots with
)

# Tools a machine may already have from another vendor's package (kubectl from the Kubernetes
# repository, node and npm from NodeSource): Debian's package is added only when the command is
# missing, since installing it beside the other package would conflict over the same files.
command -v kubectl >/dev/null || packages+=(kubernetes-client)  # Platform.Deploy.Tests: kubectl kustomize
# The overlays use kustomize's current fields (resources, patches), which need kubectl 1.21 or newer; Debian 12's
# kubernetes-client is 1.20. Say so up front rather than let the deploy tests fail on it.
if ! command -v kubectl >/dev/null || [ "$(kubectl version --client 2>/dev/null | sed -n 's/^Client Version: v1\.\([0-9]*\).*/\1/p')" -lt 21 ] 2>/dev/null; then
  echo "prerequisites: kubectl 1.21 or newer is needed to render deploy/k8s (Debian 12 packages 1.20);" \
    "install it from the Kubernetes package repository (pkgs.k8s.io)" >&2
fi
command -v node >/dev/null || packages+=(nodejs)                # Platform.Deploy.Tests: deploy/k8s/validate
command -v npm >/dev/null || packages+=(npm)                    # … and its npm ci

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "prerequisites: installing ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
  echo "prerequisites: missing ${missing[*]}; run as root or install them with apt-get" >&2
  exit 1
fi

# A private TMPDIR avoids "cannot access archive /tmp/apt-dpkg-install-…" on some machines.
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
# Never let a package's postinst start a system service (nginx on :80, redis on :6379, postgres on :5432):
# the tests start their own servers on free loopback ports.
policy_created=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' | $sudo tee /usr/sbin/policy-rc.d >/dev/null
  $sudo chmod +x /usr/sbin/policy-rc.d
  policy_created=1
fi
cleanup_policy() { [ -n "$policy_created" ] && $sudo rm -f /usr/sbin/policy-rc.d; rm -rf "$tmp"; }
trap cleanup_policy EXIT

export DEBIAN_FRONTEND=noninteractive
$sudo env TMPDIR="$tmp" apt-get update -qq
$sudo env TMPDIR="$tmp" DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
