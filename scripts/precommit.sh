#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml) with pre-commit itself, for CI:
#   scripts/precommit.sh install    Debian's pre-commit, when it is not there yet (test/pipelines
#                                   then checks the manifest with it too)
#   scripts/precommit.sh try-repo   `pre-commit try-repo` of this repository on a sample
#                                   repository: pre-commit installs the hook as it would for a
#                                   user (npm install from the registry, npm pack, npm install -g)
#                                   and runs it; the hook must fail on the broken template with
#                                   its findings and leave the correct one and other JSON alone.
# try-repo takes the committed state plus changes to tracked files (not untracked ones).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"

case "${1:-}" in
install)
  if ! command -v pre-commit >/dev/null; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo=sudo
    log=$(mktemp)
    echo "installing pre-commit (Debian)"
    { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends pre-commit; } >"$log" 2>&1 ||
      { tail -40 "$log"; rm -f "$log"; exit 1; }
    rm -f "$log"
  fi
  pre-commit --version
  ;;
try-repo)
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  sample="$work/sample"
  mkdir -p "$sample/infra"
  cp examples/ase-v2-broken-nsg.json "$sample/infra/broken.json"
  cp examples/ase-v3.json "$sample/infra/v3.json"
  echo '{ "name": "app" }' >"$sample/package.json"
  git -C "$sample" init -q
  git -C "$sample" add .
  git -C "$sample" -c user.name=ci -c user.email=ci@localhost commit -q -m sample
  status=0
  (cd "$sample" && PRE_COMMIT_HOME="$work/home" pre-commit try-repo "$repo" ase-lint --all-files) >"$work/out.txt" 2>&1 || status=$?
  fail() {
    cat "$work/out.txt"
    echo "pre-commit try-repo: $1" >&2
    exit 1
  }
  [ "$status" = 1 ] || fail "expected the hook to fail (exit 1), got $status"
  grep -q '^infra/broken.json:27:21 error ASE101 ' "$work/out.txt" || fail "no ASE101 finding on infra/broken.json"
  grep -q '^infra/v3.json:' "$work/out.txt" && fail "a finding on the correct template"
  grep -q ' in 2 templates$' "$work/out.txt" || fail "expected 2 templates analysed (package.json skipped)"
  echo "pre-commit try-repo: the hook installed and failed on the broken template, as it should"
  ;;
*)
  echo "usage: scripts/precommit.sh install|try-repo" >&2
  exit 2
  ;;
esac
