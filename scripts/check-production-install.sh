#!/usr/bin/env bash
# The install paths, checked end to end on a copy of the checkout's tracked files (.ci/run runs it):
# 1. quick start: `npm ci`, then `npm start` builds what dist/ lacks and serves it;
# 2. production: `npm run build && npm prune --omit=dev` (no build tools left), then `npm start`
#    serves without building anything, twice; the second start's time to /healthz is reported.
# Every start is stopped with SIGTERM to the npm process, which must exit 0 and leave no server.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Tracked files as they are in the working tree; no node_modules, dist or data.
(cd "$root" && git ls-files -z | xargs -0 cp --parents -t "$work")
cd "$work"

export npm_config_build_from_source=true
# The committed lockfile, exactly: npm ci fails if it is out of date, with no fallback.
npm ci --no-audit --no-fund

node scripts/start-and-stop.mjs "quick start (dist/ missing, built by npm start)" "$work/data"

npm run build
npm prune --omit=dev --no-audit --no-fund
for tool in vite esbuild tsx vitest; do
  if [ -e "node_modules/$tool" ]; then
    echo "production install: $tool is still installed after npm prune --omit=dev"
    exit 1
  fi
done

built="$(find dist -type f -printf '%p %T@\n' | sort)"
node scripts/start-and-stop.mjs "production, first start" "$work/data"
node scripts/start-and-stop.mjs "production, second start" "$work/data"
if [ "$built" != "$(find dist -type f -printf '%p %T@\n' | sort)" ]; then
  echo "production install: npm start rebuilt dist/ although it was up to date"
  exit 1
fi
echo "production install: npm ci && npm run build && npm prune --omit=dev, then npm start serves without building"
