#!/usr/bin/env bash
# Starts the workbench (the command given, e.g. a product's carnot launcher) on a fresh Xvfb
# display and succeeds if it is still up after 20 s with no exception and no error entry in its
# log. Prints the log. Used by product-smoke.sh and install-test.sh.
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/releng/lib/xvfb.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"; stop_xvfb' EXIT
start_xvfb 1280x800x24
(DISPLAY=$xvfb_display CARNOT_CONSOLE_LOG=1 exec "$@") >"$work/gui.log" 2>&1 & gui=$!
sleep 20
alive=0; kill -0 $gui 2>/dev/null && alive=1
kill $gui 2>/dev/null; sleep 1; kill -9 $gui 2>/dev/null
cat "$work/gui.log"
[[ $alive == 1 ]] && ! grep -qE 'Exception|!ENTRY .* 4 ' "$work/gui.log"
