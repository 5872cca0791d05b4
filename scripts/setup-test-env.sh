#!/usr/bin/env bash
# Installs and starts what Berth's integration and e2e tests need, when it is not already there:
#   - a Docker Engine (Debian docker.io, started with no bridge network),
#   - a local registry on 127.0.0.1:5000, one with htpasswd auth on 127.0.0.1:5001, and a read-only
#     mirror on 127.0.0.1:5002 serving :5000's storage (pulls work, every push is refused),
#   - Debian's Chromium for Playwright,
#   - the fixture images, built from busybox-static (no public registry can be pulled from),
#   - Debian's docker-compose,
#   - remote-engine fixtures (issue 13), all on loopback, under $BERTH_TEST_STATE/engines
#     (default /tmp/berth-test-env/engines); their paths are written to .test-env/engines.json
#     (gitignored), which the tests read (they skip, saying why, when it is missing):
#       ssh/                two loopback sshd (Debian openssh-server), their own host keys and configs:
#                           a jump host on 127.0.0.1:2222 and a target on 127.0.0.1:2223, both
#                           letting this user in with ssh/client_ed25519
#       ssh/config          test-owned ssh config (never ~/.ssh): aliases berth-target (direct),
#                           berth-target-via-jump (ProxyJump berth-jump), berth-target-via-dead-jump
#                           (ProxyJump to a closed port); ssh/known_hosts holds both host keys
#       ssh/bin/ssh         `ssh -F ssh/config`, so `PATH=ssh/bin:$PATH docker -H ssh://berth-target`
#                           reaches the main engine the way the docker CLI does
#       tls/                CA, server cert (IP:127.0.0.1) and keys by openssl; tls/client is a
#                           DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem); tls/other-client has a
#                           client cert from a second CA (the engine refuses it)
#       tls-engine/         a second dockerd serving only TCP+TLS on 127.0.0.1:2376 (own data and
#                           exec root, pidfile, containerd namespace; no bridge, no iptables) with
#                           the busybox fixture image loaded; started only where this script may
#                           run dockerd (root): elsewhere engines.json says why it is absent
#       docker-config/      a DOCKER_CONFIG holding the context berth-test-tls (docker context
#                           create) for the TLS engine; the user's ~/.docker is never touched
#   `setup-test-env.sh --engines-only` does only the remote-engine part (the main engine must be up).
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
  setsid nohup dockerd --bridge=none --iptables=false --ip6tables=false \
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
  setsid nohup docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
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

engines_dir="$state_dir/engines"
ssh_dir="$engines_dir/ssh"
tls_dir="$engines_dir/tls"
tls_engine_dir="$engines_dir/tls-engine"
docker_config_dir="$engines_dir/docker-config"
ssh_jump_port=2222
ssh_target_port=2223
ssh_dead_port=2221
# The test-only passphrase of ssh/client_passphrase_ed25519 (a key that only opens these loopback sshds).
ssh_key_passphrase='berth test key words'
tls_port=2376
tls_context=berth-test-tls

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_sshd NAME PORT: a loopback-only sshd with its own host key, letting in ssh/client_ed25519.
start_sshd() {
  local name=$1 port=$2 conf="$ssh_dir/sshd-$1.conf"
  [ -f "$ssh_dir/host-$name" ] || ssh-keygen -q -t ed25519 -N '' -C "berth-test-$name" -f "$ssh_dir/host-$name"
  cat >"$conf" <<SSHD
# Berth test sshd ($name): loopback only, keys only, this user only.
ListenAddress 127.0.0.1
Port $port
HostKey $ssh_dir/host-$name
PidFile $ssh_dir/sshd-$name.pid
AuthorizedKeysFile $ssh_dir/authorized_keys
AllowUsers $(id -un)
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
# The fixtures live under /tmp, which is world-writable: sshd's ownership checks would refuse them.
StrictModes no
LogLevel VERBOSE
SSHD
  local pidfile="$ssh_dir/sshd-$name.pid"
  if port_open "$port"; then
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then log "sshd $name already on 127.0.0.1:$port"; return 0; fi
    ssh_skipped="127.0.0.1:$port is taken by something other than this script's sshd $name (its host key would not match)"
    return 1
  fi
  # sshd's privilege separation folder (root only; a non-root sshd runs without it).
  mkdir -p /run/sshd 2>/dev/null || true
  log "starting sshd $name on 127.0.0.1:$port"
  if ! /usr/sbin/sshd -f "$conf" -E "$ssh_dir/sshd-$name.log"; then
    ssh_skipped="sshd $name would not start (see $ssh_dir/sshd-$name.log)"
    return 1
  fi
  for _ in $(seq 1 40); do
    port_open "$port" && return 0
    sleep 0.25
  done
  ssh_skipped="sshd $name did not come up on 127.0.0.1:$port (see $ssh_dir/sshd-$name.log)"
  return 1
}

