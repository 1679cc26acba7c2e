#!/usr/bin/env bash
# The production install, checked end to end (.ci/run runs it): a copy of the checkout's tracked
# files, its dependencies without devDependencies, then `npm start` must build the widget, the
# admin page and the server and serve all three.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
server_pid=""
cleanup() {
  # npm start runs node under npm and sh: stop the whole process group.
  if [ -n "$server_pid" ]; then kill -- "-$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# Tracked files as they are in the working tree; no node_modules, dist or data.
(cd "$root" && git ls-files -z | xargs -0 cp --parents -t "$work")
cd "$work"

export npm_config_build_from_source=true
# The committed lockfile, exactly: npm ci fails if it is out of date, with no fallback.
npm ci --omit=dev --no-audit --no-fund
if [ -d node_modules/vitest ]; then
  echo "production install: devDependencies were installed"
  exit 1
fi

port="$(node -e "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => { console.log(s.address().port); s.close(); })")"
PORT="$port" HOST=127.0.0.1 DATA_DIR="$work/data" DEMO=false LOG_LEVEL=warn setsid npm start >"$work/start.log" 2>&1 &
server_pid=$!

# Every asset npm start builds must be served: the server answers, the widget, the admin page.
check() {
  node -e "
    const base = 'http://127.0.0.1:$port';
    const wanted = [['/healthz', 'application/json'], ['/widget.js', 'javascript'], ['/admin/login', 'text/html']];
    Promise.all(wanted.map(([path, type]) => fetch(base + path).then((r) =>
      r.ok && (r.headers.get('content-type') ?? '').includes(type) ? null : path + ' answered ' + r.status)))
      .then((failed) => { const bad = failed.filter(Boolean); if (bad.length) { console.error(bad.join('; ')); process.exit(1); } },
        () => process.exit(2));
  " 2>/dev/null
}
for _ in $(seq 1 240); do
  if check; then
    echo "production install: npm start builds and serves /healthz, /widget.js and /admin"
    exit 0
  fi
  if ! kill -0 "$server_pid" 2>/dev/null; then break; fi
  sleep 0.5
done
echo "production install: npm start did not serve its assets; its output:"
cat "$work/start.log"
exit 1
