#!/usr/bin/env bash
# The README's demo command: install what is needed, then run the demo on Node 24.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
bash scripts/build-shim.sh
npm run -s demo
