#!/usr/bin/env bash
# The SDK's worked example end to end (docs/sdk.md): examples/fisher-rao, a metric that needs
# gradients, built by its own Maven build against Carnot's installed jars (its unit tests run the
# testkit in a plain JVM and check the identity), hot-deployed into a workspace's plugins/ and used in
# a real run on Fashion-MNIST: a bias-free ReLU MLP, where the Fisher-Rao norm from the outputs and
# its identity from per-example gradients agree; the same experiment with biases is refused by
# `carnot validate` and `carnot run` before any run folder exists. Extra arguments go to Maven.
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/releng/lib/checks.sh" "fisher-rao example"

echo "fisher-rao example test: $carnot"
if bash "$root/releng/install-sdk.sh" "$@" >"$work/mvn.log" 2>&1 \
   && (cd "$root/examples/fisher-rao" && "$root/mvnw" -B "$@" package) >>"$work/mvn.log" 2>&1; then
  ok "examples/fisher-rao builds with its own Maven build; its tests (testkit in a plain JVM) pass"
  grep -E 'Tests run: [0-9]+, Failures: 0, Errors: 0, Skipped: 0$' "$work/mvn.log" | tail -1 | sed 's/^/        /'
else
  fail "examples/fisher-rao builds and passes its tests" "$work/mvn.log"; summary; exit 1
fi
check "the conformance test and the identity check ran" \
  grep -qE 'Tests run: 2, Failures: 0, Errors: 0, Skipped: 0.*FisherRaoConformanceTest' "$work/mvn.log"
jar="$root/examples/fisher-rao/target/org.example.carnot.fisherrao.jar"
check "the jar imports Carnot's API and no DJL package (the metric calls no DJL)" bash -c "
  unzip -p '$jar' META-INF/MANIFEST.MF | tr -d '\r' | sed -e ':a' -e 'N' -e '\$!ba' -e 's/\n //g' > '$work/manifest' &&
  grep -q 'carnot.api.autograd' '$work/manifest' && ! grep -q 'ai.djl' '$work/manifest'"

ws="$work/workspace"
mkdir -p "$ws/plugins" && cp "$jar" "$ws/plugins/"
cat > "$ws/fisher-rao.json" <<'JSON'
{"name": "fisher-rao", "seed": 3,
 "dataset": {"id": "idx", "settings": {"folder": "/usr/share/datasets/fashion-mnist", "trainSize": 2000, "testSize": 500}},
 "model": {"id": "mlp", "settings": {"hidden": [64, 32], "bias": false, "activation": "relu"}},
 "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05, "momentum": 0.9}},
 "loss": "cross-entropy", "training": {"epochs": 3, "batchSize": 64},
 "analyses": [{"id": "fisher-rao", "settings": {"sampleSize": 500}, "every": 1, "atInit": true}]}
JSON
sed -e 's/"bias": false/"bias": true/' -e 's/"name": "fisher-rao"/"name": "with-biases"/' "$ws/fisher-rao.json" \
  > "$ws/with-biases.json"
expected="analyses\[0\]: fisher-rao needs a bias-free positively homogeneous network; model 'mlp' has biases \(set model.settings.bias=false\)"
check "carnot validate refuses the network with biases, naming the field and the setting (exit 2)" bash -c "
  cd '$ws' && '$carnot' validate with-biases.json > out.txt 2>&1; code=\$?; cat out.txt; [[ \$code == 2 ]] &&
  grep -qE \"$expected\" out.txt"
check "carnot run refuses it before any run folder exists (exit 2)" bash -c "
  cd '$ws' && '$carnot' run with-biases.json --quiet > out.txt 2>&1; code=\$?; cat out.txt; [[ \$code == 2 ]] &&
  grep -qE \"$expected\" out.txt && ! ls runs/with-biases/* >/dev/null 2>&1"
check "carnot validate accepts the bias-free ReLU network" bash -c "cd '$ws' && '$carnot' validate fisher-rao.json"
check "a real run on Fashion-MNIST uses the hot-deployed metric at every epoch" bash -c "
  cd '$ws' && '$carnot' run fisher-rao.json > run.txt 2>&1; code=\$?; cat run.txt; [[ \$code == 0 ]] &&
  grep -qE '^  fisher-rao @3: fisherRao=' run.txt && ls runs/fisher-rao/*/analyses/0-fisher-rao/epoch-0003.json"
check "after training the two definitions agree (relative difference < 1e-3) and the norm is positive" python3 -c "
import glob, json, sys
for path in sorted(glob.glob('$ws/runs/fisher-rao/*/analyses/0-fisher-rao/epoch-*.json')):
    s = json.load(open(path))['scalars']
    print(path.rsplit('/', 1)[1], s['fisherRao'], s['identity'], s['relativeDifference'])
    assert s['fisherRao'] > 0 and s['relativeDifference'] < 1e-3 and s['degree'] == 3
"
sed 's/^/        /' "$work/out"
summary