# Why the SSH engines are absent, or empty when they run.
ssh_skipped=""

setup_ssh_engines() {
  if ! dpkg -s openssh-server >/dev/null 2>&1 && [ "$(id -u)" != 0 ]; then
    ssh_skipped="openssh-server is not installed, and installing it needs root"
    log "SSH engines skipped: $ssh_skipped"
    return 0
  fi
  # (Where apt may start services, Debian's own sshd starts too; ours are separate, on loopback.)
  apt_install openssh-server openssh-client
  mkdir -p "$ssh_dir/bin"
  chmod 700 "$ssh_dir"
  [ -f "$ssh_dir/client_ed25519" ] || ssh-keygen -q -t ed25519 -N '' -C berth-test-client -f "$ssh_dir/client_ed25519"
  # A second key, locked with a passphrase the tests know, for the passphrase dialog's test.
  [ -f "$ssh_dir/client_passphrase_ed25519" ] ||
    ssh-keygen -q -t ed25519 -N "$ssh_key_passphrase" -C berth-test-passphrase -f "$ssh_dir/client_passphrase_ed25519"
  cat "$ssh_dir/client_ed25519.pub" "$ssh_dir/client_passphrase_ed25519.pub" >"$ssh_dir/authorized_keys"
  if ! start_sshd jump $ssh_jump_port || ! start_sshd target $ssh_target_port; then
    log "SSH engines skipped: $ssh_skipped"
    return 0
  fi
  {
    printf '[127.0.0.1]:%s %s\n' $ssh_jump_port "$(cut -d' ' -f1,2 "$ssh_dir/host-jump.pub")"
    printf '[127.0.0.1]:%s %s\n' $ssh_target_port "$(cut -d' ' -f1,2 "$ssh_dir/host-target.pub")"
  } >"$ssh_dir/known_hosts"
  local common="  User $(id -un)
  IdentityFile $ssh_dir/client_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $ssh_dir/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
  BatchMode yes"
  cat >"$ssh_dir/config" <<SSHCONF
# Berth's test ssh config (written by scripts/setup-test-env.sh; not the user's ~/.ssh).
Host berth-jump
  HostName 127.0.0.1
  Port $ssh_jump_port
$common

Host berth-target
  HostName 127.0.0.1
  Port $ssh_target_port
$common

Host berth-target-via-jump
  HostName 127.0.0.1
  Port $ssh_target_port
  ProxyJump berth-jump
$common

# Nothing listens on the jump port here: proves the ProxyJump is really taken.
Host berth-dead-jump
  HostName 127.0.0.1
  Port $ssh_dead_port
$common

Host berth-target-via-dead-jump
  HostName 127.0.0.1
  Port $ssh_target_port
  ProxyJump berth-dead-jump
$common

# The passphrase-locked key and no agent: ssh has to ask (no BatchMode), and Berth asks the user.
Host berth-target-passphrase
  HostName 127.0.0.1
  Port $ssh_target_port
  User $(id -un)
  IdentityFile $ssh_dir/client_passphrase_ed25519
  IdentitiesOnly yes
  IdentityAgent none
  UserKnownHostsFile $ssh_dir/known_hosts
  GlobalKnownHostsFile /dev/null
  StrictHostKeyChecking yes
SSHCONF
  printf '#!/bin/sh\n# ssh with the test config, for `docker -H ssh://berth-target` (the CLI runs ssh from PATH).\nexec /usr/bin/ssh -F %s "$@"\n' \
    "$ssh_dir/config" >"$ssh_dir/bin/ssh"
  chmod +x "$ssh_dir/bin/ssh"
  if ! PATH="$ssh_dir/bin:$PATH" docker -H ssh://berth-target version --format '{{.Server.Version}}' >/dev/null; then
    # On a machine whose engine is not the target's default socket (rootless, DOCKER_HOST), say so.
    ssh_skipped="docker -H ssh://berth-target does not reach an engine (the far side uses its default socket; see $ssh_dir/sshd-target.log)"
    log "SSH engines skipped: $ssh_skipped"
    return 0
  fi
  log "ssh engines: docker -H ssh://berth-target answers (direct on :$ssh_target_port, via the jump host on :$ssh_jump_port)"
}

