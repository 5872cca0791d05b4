#!/usr/bin/env bash
# The one command that installs and runs Berth: `npm start`.
# Installs npm packages when needed, builds, then opens the desktop app where Electron can start
# (binary installed and a display present); otherwise serves the same UI with `npm run web`.
# Extra arguments go to the web server (e.g. --port 8080, --host 0.0.0.0 for a robot on the LAN).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[berth] installing npm packages"
  npm ci --no-fund --no-audit
fi
npm run --silent build

electron_path_file=node_modules/electron/path.txt
if [ -z "${BERTH_WEB:-}" ] && [ -f "$electron_path_file" ] && [ -e "node_modules/electron/dist/$(cat "$electron_path_file")" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] || [ "$(uname)" = Darwin ]; }; then
  exec npx electron .
fi
if [ ! -f "$electron_path_file" ]; then
  echo "[berth] The Electron binary is not installed (its download host may be unreachable): serving the web UI instead."
else
  echo "[berth] No display found: serving the web UI instead."
fi
exec node dist/electron/web.cjs "$@"
