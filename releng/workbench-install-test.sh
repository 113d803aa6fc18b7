#!/usr/bin/env bash
# Help > Install New Software... and Help > Installed Software in the real product, driven as a user
# drives them (keyboard, xdotool) on a private Xvfb display: unpacks the product archive, starts the
# workbench, installs carnot.examples.feature from the add-on repository zip through the dialog
# (the provisioning service runs the installation's own `carnot install` in a child process, since
# the workbench runs on a per-process configuration), restarts through "Restart Now", uninstalls the
# add-on through Installed Software, and checks the installation after each step (config.ini,
# plugins/, `carnot list-installed`). Screenshots of both dialogs go to $CARNOT_SCREENSHOTS if set.
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
archive=$(ls "$root"/product/target/products/carnot-*-linux.gtk.x86_64.tar.gz 2>/dev/null | head -1)
addons=$(ls "$root"/examples/carnot.examples.repository/target/carnot-addons-repository-*.zip 2>/dev/null | head -1)
[[ -f $archive && -f $addons ]] || { echo "workbench install test: build first (no product archive or add-on zip)" >&2; exit 2; }
for tool in Xvfb xdotool; do
  command -v $tool >/dev/null || { echo "workbench install test: needs $tool (releng/setup.sh --gui-tools)" >&2; exit 2; }
done
source "$root/releng/lib/checks.sh" "workbench install"
xvfb="" gui=""
stop_all() {
  [[ -n $gui ]] && kill "$gui" 2>/dev/null && sleep 2
  [[ -n $gui ]] && kill -9 "$gui" 2>/dev/null
  [[ -n $xvfb ]] && kill "$xvfb" 2>/dev/null
  remove_work
}
trap stop_all EXIT
mkdir -p "$work/install" "$work/workspace"
tar --warning=no-unknown-keyword -xzf "$archive" -C "$work/install" || { echo "workbench install test: cannot unpack $archive" >&2; exit 1; }
installation="$work/install/carnot"
shots="${CARNOT_SCREENSHOTS:-}"

# -displayfd: Xvfb picks a free display, so parallel tests on one machine do not collide.
Xvfb -displayfd 3 -screen 0 1280x900x24 -nolisten tcp 3>"$work/display" >/dev/null 2>&1 & xvfb=$!
for _ in $(seq 50); do [[ -s $work/display ]] && break; sleep 0.2; done
export DISPLAY=":$(cat "$work/display")"
"$installation/carnot" gui -w "$work/workspace" >"$work/gui.log" 2>&1 & gui=$!

window() { # title regex, seconds: waits until a visible window of that title exists, focuses it
  local id
  for _ in $(seq $(($2 * 2))); do
    id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | tail -1)
    if [[ -n $id ]]; then xdotool windowfocus --sync "$id" 2>/dev/null; echo "$id"; return 0; fi
    sleep 0.5
  done
  return 1
}
until_true() { # seconds, command
  local seconds=$1; shift
  for _ in $(seq $((seconds * 2))); do "$@" && return 0; sleep 0.5; done
  return 1
}
shot() { [[ -n $shots ]] && mkdir -p "$shots" && import -window root "$shots/$1.png" 2>/dev/null; return 0; }
keys() { xdotool key --clearmodifiers --delay 150 "$@"; sleep 0.5; }
installed_in_config() { grep -q 'org.example.carnot.spectrum' "$installation/configuration/config.ini"; }
jars_present() { ls "$installation/plugins" | grep -qE '^org.example.carnot.(spectrum|fisherrao)_'; }

echo "workbench install test: $addons into $installation (DISPLAY=$DISPLAY)"
if main=$(window '^Carnot *$' 120); then ok "the workbench is up"; else fail "the workbench is up" "$work/gui.log"; summary; exit 1; fi
sleep 3
keys alt+h i
if dialog=$(window '^Install New Software *$' 30); then ok "Help > Install New Software... opens the dialog"
else fail "Help > Install New Software... opens the dialog" "$work/gui.log"; summary; exit 1; fi
keys alt+r
xdotool type --delay 20 "$addons"; keys alt+l
sleep 8
shot install-new-software
# The table follows the repository row (text, Folder..., Zip..., Load): its first row, checked.
keys alt+r Tab Tab Tab Tab Down space
shot install-new-software-checked
keys alt+i
check "the dialog's install changes the installation (config.ini names the add-on's bundle)" until_true 180 installed_in_config
sleep 3
shot install-new-software-installed
check "the add-on's bundle jars are in the installation's plugins/" jars_present
check "carnot list-installed shows carnot.examples.feature as an add-on" bash -c \
  "'$installation/carnot' list-installed | sed -n '/^Add-ons:/,\$p' | grep -q '^  carnot.examples.feature '"
java_before=$(pgrep -P "$gui" java | head -1)
keys alt+t
check "Restart Now restarts the workbench (a new Java process under the same launcher)" until_true 120 bash -c \
  "new=\$(pgrep -P $gui java | head -1); [[ -n \$new && \$new != '$java_before' ]] && xdotool search --onlyvisible --name '^Carnot *\$' >/dev/null"
window '^Carnot *$' 120 >/dev/null
sleep 5
keys alt+h s
if dialog=$(window '^Installed Software *$' 30); then ok "Help > Installed Software opens the dialog"
else fail "Help > Installed Software opens the dialog" "$work/gui.log"; summary; exit 1; fi
sleep 4
shot installed-software
# The product's features come first (grayed, not checkable); the add-on is the last row.
xdotool mousemove --window "$dialog" 140 300 click 1; sleep 1
keys End space
shot installed-software-checked
keys alt+u
check "the dialog's uninstall removes the add-on from config.ini" until_true 180 bash -c "! grep -q 'org.example.carnot.spectrum' '$installation/configuration/config.ini'"
sleep 3
shot installed-software-uninstalled
# The collector runs in a fresh process after the child's uninstall has committed: wait for it.
jars_gone() { ! jars_present; }
check "p2's garbage collector removed the add-on's jars from plugins/" until_true 180 jars_gone
check "the workbench logged no exception" bash -c "! grep -qE 'Exception|!ENTRY .* 4 ' '$work/gui.log'"
summary
