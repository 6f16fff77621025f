#!/usr/bin/env bash
# Checks that node and npm are installed and that node is new enough for the dashboard's tooling
# (web/package.json "engines": Vite 6, Vitest 3 and playwright-core 1.61 support Node >= 18,
# which is what Debian 12 ships). Used by setup.sh, run.sh and test.sh; exits 1 with the reason.
#   ./scripts/check-node.sh
set -euo pipefail
MIN_NODE_MAJOR=18
fix="install Debian's nodejs and npm (./scripts/setup.sh as root does), or put a Node.js >= $MIN_NODE_MAJOR first on PATH"
command -v node >/dev/null 2>&1 || { echo "aisov: node not found: $fix" >&2; exit 1; }
command -v npm >/dev/null 2>&1 || { echo "aisov: npm not found: $fix" >&2; exit 1; }
version=$(node -p 'process.versions.node' 2>/dev/null) || { echo "aisov: $(command -v node) does not run: $fix" >&2; exit 1; }
major=${version%%.*}
if ! [ "$major" -ge "$MIN_NODE_MAJOR" ] 2>/dev/null; then
  echo "aisov: Node.js $version ($(command -v node)) is too old: the dashboard's tooling needs Node.js >= $MIN_NODE_MAJOR; $fix" >&2
  exit 1
fi
