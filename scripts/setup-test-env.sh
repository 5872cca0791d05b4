#!/usr/bin/env bash
# Installs and starts what Berth's integration and e2e tests need, when it is not already there:
#   - a Docker Engine (Debian docker.io, started with no bridge network),
#   - a local registry on 127.0.0.1:5000, one with htpasswd auth on 127.0.0.1:5001, and a read-only
#     mirror on 127.0.0.1:5002 serving :5000's storage (pulls work, every push is refused),
#   - Debian's Chromium for Playwright,
#   - the fixture images, built from busybox-static (no public registry can be pulled from).
# On a machine that already has a running engine (a user's laptop) it uses that engine and only
# touches resources labelled berth.test-fixture=true.
# Idempotent: safe to run again.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
state_dir="${BERTH_TEST_STATE:-/tmp/berth-test-env}"
mkdir -p "$state_dir"
log() { printf '[setup] %s\n' "$*"; }

need_root() {
  if [ "$(id -u)" != 0 ]; then
    echo "[setup] '$1' is missing and installing it needs root (run as root, or install it yourself)." >&2
    exit 1
  fi
}

apt_updated=0
apt_install() {
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  need_root "${missing[*]}"
  if [ $apt_updated = 0 ]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_updated=1
  fi
  log "installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

engine_up() { docker info >/dev/null 2>&1; }

start_engine() {
  if engine_up; then
    log "Docker Engine already running: using it"
    return 0
  fi
  if [ -n "${DOCKER_HOST:-}" ]; then
    echo "[setup] DOCKER_HOST=$DOCKER_HOST is set but no engine answers there." >&2
    exit 1
  fi
  command -v dockerd >/dev/null 2>&1 || apt_install docker.io
  need_root dockerd
  log "starting dockerd (no bridge network, logs in $state_dir/dockerd.log)"
  # No bridge: containers get loopback only, --network host works; no traffic leaves the machine.
  nohup dockerd --bridge=none --iptables=false --ip6tables=false \
    >"$state_dir/dockerd.log" 2>&1 &
  echo $! >"$state_dir/dockerd.pid"
  for _ in $(seq 1 60); do
    engine_up && { log "dockerd is up"; return 0; }
    sleep 0.5
  done
  echo "[setup] dockerd did not come up; last lines of its log:" >&2
  tail -20 "$state_dir/dockerd.log" >&2
  exit 1
}

registry_up() { curl -fsS -o /dev/null "http://127.0.0.1:$1/v2/" 2>/dev/null || [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/v2/")" = 401 ]; }

# start_registry PORT MODE: MODE is open, auth (htpasswd), or readonly (serves :5000's storage and
# refuses every write: a registry a push is denied on, whatever the credentials).
start_registry() {
  local port=$1 mode=$2 dir="$state_dir/registry-$1"
  if registry_up "$port"; then log "registry on 127.0.0.1:$port already running"; return 0; fi
  local data="$dir/data"
  [ "$mode" = readonly ] && data="$state_dir/registry-5000/data"
  mkdir -p "$dir" "$data"
  {
    echo "version: 0.1"
    echo "log: {level: warn}"
    if [ "$mode" = readonly ]; then
      # Read-only maintenance mode: uploads answer 405; no upload purger on a directory :5000 owns.
      echo "storage: {filesystem: {rootdirectory: $data}, maintenance: {readonly: {enabled: true}, uploadpurging: {enabled: false}}}"
    else
      echo "storage: {filesystem: {rootdirectory: $data}, delete: {enabled: true}}"
    fi
    echo "http: {addr: 127.0.0.1:$port}"
    if [ "$mode" = auth ]; then
      echo "auth: {htpasswd: {realm: berth-test, path: $dir/htpasswd}}"
    fi
  } >"$dir/config.yml"
  if [ "$mode" = auth ]; then
    # Test-only account for the authenticated registry (see e2e/fixtures).
    htpasswd -Bbn berth berth-secret >"$dir/htpasswd"
  fi
  log "starting registry on 127.0.0.1:$port ($mode)"
  nohup docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
  echo $! >"$dir/pid"
  for _ in $(seq 1 40); do
    registry_up "$port" && return 0
    sleep 0.25
  done
  echo "[setup] registry on port $port did not come up:" >&2
  tail -20 "$dir/registry.log" >&2
  exit 1
}

build_fixtures() {
  local bb
  bb=$(command -v busybox || true)
  if [ -z "$bb" ] || ! file -L "$bb" 2>/dev/null | grep -q 'statically linked'; then
    apt_install busybox-static
    bb=/bin/busybox
  fi
  local ctx="$state_dir/fixture-busybox"
  mkdir -p "$ctx"
  cp -f "$bb" "$ctx/busybox"
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
RUN ["/bin/busybox", "--install", "-s", "/bin"]
LABEL berth.test-fixture=true
CMD ["sh"]
DOCKERFILE
  if ! docker image inspect berth-fixture/busybox:latest >/dev/null 2>&1; then
    log "building fixture image berth-fixture/busybox:latest"
    docker build -q -t berth-fixture/busybox:latest "$ctx" >/dev/null
  fi
}

apt_install curl file ca-certificates
start_engine
apt_install docker-registry apache2-utils
start_registry 5000 open
start_registry 5001 auth
start_registry 5002 readonly
command -v chromium >/dev/null 2>&1 || apt_install chromium
build_fixtures
log "ready: engine $(docker version --format '{{.Server.Version}}' 2>/dev/null), registries :5000, :5001 (auth) and :5002 (read-only mirror of :5000), chromium $(chromium --version 2>/dev/null | awk '{print $2}')"
