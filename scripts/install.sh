#!/usr/bin/env bash
# Installs what the demo and the tests need on a Debian 12 machine (as root): the Debian CNI plugins,
# iproute2, and the npm dependencies, which include Node 24 (the `node` package) so that every npm
# script runs on the Node this project pins, whatever the machine's own Node is.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(containernetworking-plugins iproute2 iputils-ping gcc libc6-dev containerd runc)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install: need root to install ${missing[*]} (apt-get)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "install: npm is missing; install Node.js and npm first (apt-get install -y nodejs npm)" >&2
  exit 1
fi
# Reinstall when the lockfile changed since the last install (npm writes node_modules/.package-lock.json).
if [ ! -x node_modules/.bin/node ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
