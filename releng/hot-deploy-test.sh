#!/usr/bin/env bash
# Hot deployment end to end, as a researcher does it: builds the example metric bundle
# (examples/weight-spectrum) with its own Maven build against the installed Carnot API, starts a
# long-running headless Carnot (`carnot shell`, the Gogo shell on stdin) on a fresh workspace, drops the jar
# into <workspace>/plugins, runs an experiment that uses the metric, removes the jar, and checks
# that the metric is gone, a run naming it fails clearly and everything else still works. Also:
# a jar that cannot resolve is reported and harms nothing; a one-shot `carnot run` finds a metric
# already in plugins/. Extra arguments go to Maven (e.g. -Dmaven.repo.local=...).
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/releng/lib/checks.sh" "hot deployment"
shell_pid=""
cleanup() {
  [[ -n $shell_pid ]] && kill "$shell_pid" 2>/dev/null
  exec 3>&- 2>/dev/null
  remove_work
}
trap cleanup EXIT

echo "hot deployment test: $carnot"
# carnot:check runs the SDK's testkit: the product under test gets the SDK feature from its p2 repository.
bash "$root/releng/lib/with-sdk.sh" >"$work/sdk.log" 2>&1 || { fail "the SDK feature installs into the product" "$work/sdk.log"; summary; exit 1; }
# 1. The SDK path: the API jar into the local Maven repository, then the example's own build.
if (cd "$root" && ./mvnw -B -q "$@" -DskipTests install -pl bundles/carnot.api -am) >"$work/mvn.log" 2>&1 \
   && (cd "$root/examples/weight-spectrum" && "$root/mvnw" -B -q "$@" package) >>"$work/mvn.log" 2>&1; then
  ok "the example bundle builds with its own Maven build and passes its unit tests"
else
  fail "the example bundle builds" "$work/mvn.log"; summary; exit 1
fi
jar=("$root"/examples/weight-spectrum/target/org.example.carnot.spectrum-*.jar)

ws="$work/workspace"
mkdir -p "$ws"
cat > "$ws/spectrum.json" <<'JSON'
{"name": "spectrum", "seed": 5,
 "dataset": {"id": "gaussian-mixture", "settings": {"classes": 3, "dimension": 20, "trainSize": 300, "testSize": 300}},
 "model": {"id": "mlp", "settings": {"hidden": [32, 32]}},
 "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05, "momentum": 0.9}},
 "loss": "cross-entropy", "training": {"epochs": 3, "batchSize": 32},
 "analyses": [{"id": "weight-spectrum", "atInit": true}, {"id": "margins"}]}
JSON
sed -e 's/"spectrum"/"margins-only"/' -e 's/{"id": "weight-spectrum", "atInit": true}, //' \
  "$ws/spectrum.json" > "$ws/margins-only.json"

# 2. A long-running Carnot with the Gogo console reading a FIFO.
mkfifo "$work/in"
(cd "$ws" && exec "$carnot" shell <"$work/in" >"$work/shell.log" 2>&1) &
shell_pid=$!
exec 3>"$work/in"
send() { echo "$1" >&3; }
# waits up to $2 seconds for the shell log to match $1 (an extended regex) after line $3
await() {
  local deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    tail -n +"${3:-1}" "$work/shell.log" | grep -qE "$1" && return 0
    kill -0 "$shell_pid" 2>/dev/null || return 1
    sleep 0.3
  done
  return 1
}
mark() { wc -l <"$work/shell.log"; }
components_until() { # pattern present (1) or absent (0), polling carnot:components for up to $3 s (default 20)
  local deadline=$((SECONDS + ${3:-20})) m
  while ((SECONDS < deadline)); do
    m=$(mark); send "carnot:components"
    await "components installed" "${3:-20}" "$((m + 1))" || return 1
    if tail -n +"$((m + 1))" "$work/shell.log" | grep -qE "$1"; then [[ $2 == 1 ]] && return 0
    else [[ $2 == 0 ]] && return 0; fi
    sleep 0.5
  done
  return 1
}

# The first start after the SDK was installed resolves the installation's configuration again, and
# a loaded machine takes its time: the start-up gets two minutes (a liveness wait, not a speed check).
if components_until "(^|g! )analysis +margins" 1 120; then ok "carnot shell starts and carnot:components lists the built-ins"
else fail "carnot shell starts" "$work/shell.log"; summary; exit 1; fi

cp "${jar[0]}" "$work/" && mv "$work/$(basename "${jar[0]}")" "$ws/plugins/"
if components_until "(^|g! )analysis +weight-spectrum .*org.example.carnot.spectrum" 1; then
  ok "dropping the jar into plugins/ makes weight-spectrum appear without a restart"
else fail "the dropped metric appears" "$work/shell.log"; fi

