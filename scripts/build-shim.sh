#!/usr/bin/env bash
# Builds multus-shim (the only C in the project) as static binaries in dist/: the native one always,
# dist/multus-shim-arm64 too when Debian's aarch64 cross compiler is installed. Static, so the binary
# copied into the host's CNI bin dir does not depend on the host's libc.
set -euo pipefail
# ${0%/*} rather than dirname: this must reach the gcc check even with a PATH that has no coreutils.
cd "${0%/*}/.."

if ! command -v gcc >/dev/null 2>&1; then
  echo "build-shim: gcc not found; install it (Debian: apt-get install gcc libc6-dev) to build multus-shim" >&2
  exit 1
fi

mkdir -p dist
# Build to a temporary name and rename: the test files build concurrently, and a running shim must
# never be overwritten in place (ETXTBSY) or exec'd half-written.
build() { # <compiler> <output>
  local tmp="$2.tmp.$$"
  if ! "$1" -static -Os -Wall -Wextra -Werror -o "$tmp" shim/multus-shim.c; then
    rm -f "$tmp"
    echo "build-shim: $1 failed to build $2" >&2
    exit 1
  fi
  mv -f "$tmp" "$2"
  echo "build-shim: built $2"
}

build gcc dist/multus-shim
if command -v aarch64-linux-gnu-gcc >/dev/null 2>&1; then
  build aarch64-linux-gnu-gcc dist/multus-shim-arm64
else
  echo "build-shim: aarch64-linux-gnu-gcc not found; skipping dist/multus-shim-arm64"
fi