# make_cert NAME CA_PREFIX EXT: an EC key and a certificate signed by that CA.
make_cert() {
  local name=$1 ca=$2 ext=$3
  openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -subj "/CN=berth-test-$name" \
    -keyout "$tls_dir/$name-key.pem" -out "$tls_dir/$name.csr" 2>/dev/null
  openssl x509 -req -days 3650 -in "$tls_dir/$name.csr" -CA "$tls_dir/$ca.pem" -CAkey "$tls_dir/$ca-key.pem" \
    -CAcreateserial -extfile <(printf '%s\n' "$ext") -out "$tls_dir/$name-cert.pem" 2>/dev/null
  rm -f "$tls_dir/$name.csr"
}

make_tls_files() {
  [ -f "$tls_dir/other-client/cert.pem" ] && return 0
  log "making TLS test certificates in $tls_dir"
  mkdir -p "$tls_dir/client" "$tls_dir/other-client"
  chmod 700 "$tls_dir"
  local ca
  for ca in ca other-ca; do
    openssl req -x509 -new -nodes -days 3650 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
      -subj "/CN=Berth test $ca" -keyout "$tls_dir/$ca-key.pem" -out "$tls_dir/$ca.pem" 2>/dev/null
  done
  make_cert server ca $'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth'
  make_cert client ca 'extendedKeyUsage=clientAuth'
  make_cert other-client other-ca 'extendedKeyUsage=clientAuth'
  # DOCKER_CERT_PATH layouts. other-client trusts the real CA (so the engine is verified) but its own
  # certificate comes from the other CA: the engine must refuse it.
  cp "$tls_dir/ca.pem" "$tls_dir/client/ca.pem"
  cp "$tls_dir/client-cert.pem" "$tls_dir/client/cert.pem"
  cp "$tls_dir/client-key.pem" "$tls_dir/client/key.pem"
  cp "$tls_dir/ca.pem" "$tls_dir/other-client/ca.pem"
  cp "$tls_dir/other-client-cert.pem" "$tls_dir/other-client/cert.pem"
  cp "$tls_dir/other-client-key.pem" "$tls_dir/other-client/key.pem"
}

tls_docker() { DOCKER_HOST="tcp://127.0.0.1:$tls_port" DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH="$tls_dir/client" docker "$@"; }

# Why the TLS engine is absent, or empty when it runs.
tls_engine_skipped=""

start_tls_engine() {
  if tls_docker version >/dev/null 2>&1; then log "TLS engine already on 127.0.0.1:$tls_port"; return 0; fi
  if [ "$(id -u)" != 0 ] || ! command -v dockerd >/dev/null 2>&1; then
    tls_engine_skipped="this script starts the TLS engine with dockerd as root; here it runs as $(id -un)$(command -v dockerd >/dev/null || echo ' without dockerd')"
    log "TLS engine skipped: $tls_engine_skipped"
    return 0
  fi
  if port_open $tls_port; then
    tls_engine_skipped="127.0.0.1:$tls_port is taken by something that is not this script's TLS engine"
    log "TLS engine skipped: $tls_engine_skipped"
    return 0
  fi
  mkdir -p "$tls_engine_dir/data" "$tls_engine_dir/exec"
  echo '{}' >"$tls_engine_dir/daemon.json"
  log "starting the TLS engine on 127.0.0.1:$tls_port (logs in $tls_engine_dir/dockerd.log)"
  # Its own roots, pidfile and containerd namespace: it shares nothing with the main engine.
  setsid nohup dockerd --config-file "$tls_engine_dir/daemon.json" \
    --data-root "$tls_engine_dir/data" --exec-root "$tls_engine_dir/exec" --pidfile "$tls_engine_dir/dockerd.pid" \
    --containerd-namespace berth-tls --containerd-plugins-namespace berth-tls-plugins \
    -H "tcp://127.0.0.1:$tls_port" --tlsverify --tlscacert "$tls_dir/ca.pem" \
    --tlscert "$tls_dir/server-cert.pem" --tlskey "$tls_dir/server-key.pem" \
    --bridge=none --iptables=false --ip6tables=false >"$tls_engine_dir/dockerd.log" 2>&1 &
  for _ in $(seq 1 80); do
    tls_docker version >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "[setup] the TLS engine did not come up; last lines of its log:" >&2
  tail -20 "$tls_engine_dir/dockerd.log" >&2
  exit 1
}

