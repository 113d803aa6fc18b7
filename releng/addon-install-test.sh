#!/usr/bin/env bash
# Add-ons through p2, as a user installs one: unpacks the product archive into an empty folder,
# installs the example-metrics feature from the add-on repository zip with `carnot install`
# (headless, p2 director semantics), runs experiments that use its weight-spectrum and fisher-rao
# metrics, uninstalls the feature and checks that p2's garbage collector removed the bundle jars
# from the installation and that the same run then fails naming the missing analysis.
# Also the refusals: an unknown feature, a file that is no repository, a second uninstall.
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
archive=$(ls "$root"/product/target/products/carnot-*-linux.gtk.x86_64.tar.gz 2>/dev/null | head -1)
addons=$(ls "$root"/examples/carnot.examples.repository/target/carnot-addons-repository-*.zip 2>/dev/null | head -1)
[[ -f $archive && -f $addons ]] || { echo "add-on test: build first (no product archive or add-on repository zip)" >&2; exit 2; }
source "$root/releng/lib/checks.sh" "add-on install"
mkdir -p "$work/install" "$work/workspace"
tar -xzf "$archive" -C "$work/install" 2>/dev/null || { echo "add-on test: cannot unpack $archive" >&2; exit 1; }
carnot="$work/install/carnot/carnot"
cd "$work/workspace"
expect() { # exit code, then a command; its output in $work/out
  local want=$1; shift
  "$@" >"$work/out" 2>&1; local code=$?
  [[ $code == "$want" ]] || { echo "exit $code, expected $want"; cat "$work/out"; return 1; }
}

echo "add-on test: $addons into $work/install/carnot"
check "a fresh installation lists its features and no add-on" bash -c \
  "'$carnot' list-installed > '$work/list' && grep -q '^  carnot.core.feature ' '$work/list' && grep -q '(none' '$work/list'"
check "install --list shows the add-on feature of the repository" bash -c \
  "'$carnot' install --list --repository '$addons' | grep -q '^  carnot.examples.feature '"
cat > spectrum.json <<'JSON'
{"format": 1, "name": "spectrum", "seed": 5,
 "dataset": {"id": "gaussian-mixture", "settings": {"classes": 3, "dimension": 20, "trainSize": 300, "testSize": 300}},
 "model": {"id": "mlp", "settings": {"hidden": [32, 32]}},
 "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05, "momentum": 0.9}},
 "loss": "cross-entropy", "training": {"epochs": 2, "batchSize": 32},
 "analyses": [{"id": "weight-spectrum", "atInit": true}]}
JSON
cat > fisher-rao.json <<'JSON'
{"format": 1, "name": "fisher-rao", "seed": 5,
 "dataset": {"id": "gaussian-mixture", "settings": {"classes": 3, "dimension": 20, "trainSize": 300, "testSize": 300}},
 "model": {"id": "mlp", "settings": {"hidden": [32, 32], "bias": false, "activation": "relu"}},
 "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05, "momentum": 0.9}},
 "loss": "cross-entropy", "training": {"epochs": 2, "batchSize": 32},
 "analyses": [{"id": "fisher-rao", "settings": {"sampleSize": 200}, "atInit": true}]}
JSON
check "before installing, a run naming weight-spectrum is refused (exit 2)" bash -c \
  "$(declare -f expect); work='$work'; expect 2 '$carnot' run --quiet spectrum.json && grep -q \"unknown analysis 'weight-spectrum'\" '$work/out'"
check "carnot install installs carnot.examples.feature from the zip" bash -c \
  "'$carnot' install --repository '$addons' carnot.examples.feature | grep -q 'installed carnot.examples.feature'"
check "list-installed shows it as an add-on" bash -c \
  "'$carnot' list-installed | sed -n '/^Add-ons:/,\$p' | grep -q '^  carnot.examples.feature '"
check "carnot components lists weight-spectrum from the installed bundle" bash -c \
  "'$carnot' components --kind ANALYSIS | grep -qE '^  weight-spectrum .*org.example.carnot.spectrum'"
check "a run using weight-spectrum completes and records it" bash -c \
  "'$carnot' run --quiet spectrum.json && grep -q '\"status\" : \"completed\"' runs/spectrum/*/status.json \
   && grep -q '\"alpha.mean\"' runs/spectrum/*/analyses/0-weight-spectrum/epoch-0000.json"
check "a run using fisher-rao (bias-free ReLU network) completes; both definitions agree" bash -c \
  "'$carnot' run --quiet fisher-rao.json && grep -q '\"status\" : \"completed\"' runs/fisher-rao/*/status.json \
   && python3 -c \"
import glob, json
paths = sorted(glob.glob('runs/fisher-rao/*/analyses/0-fisher-rao/epoch-*.json'))
assert paths, 'no fisher-rao results'
for path in paths:
    s = json.load(open(path))['scalars']
    assert s['fisherRao'] > 0 and s['relativeDifference'] < 1e-3 and s['degree'] == 3, (path, s)
\""
check "the installed bundle jars are in the installation's plugins/" bash -c \
  "ls '$work/install/carnot/plugins/' | grep -q '^org.example.carnot.spectrum_' \
   && ls '$work/install/carnot/plugins/' | grep -q '^org.example.carnot.fisherrao_'"
check "carnot uninstall removes the add-on" bash -c \
  "'$carnot' uninstall carnot.examples.feature | grep -q 'uninstalled carnot.examples.feature' \
   && ! grep -q 'org.example.carnot.spectrum' '$work/install/carnot/configuration/config.ini'"
check "p2's garbage collector removed the add-on's jars from plugins/" bash -c \
  "! ls '$work/install/carnot/plugins/' | grep -qE '^org.example.carnot.(spectrum|fisherrao)_' \
   && ! ls '$work/install/carnot/features/' | grep -q '^carnot.examples.feature_'"
check "the same run then fails naming the missing analysis (exit 2)" bash -c \
  "$(declare -f expect); work='$work'; expect 2 '$carnot' run --quiet --fresh spectrum.json \
   && grep -q \"analyses\\[0\\].id: unknown analysis 'weight-spectrum'\" '$work/out'"
check "uninstalling it again says nothing is installed (exit 2)" bash -c \
  "$(declare -f expect); work='$work'; expect 2 '$carnot' uninstall carnot.examples.feature \
   && grep -q \"'carnot.examples.feature' is not installed; nothing is installed besides the product\" '$work/out'"
check "an unknown feature is refused, naming what the repository offers (exit 2)" bash -c \
  "$(declare -f expect); work='$work'; expect 2 '$carnot' install --repository '$addons' no.such.feature \
   && grep -q \"no feature 'no.such.feature' in .*; it offers: carnot.examples.feature\" '$work/out'"
echo "not a zip" > notazip.zip
check "a file that is no repository is refused (exit 2)" bash -c \
  "$(declare -f expect); work='$work'; expect 2 '$carnot' install --repository notazip.zip carnot.examples.feature \
   && grep -q 'cannot read the p2 repository notazip.zip: not a readable zip' '$work/out'"
check "a feature that came with the product is not uninstalled alone (exit 2)" bash -c \
  "$(declare -f expect); work='$work'; expect 2 '$carnot' uninstall carnot.core.feature \
   && grep -q 'came with the product' '$work/out'"
summary