m=$(mark); send "carnot:run spectrum.json"
if await "(^|g! )carnot: (completed|failed|cancelled)" 120 "$m" && tail -n +"$m" "$work/shell.log" | grep -qE "(^|g! )carnot: completed" \
   && grep -q '"layer' "$ws"/runs/spectrum/*/analyses/0-weight-spectrum/epoch-0003.json \
   && grep -q '"alpha.mean"' "$ws"/runs/spectrum/*/analyses/0-weight-spectrum/epoch-0000.json \
   && grep -q '"status" : "completed"' "$ws"/runs/spectrum/*/status.json; then
  ok "an experiment using the hot-deployed metric runs in the same runtime and records it"
else fail "the experiment using the metric" "$work/shell.log"; fi

m=$(mark); send "carnot:check weight-spectrum"
if await "weight-spectrum: (conforms|does not conform)" 180 "$m" && tail -n +"$m" "$work/shell.log" | grep -q "weight-spectrum: conforms"; then
  ok "the testkit's conformance checks pass on the plugin metric (carnot:check)"
else fail "carnot:check weight-spectrum" "$work/shell.log"; fi

rm "$ws/plugins/$(basename "${jar[0]}")"
if components_until "weight-spectrum" 0; then ok "removing the jar makes weight-spectrum disappear"
else fail "the removed metric disappears" "$work/shell.log"; fi

m=$(mark); send "carnot:run spectrum.json"
if await "unknown analysis 'weight-spectrum'; installed: [a-z, .-]*margins" 60 "$m"; then
  ok "a run naming the removed metric fails with a clear message"
else fail "a run naming the removed metric fails clearly" "$work/shell.log"; fi

# A bundle that cannot resolve: reported with the reason, harms nothing.
mkdir -p "$work/broken/META-INF"
printf 'Manifest-Version: 1.0\nBundle-ManifestVersion: 2\nBundle-SymbolicName: broken.metric\nBundle-Version: 1.0.0\nImport-Package: no.such.package\n' \
  >"$work/broken/META-INF/MANIFEST.MF"
echo "no code" >"$work/broken/README"
(cd "$work/broken" && jar cfm "$work/broken.jar" META-INF/MANIFEST.MF README) && mv "$work/broken.jar" "$ws/plugins/"
sleep 2
m=$(mark); send "carnot:components"
if await "Unresolved requirement: Import-Package: no.such.package" 15 "$m" \
   && tail -n +"$m" "$work/shell.log" | grep -q "plugin broken.jar (broken.metric) is not running: Could not resolve"; then
  ok "a jar that cannot resolve is reported by carnot:components with the reason"
else fail "a jar that cannot resolve is reported" "$work/shell.log"; fi

m=$(mark); send "carnot:run margins-only.json"
if await "(^|g! )carnot: (completed|failed|cancelled)" 120 "$m" && tail -n +"$m" "$work/shell.log" | grep -qE "(^|g! )carnot: completed"; then
  ok "the runtime is still healthy: another experiment completes"
else fail "the runtime stays healthy" "$work/shell.log"; fi
m=$(mark); send "carnot:status"
if await "(^|g! )workspace " 10 "$m" && tail -n +"$m" "$work/shell.log" | grep -qE "(^|g! )completed +3/3 +runs/margins-only/"; then
  ok "carnot:status lists the workspace's runs"
else fail "carnot:status" "$work/shell.log"; fi
rm -f "$ws/plugins/broken.jar"
kill "$shell_pid" 2>/dev/null; wait "$shell_pid" 2>/dev/null; shell_pid=""
if grep -qE "Exception" "$work/shell.log" && ! grep -q "no.such.package" <(grep -E "Exception" "$work/shell.log"); then
  fail "no unexpected exception in the shell's output" "$work/shell.log"
else ok "no unexpected exception in the shell's output"; fi

# 3. A one-shot `carnot run` started with the jar already in plugins/ waits for it.
cp "${jar[0]}" "$ws/plugins/"
if (cd "$ws" && "$carnot" run spectrum.json --quiet) >"$work/run.log" 2>&1 && grep -q "completed after 3 epochs" "$work/run.log"; then
  ok "carnot run finds a metric already in plugins/ at start-up"
else fail "carnot run with the metric in plugins/" "$work/run.log"; fi
if (cd "$ws" && "$carnot" components --kind ANALYSIS) >"$work/components.log" 2>&1 && grep -q "weight-spectrum" "$work/components.log"; then
  ok "carnot components lists it too"
else fail "carnot components lists the plugin" "$work/components.log"; fi

# 4. The natural loop for a new metric: run it on a saved run's checkpoint, without retraining.
if (cd "$ws" && "$carnot" analyze runs/margins-only/* --analysis weight-spectrum --settings '{"minTail": 4}') \
     >"$work/analyze.log" 2>&1 && grep -q '"alpha.mean"' "$ws"/runs/margins-only/*/analyses/1-weight-spectrum/epoch-0003.json; then
  ok "carnot analyze runs the plugin metric on the checkpoint of a run that never used it"
else fail "carnot analyze with the plugin metric" "$work/analyze.log"; fi

summary
