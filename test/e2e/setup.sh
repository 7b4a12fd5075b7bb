#!/usr/bin/env bash
# Makes a machine ready for the end-to-end tests (code-server 4.100.3 + Debian's Chromium via playwright-core),
# from the npm registry and Debian packages only. Idempotent: when everything is in place it returns in well
# under a second (plus the VSIX rebuild when the extension's sources changed). See docs/e2e.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
say() { printf 'e2e setup: %s\n' "$*" >&2; }

# Several test runs may start at once (other folders' test runs, CI retries): one setup at a time.
exec 9>"${TMPDIR:-/tmp}/tts-batch-e2e-setup.lock"
flock 9

# --- 1. System packages: Chromium (the browser), ripgrep (seeds @vscode/ripgrep), libkrb5-dev (kerberos builds
#        from source), a C++ toolchain for the native modules, a CJK font (1.6 MB) so that screenshots show
#        Chinese task text instead of empty boxes
missing=()
command -v chromium >/dev/null 2>&1 || [ -n "${TTS_E2E_CHROMIUM:-}" ] || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || missing+=(fonts-wqy-microhei)
# node-gyp builds node-pty and kerberos: a compiler, make and Python
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    say "missing Debian packages: ${missing[*]}. Install them as root: apt-get update && apt-get install -y ${missing[*]}"
    exit 1
  fi
  say "installing ${missing[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- 2. code-server and playwright-core in test/e2e/node_modules (their own lock: the main install stays light)
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" != 20 ]; then
  say "code-server 4.100.3 needs Node 20 (this is $(node --version))"
  exit 1
fi
stamp="$here/node_modules/.tts-e2e-installed"
want="$(sha256sum "$here/package-lock.json" | cut -d' ' -f1) node-abi-$(node -p process.versions.modules)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] \
   || [ ! -f "$here/node_modules/code-server/out/node/entry.js" ] || [ ! -d "$here/node_modules/playwright-core" ]; then
  # @vscode/ripgrep's postinstall downloads rg from GitHub unless its cache already holds the tarball:
  # seed the cache with Debian's rg.
  rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
  rg_tar="$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  if [ ! -s "$rg_tar" ]; then
    mkdir -p "$rg_cache"
    tar czf "$rg_tar" -C "$(dirname "$(command -v rg)")" rg
  fi
  # Node headers for the native modules (node-pty, kerberos) come from the installed Node, not from the network.
  nodedir="$(dirname "$(dirname "$(command -v node)")")"
  [ -f "$nodedir/include/node/node.h" ] || nodedir=/usr
  say "installing code-server and playwright-core in test/e2e (npm ci, about 2 minutes)"
  start=$(date +%s)
  # unsafe_perm: root installs of code-server run its postinstall; yes: node-pty's postinstall calls `npx node-gyp`.
  (cd "$here" && npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir="$nodedir" \
      npm ci --no-audit --no-fund --loglevel=error)
  [ -f "$here/node_modules/code-server/lib/vscode/node_modules/node-pty/build/Release/pty.node" ] \
    || { say "code-server's postinstall did not build node-pty (see the npm output above)"; exit 1; }
  printf '%s' "$want" >"$stamp"
  say "installed in $(( $(date +%s) - start )) s"
fi

# --- 3. The VSIX under test, rebuilt when any file that goes into it is newer
vsix="$root/dist/tts-batch.vsix"
if [ -n "${TTS_E2E_VSIX:-}" ]; then
  [ -f "$TTS_E2E_VSIX" ] || { say "TTS_E2E_VSIX=$TTS_E2E_VSIX does not exist"; exit 1; }
else
  stale=""
  if [ ! -f "$vsix" ]; then
    stale="missing"
  else
    sources=()
    for p in client server inference cli schemas models l10n package.json package.nls.json package.nls.zh-cn.json .vscodeignore LICENSE README.md; do
      [ -e "$root/$p" ] && sources+=("$root/$p")
    done
    newer="$(find "${sources[@]}" -newer "$vsix" -type f -print -quit 2>/dev/null || true)"
    [ -n "$newer" ] && stale="older than ${newer#"$root/"}"
  fi
  if [ -n "$stale" ]; then
    say "packaging the extension (dist/tts-batch.vsix $stale)"
    [ -d "$root/node_modules/@vscode/vsce" ] || { say "run npm ci in $root first (vsce is a dev dependency)"; exit 1; }
    (cd "$root" && npm run --silent package >/dev/null)
    [ -f "$vsix" ] || { say "npm run package did not produce $vsix"; exit 1; }
  fi
fi