load_tls_fixtures() {
  [ -n "$tls_engine_skipped" ] && return 0
  if ! tls_docker image inspect berth-fixture/busybox:latest >/dev/null 2>&1; then
    log "loading berth-fixture/busybox:latest into the TLS engine"
    docker save berth-fixture/busybox:latest | tls_docker load -q >/dev/null
  fi
  if ! DOCKER_CONFIG="$docker_config_dir" docker context inspect "$tls_context" >/dev/null 2>&1; then
    log "creating docker context $tls_context (DOCKER_CONFIG=$docker_config_dir)"
    mkdir -p "$docker_config_dir"
    DOCKER_CONFIG="$docker_config_dir" docker context create "$tls_context" --description 'Berth test TLS engine' \
      --docker "host=tcp://127.0.0.1:$tls_port,ca=$tls_dir/client/ca.pem,cert=$tls_dir/client/cert.pem,key=$tls_dir/client/key.pem" >/dev/null
  fi
  DOCKER_CONFIG="$docker_config_dir" docker --context "$tls_context" version --format '{{.Server.Version}}' >/dev/null
}

json_string() { node -e 'process.stdout.write(JSON.stringify(process.argv[1]))' "$1"; }

write_engines_file() {
  local out="$here/../.test-env/engines.json" ssh_json tls_json
  mkdir -p "$(dirname "$out")"
  if [ -n "$ssh_skipped" ]; then
    ssh_json="{ \"skipped\": $(json_string "$ssh_skipped") }"
  else
    ssh_json="{
    \"configFile\": $(json_string "$ssh_dir/config"),
    \"knownHostsFile\": $(json_string "$ssh_dir/known_hosts"),
    \"identityFile\": $(json_string "$ssh_dir/client_ed25519"),
    \"user\": $(json_string "$(id -un)"),
    \"targetPort\": $ssh_target_port,
    \"jumpPort\": $ssh_jump_port,
    \"targetHostKey\": $(json_string "$ssh_dir/host-target.pub"),
    \"jumpHostKey\": $(json_string "$ssh_dir/host-jump.pub"),
    \"directAlias\": \"berth-target\",
    \"viaJumpAlias\": \"berth-target-via-jump\",
    \"viaDeadJumpAlias\": \"berth-target-via-dead-jump\",
    \"passphrase\": {
      \"alias\": \"berth-target-passphrase\",
      \"keyFile\": $(json_string "$ssh_dir/client_passphrase_ed25519"),
      \"passphrase\": $(json_string "$ssh_key_passphrase")
    },
    \"binDir\": $(json_string "$ssh_dir/bin")
  }"
  fi
  if [ -n "$tls_engine_skipped" ]; then
    tls_json="{ \"skipped\": $(json_string "$tls_engine_skipped") }"
  else
    tls_json="{
    \"host\": \"tcp://127.0.0.1:$tls_port\",
    \"certPath\": $(json_string "$tls_dir/client"),
    \"otherCaCertPath\": $(json_string "$tls_dir/other-client"),
    \"dockerConfig\": $(json_string "$docker_config_dir"),
    \"context\": \"$tls_context\"
  }"
  fi
  cat >"$out" <<JSON
{
  "ssh": $ssh_json,
  "tls": $tls_json,
  "compose": $(json_string "$(command -v docker-compose || true)")
}
JSON
  log "remote-engine fixtures listed in $(cd "$(dirname "$out")" && pwd)/engines.json"
}

setup_remote_engines() {
  apt_install openssl
  # python3-paramiko: docker-compose 1.29's docker-py refuses DOCKER_HOST=ssh:// without it (even when it dials through ssh).
  if [ "$(id -u)" = 0 ] || dpkg -s docker-compose python3-paramiko >/dev/null 2>&1; then
    apt_install docker-compose python3-paramiko
  else
    log "docker-compose or python3-paramiko not installed (needs root)"
  fi
  setup_ssh_engines
  make_tls_files
  start_tls_engine
  load_tls_fixtures
  write_engines_file
}

if [ "${1:-}" = --engines-only ]; then
  engine_up || { echo "[setup] --engines-only needs the main engine running" >&2; exit 1; }
  setup_remote_engines
  exit 0
fi

apt_install curl file ca-certificates
start_engine
apt_install docker-registry apache2-utils
start_registry 5000 open
start_registry 5001 auth
start_registry 5002 readonly
command -v chromium >/dev/null 2>&1 || apt_install chromium
build_fixtures
setup_remote_engines
log "ready: engine $(docker version --format '{{.Server.Version}}' 2>/dev/null), registries :5000, :5001 (auth) and :5002 (read-only mirror of :5000), chromium $(chromium --version 2>/dev/null | awk '{print $2}'), ssh engines ${ssh_skipped:+skipped}${ssh_skipped:-:2222/:2223}, TLS engine ${tls_engine_skipped:+skipped}${tls_engine_skipped:-:2376}"
