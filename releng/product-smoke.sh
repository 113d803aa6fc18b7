#!/usr/bin/env bash
# Starts the built product the way a user does (its `carnot` launcher) and checks what a user
# would see: the components DS found, a bad experiment refused with exit code 2, a small real
# run completing with its run folder, and the workbench opening under Xvfb.
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/releng/lib/checks.sh" "product smoke"

echo "product smoke test: $carnot"
check "carnot --version" "$carnot" --version
# The built-in providers: every DS component declared with a carnot.id in bundles/*/src.
ids=$(grep -rhoE 'Provider\.ID \+ "=[A-Za-z0-9._-]+"' "$root"/bundles/*/src | sed 's/.*"=//; s/"$//' | sort -u)
count=$(wc -w <<<"$ids")
check "carnot components lists the $count built-in providers, each by id" bash -c \
  "'$carnot' components > '$work/components.txt' || exit 1; cat '$work/components.txt'
   grep -q '^$count components installed' '$work/components.txt' || exit 1
   for id in $(echo $ids); do grep -qE \"^  \$id( |\$)\" '$work/components.txt' || { echo \"missing: \$id\"; exit 1; }; done"

cat > "$work/bad.json" <<'JSON'
{"name": "bad", "dataset": "idx", "model": {"id": "mlp", "settings": {"hidden": [0]}},
 "optimizer": "sgd", "loss": "cross-entropy"}
JSON
check "a bad setting exits 2 and names the field" bash -c \
  "cd '$work' && '$carnot' run bad.json; code=\$?; [[ \$code == 2 ]] || { echo exit \$code; exit 1; }
   '$carnot' run bad.json 2>&1 | grep -q 'model.settings.hidden\\[0\\]: expected a list of integers with every element >= 1'"

cat > "$work/small.json" <<'JSON'
{"name": "smoke", "seed": 3,
 "dataset": {"id": "idx", "settings": {"trainSize": 1000, "testSize": 500}},
 "model": {"id": "mlp", "settings": {"hidden": [32]}},
 "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05}},
 "loss": "cross-entropy", "training": {"epochs": 2, "batchSize": 50},
 "analyses": [{"id": "margins"}]}
JSON
check "a small Fashion-MNIST run completes in the current folder's workspace" bash -c \
  "cd '$work' && '$carnot' run small.json && grep -q '\"status\" : \"completed\"' runs/smoke/*/status.json \
   && test -s runs/smoke/*/analyses/0-margins/epoch-0002.json && test -s runs/smoke/*/checkpoints/epoch-0002.params"

if command -v Xvfb >/dev/null; then
  # -displayfd: Xvfb picks a free display, so parallel smoke tests on one machine do not collide.
  check "the workbench starts under Xvfb and stays up" bash -c "
    Xvfb -displayfd 3 -screen 0 1280x800x24 3>'$work/display' >/dev/null 2>&1 & xvfb=\$!
    for i in \$(seq 50); do [[ -s '$work/display' ]] && break; sleep 0.2; done
    (cd '$work' && DISPLAY=:\$(cat '$work/display') CARNOT_CONSOLE_LOG=1 exec '$carnot') > '$work/gui.log' 2>&1 & gui=\$!
    sleep 20
    alive=0; kill -0 \$gui 2>/dev/null && alive=1
    kill \$gui 2>/dev/null; sleep 1; kill -9 \$gui 2>/dev/null; kill \$xvfb 2>/dev/null
    cat '$work/gui.log'
    [[ \$alive == 1 ]] && ! grep -qE 'Exception|!ENTRY .* 4 ' '$work/gui.log'"
fi

summary
