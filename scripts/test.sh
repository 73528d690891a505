#!/usr/bin/env bash
# The README's test command: install what is needed, then type-check and run the whole suite on Node 24.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
npm test
