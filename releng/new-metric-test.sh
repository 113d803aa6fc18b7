#!/usr/bin/env bash
# The metric template end to end, as a new user follows it: `carnot new-metric` generates a project
# outside the checkout, its own Maven build (against Carnot's installed jars) runs its unit tests and
# the testkit's conformance checks in a plain JVM, and packages an OSGi bundle whose manifest and DS
# descriptor carry the id; dropped into a workspace's plugins/ folder it is listed by `carnot
# components` and used by a real run. Two builds of the plugin in plugins/ are warned about, naming
# both files, and the higher version is used. Bad arguments are refused with exit code 2. Extra
# arguments go to Maven (e.g. -Dmaven.repo.local=...).
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/releng/lib/checks.sh" "metric template"

echo "metric template test: $carnot"
project="$work/my-metrics/norms"
check "carnot new-metric generates the project" bash -c "
  cd '$work' && '$carnot' new-metric weight-norms --package org.example.carnot.norms --dir '$project' &&
  test -f '$project/pom.xml' && test -f '$project/README.md' &&
  test -f '$project/src/main/java/org/example/carnot/norms/WeightNormsProvider.java' &&
  test -f '$project/src/main/java/org/example/carnot/norms/WeightNormsMath.java' &&
  test -f '$project/src/test/java/org/example/carnot/norms/WeightNormsMathTest.java' &&
  test -f '$project/src/test/java/org/example/carnot/norms/WeightNormsConformanceTest.java' &&
  grep -q 'Provider.ID + \"=weight-norms\"' '$project/src/main/java/org/example/carnot/norms/WeightNormsProvider.java' &&
  ! grep -rq '@[A-Z_]*@' '$project'"
check "a bad id, a bad package and an existing folder are refused with exit code 2" bash -c "
  cd '$work'
  '$carnot' new-metric Weight_Norms 2>err; [[ \$? == 2 ]] && grep -q \"ID: 'Weight_Norms' is not a component id\" err || exit 1
  '$carnot' new-metric norms --package org.example.class 2>err; [[ \$? == 2 ]] &&
    grep -qF -e \"--package: 'org.example.class' is not a Java package name\" err || exit 1
  '$carnot' new-metric norms --dir '$project' 2>err; [[ \$? == 2 ]] && grep -q 'exists and is not an empty folder' err"

# The project's own build: Carnot's jars (API, testkit and the engine it trains with) into the local
# repository, then plain Maven.
if bash "$root/releng/install-sdk.sh" "$@" >"$work/mvn.log" 2>&1 \
   && (cd "$project" && "$root/mvnw" -B "$@" package) >>"$work/mvn.log" 2>&1; then
  ok "the generated project builds with its own Maven build and passes its unit tests"
  grep -E 'Tests run: [0-9]+, Failures: 0, Errors: 0' "$work/mvn.log" | tail -1 | sed 's/^/        /'
else
  fail "the generated project builds" "$work/mvn.log"
  summary; exit 1
fi
check "the testkit ran in the project's own unit tests (plain JVM, Carnot's engine)" \
  grep -qE 'Tests run: [1-9][0-9]*, Failures: 0, Errors: 0, Skipped: 0.*WeightNormsConformanceTest' "$work/mvn.log"
jar="$project/target/org.example.carnot.norms.jar"
check "the jar is an OSGi bundle with a DS component carrying carnot.id=weight-norms" bash -c "
  unzip -p '$jar' META-INF/MANIFEST.MF | tr -d '\r' | sed -e ':a' -e 'N' -e '\$!ba' -e 's/\n //g' > '$work/manifest' &&
  grep -q '^Bundle-SymbolicName: org.example.carnot.norms' '$work/manifest' &&
  grep -q '^Service-Component: OSGI-INF/org.example.carnot.norms.WeightNormsProvider.xml' '$work/manifest' &&
  grep -q 'carnot.api.analysis' '$work/manifest' &&
  unzip -p '$jar' OSGI-INF/org.example.carnot.norms.WeightNormsProvider.xml | grep -qE 'name=\"carnot.id\"[^>]* value=\"weight-norms\"' &&
  test -z \"\$(unzip -l '$jar' | grep -E 'ai/djl|carnot/api|org/ejml')\""

ws="$work/workspace"
mkdir -p "$ws/plugins" && cp "$jar" "$ws/plugins/"
cat > "$ws/norms.json" <<'JSON'
{"name": "norms", "seed": 2,
 "dataset": {"id": "gaussian-mixture", "settings": {"classes": 3, "dimension": 10, "trainSize": 200, "testSize": 100}},
 "model": {"id": "mlp", "settings": {"hidden": [16]}},
 "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05}},
 "loss": "cross-entropy", "training": {"epochs": 2, "batchSize": 20},
 "analyses": [{"id": "weight-norms", "atInit": true}]}
JSON
check "dropped into plugins/, carnot components lists it" bash -c "
  cd '$ws' && '$carnot' components --kind ANALYSIS | grep -qE '^  weight-norms +Weight norms'"
check "a run uses it: zero distance from initialization at epoch 0, positive after training" bash -c "
  cd '$ws' && '$carnot' run norms.json --quiet &&
  grep -h '\"relativeDistance\"' runs/norms/*/analyses/0-weight-norms/epoch-0000.json | awk -F' : ' '{ exit !(\$2 + 0 == 0) }' &&
  grep -h '\"relativeDistance\"' runs/norms/*/analyses/0-weight-norms/epoch-0002.json | awk -F' : ' '{ exit !(\$2 + 0 > 0) }'"

# The iterate step gone wrong: a newer build (0.2.0) next to the stale one (0.1.0) in plugins/.
python3 - "$jar" "$ws/plugins/org.example.carnot.norms-0.2.0.jar" <<'PY'
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == "META-INF/MANIFEST.MF":
            data = data.replace(b"Bundle-Version: 0.1.0", b"Bundle-Version: 0.2.0")
        zout.writestr(item, data)
PY
check "two builds in plugins/: a warning names both files and the higher version is used" bash -c "
  cd '$ws' && '$carnot' components --kind ANALYSIS > components.txt 2>&1 &&
  grep -E '^  weight-norms .*org.example.carnot.norms 0.2.0' components.txt &&
  grep -E \"warning: analysis 'weight-norms' is provided by 2 bundles; using org.example.carnot.norms 0.2.0 .*norms-0.2.0.jar.*ignoring org.example.carnot.norms 0.1.0 .*norms.jar\" components.txt"

summary
