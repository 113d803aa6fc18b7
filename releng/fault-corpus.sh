#!/usr/bin/env bash
# The bad-input and fault corpus (issue 16): the built product driven as a hostile user drives it.
# Every case asserts
#   - the exit code (0 success, 1 run failed, 2 bad input, 3 internal error, 4 cannot write/read,
#     130 cancelled; see docs/reliability.md),
#   - a message naming the file, field or cause (an extended regex over stdout+stderr),
#   - no stack trace and a bounded output,
#   - no temporary file left in the workspace,
#   - nothing outside the workspace changed: a sentinel tree (files, folders, the targets of the
#     links planted in the workspace) is snapshotted (names, types, modes, sizes, link targets,
#     sha256) before and after each case and compared.
# Cases tagged [dist] check issue 16 item 3 (plugins come from the workspace), which the distribution
# branch fixes: they fail before it is merged. The corpus prints a table of cases and exits non-zero
# on any FAIL. Needs root for the small tmpfs mounts (full disk, read-only workspace).
#   releng/fault-corpus.sh [CASE-NAME-REGEX]
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/releng/lib/checks.sh" "fault corpus"
only="${1:-.}"
mounts=()
background=()
cleanup() {
  local pid m
  for pid in "${background[@]}"; do kill -9 "$pid" 2>/dev/null; done
  for m in "${mounts[@]}"; do umount -l "$m" 2>/dev/null; done
  remove_work
}
trap cleanup EXIT
plugins_jar_dir="$work/plugin-jars"
sentinel="$work/outside"
rows=()
case_number=0

echo "fault corpus: $carnot"
[[ -x $carnot ]] || { echo "no product at $carnot: build it first (./mvnw -B verify)"; exit 1; }

# ------------------------------------------------------------------ the sentinel outside the workspace
mkdir -p "$sentinel/folder/deeper" "$sentinel/linked-folder"
echo "not Carnot's" > "$sentinel/precious.txt"
head -c 4096 /dev/urandom > "$sentinel/folder/random.bin"
echo '{"status": "not a run"}' > "$sentinel/folder/deeper/status.json"
echo "a file in a folder a link points to" > "$sentinel/linked-folder/kept.txt"
chmod 640 "$sentinel/folder/random.bin"
snapshot() {
  (cd "$sentinel" && find . -printf '%p %y %m %s %l\n' | LC_ALL=C sort && find . -type f -exec sha256sum {} + | LC_ALL=C sort)
}

# ------------------------------------------------------------------ experiments
tiny() { # name [epochs] [analyses] [model settings]
  cat <<JSON
{"name": "$1", "seed": 3,
 "dataset": {"id": "gaussian-mixture", "settings": {"classes": 3, "dimension": 20, "trainSize": 200, "testSize": 100}},
 "model": {"id": "mlp", "settings": {"hidden": ${4:-[16]}}},
 "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05, "momentum": 0.9}},
 "loss": "cross-entropy", "training": {"epochs": ${2:-2}, "batchSize": 50},
 "analyses": ${3:-[]}}
JSON
}

new_ws() { # a fresh workspace folder for case $case_number
  local ws="$work/cases/$case_number/ws"
  mkdir -p "$ws"
  echo "$ws"
}

# ------------------------------------------------------------------ the case runner
# run_case NAME EXPECTED_EXIT PATTERN WORKSPACE -- COMMAND...
#   EXPECTED_EXIT: a code, or "nonzero". NAME starting with [dist] marks an item-3 case.
run_case() {
  local name=$1 expected=$2 pattern=$3 ws=$4; shift 5
  [[ $name =~ $only ]] || return 0
  local out="$work/cases/$case_number.out" before after code problems=()
  mkdir -p "$work/cases"
  before=$(snapshot)
  local start=$SECONDS
  timeout -k 10 "${CASE_TIMEOUT:-240}" "$@" >"$out" 2>&1
  code=$?
  after=$(snapshot)
  if [[ $expected == nonzero ]]; then
    [[ $code != 0 ]] || problems+=("exit 0, expected non-zero")
  elif [[ $code != "$expected" ]]; then
    problems+=("exit $code, expected $expected")
  fi
  [[ -z $pattern ]] || grep -Eq -- "$pattern" "$out" || problems+=("no message matching /$pattern/")
  ! grep -Eq $'^\tat [a-zA-Z_$][a-zA-Z0-9_$.]*\\(|Exception in thread' "$out" || problems+=("a stack trace")
  (( $(wc -c <"$out") < 20000 )) || problems+=("output of $(wc -c <"$out") bytes")
  [[ $before == "$after" ]] || problems+=("the sentinel outside the workspace changed: $(diff <(echo "$before") <(echo "$after") | head -3 | tr '\n' ' ')")
  if [[ -n $ws && -d $ws ]]; then
    local leftovers
    leftovers=$(find "$ws" -name '.*.tmp' -o -name '.carnot-write-probe' 2>/dev/null | head -3)
    [[ -z $leftovers ]] || problems+=("temporary files left: $leftovers")
  fi
  local seconds=$((SECONDS - start))
  if ((${#problems[@]} == 0)); then
    ok "$name (exit $code, ${seconds} s)"
    rows+=("PASS|$name|$expected|$code|${seconds}s|")
  else
    fail "$name: ${problems[*]}" "$out"
    rows+=("FAIL|$name|$expected|$code|${seconds}s|${problems[*]}")
  fi
  case_number=$((case_number + 1))
}

# A check inside a case that is not about the command's output (a status file, a metrics file).
expect() { # name, then a command that must succeed
  local name=$1; shift
  if "$@" >"$work/expect.out" 2>&1; then ok "  $name"; else
    fail "  $name" "$work/expect.out"; rows[-1]="FAIL|${rows[-1]#*|}; $name"
  fi
}
status_is() { grep -q "\"status\" : \"$2\"" "$1/status.json"; }
only_run() { find "$1/runs" -mindepth 2 -maxdepth 2 -type d ! -name 'sweep-*' | head -1; }
complete_lines() { # every metrics.jsonl line complete, epochs 0..N once each
  python3 - "$1" "$2" <<'PY'
import json, sys
lines = open(sys.argv[1] + "/metrics.jsonl", encoding="utf-8").read().split("\n")
assert lines[-1] == "", "the file ends with a newline"
epochs = [json.loads(l)["epoch"] for l in lines[:-1]]
assert epochs == list(range(int(sys.argv[2]) + 1)), epochs
PY
}

tmpfs() { # folder size: a small file system of its own
  mkdir -p "$1" && mount -t tmpfs -o "size=$2" tmpfs "$1" && mounts+=("$1")
}
fill() { # fills the file system holding $1
  dd if=/dev/zero of="$1/.fill" bs=4k >/dev/null 2>&1 || true
  dd if=/dev/zero of="$1/.fill2" bs=512 >/dev/null 2>&1 || true
}

# ------------------------------------------------------------------ tiny plugin jars (javac + jar)
api_range() { # api jar, package: the range a plugin built against the installed API imports it with
  local version
  version=$(unzip -p "$1" META-INF/MANIFEST.MF | tr -d '\r' | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g' \
    | grep -o "$2;version=\"[0-9.]*\"" | head -1 | sed 's/.*version="\([0-9]*\)\.\([0-9]*\).*/\1 \2/')
  read -r major minor <<<"$version"
  echo "[$major.$minor,$major.$((minor + 1)))"
}
build_plugin() { # name, class body file, extra manifest lines
  local name=$1 source=$2 extra=${3:-}
  local dir="$work/plugin-src/$name" pkg=${1//-/_}
  mkdir -p "$dir/src" "$dir/classes/OSGI-INF" "$dir/classes/META-INF" "$plugins_jar_dir"
  cp "$source" "$dir/src/Plugin.java"
  local api=("$(dirname "$carnot")"/plugins/carnot.api_*.jar) djl=("$(dirname "$carnot")"/plugins/ai.djl.api_*.jar)
  javac --release 17 -d "$dir/classes" -cp "${api[0]}:${djl[0]}" "$dir/src/Plugin.java" || return 1
  cat > "$dir/classes/OSGI-INF/corpus.$name.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="corpus.$name" activate="activate">
  <implementation class="corpus.$pkg.Plugin"/>
  <service><provide interface="carnot.api.analysis.AnalysisProvider"/></service>
  <property name="carnot.id" type="String" value="corpus-$name"/>
</scr:component>
XML
  {
    echo "Manifest-Version: 1.0"
    echo "Bundle-ManifestVersion: 2"
    echo "Bundle-SymbolicName: corpus.$name"
    echo "Bundle-Version: 1.0.0"
    echo "Import-Package: carnot.api.analysis;version=\"$(api_range "${api[0]}" carnot.api.analysis)\",carnot.api.component;version=\"$(api_range "${api[0]}" carnot.api.component)\"$extra"
    echo "Service-Component: OSGI-INF/corpus.$name.xml"
  } > "$dir/MANIFEST.MF"
  jar cfm "$plugins_jar_dir/corpus-$name.jar" "$dir/MANIFEST.MF" -C "$dir/classes" . || return 1
}
plugin_source() { # name, activate body, analyze body
  cat > "$work/$1.java" <<JAVA
package corpus.${1//-/_};

import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;

public final class Plugin implements AnalysisProvider {
    public void activate() {
        $2
    }
    public String title() { return "corpus $1"; }
    public String description() { return "a hostile plugin of the fault corpus"; }
    public SettingsSchema settingsSchema() { return SettingsSchema.empty(); }
    public Analysis create(Settings settings) {
        return context -> {
            $3
        };
    }
    static int deeper(int n) { return deeper(n + 1) + 1; }
}
JAVA
  echo "$work/$1.java"
}
plugins_ok=1
{
  build_plugin activate-throws "$(plugin_source activate-throws 'throw new IllegalStateException("corpus plugin refuses to activate");' 'return AnalysisResult.builder().build();')" &&
  build_plugin unresolvable "$(plugin_source unresolvable '' 'return AnalysisResult.builder().build();')" ",org.example.does.not.exist" &&
  build_plugin looping "$(plugin_source looping '' 'System.err.println("corpus-looping: started"); double s = 0; while (s >= 0) { s += Math.sqrt(s + 1); } return AnalysisResult.builder().scalar("s", s).build();')" &&
  build_plugin slow "$(plugin_source slow '' 'System.err.println("corpus-slow: started"); Thread.sleep(6000); return AnalysisResult.builder().scalar("slept", 6).build();')" &&
  build_plugin memory-bomb "$(plugin_source memory-bomb '' 'java.util.List<long[]> hog = new java.util.ArrayList<>(); while (true) { hog.add(new long[1 << 24]); }')" &&
  build_plugin throwing "$(plugin_source throwing '' 'throw new IllegalStateException("corpus analysis fails on purpose");')" &&
  build_plugin recursing "$(plugin_source recursing '' 'return AnalysisResult.builder().scalar("d", deeper(0)).build();')"
} >"$work/plugins.log" 2>&1 || plugins_ok=0
if ((plugins_ok)); then ok "the corpus' plugin jars build (javac + jar)"; else fail "the corpus' plugin jars build" "$work/plugins.log"; fi
with_plugin() { # workspace, plugin name
  mkdir -p "$1/plugins" && cp "$plugins_jar_dir/corpus-$2.jar" "$1/plugins/"
}

# in_ws WS COMMAND...: runs carnot in WS (the launcher takes the workspace and its plugins from there);
# a script, not a function, so that timeout can run it.
in_ws="$work/in-ws"
printf '#!/usr/bin/env bash\ncd "$1" && shift && exec "%s" "$@"\n' "$carnot" > "$in_ws"
chmod +x "$in_ws"
in_ws() { "$in_ws" "$@"; }

# ================================================================== 1. bad experiment files
ws=$(new_ws); printf '{"name": "x", "seed": 1,\n "dataset": ' > "$ws/broken.json"
run_case "malformed JSON" 2 'broken\.json:2:[0-9]+: malformed JSON' "$ws" -- "$in_ws" "$ws" validate broken.json

ws=$(new_ws); tiny unknown | sed 's/"gaussian-mixture"/"no-such-dataset"/' > "$ws/e.json"
run_case "unknown dataset id" 2 "e\.json: dataset.*unknown dataset 'no-such-dataset'" "$ws" -- "$in_ws" "$ws" validate e.json

ws=$(new_ws); tiny '../../escape' > "$ws/e.json"
run_case "path traversal in the experiment name" 2 'e\.json: name: .*not allowed' "$ws" -- "$in_ws" "$ws" run e.json

ws=$(new_ws)
run_case "/dev/zero as the experiment" 2 '/dev/zero: not a regular file but a character device' "$ws" -- "$in_ws" "$ws" validate /dev/zero

ws=$(new_ws); mkfifo "$ws/fifo.json"
CASE_TIMEOUT=60 run_case "a FIFO as the experiment (no hang)" 2 'fifo\.json: not a regular file but a FIFO' "$ws" -- "$in_ws" "$ws" run fifo.json

ws=$(new_ws); mkdir "$ws/folder.json"
run_case "a folder as the experiment" 2 'folder\.json: not a regular file but a folder' "$ws" -- "$in_ws" "$ws" validate folder.json

ws=$(new_ws); truncate -s 200M "$ws/huge.json"
run_case "a 200 MB experiment file" 2 'huge\.json: the file is 209715200 bytes; .* at most' "$ws" -- "$in_ws" "$ws" validate huge.json

ws=$(new_ws)
python3 - "$ws/description.json" <<'PY'
import sys
values = ",".join(str(i) for i in range(1_500_000))
text = open(sys.argv[1], "w")
text.write('{"name": "d", "description": [%s], "dataset": "gaussian-mixture", "model": "mlp", "optimizer": "sgd", "loss": "cross-entropy"}' % values)
PY
run_case "a 10 MB array as the description (bounded message)" 2 'description: expected a string, got a list of 1500000 values' "$ws" -- "$in_ws" "$ws" validate description.json

ws=$(new_ws); head -c 3000 /dev/urandom > "$ws/random.json"
run_case "random bytes" 2 'random\.json: .*(byte offset [0-9]+)' "$ws" -- "$in_ws" "$ws" validate random.json

ws=$(new_ws); tiny utf16 | iconv -f UTF-8 -t UTF-16 > "$ws/utf16.json"
run_case "UTF-16 text" 2 'utf16\.json: UTF-16 text \(byte order mark' "$ws" -- "$in_ws" "$ws" validate utf16.json

ws=$(new_ws); { printf '{"name": "latin", "description": "caf\xe9",'; tiny latin | tail -c +2; } > "$ws/latin1.json"
run_case "invalid UTF-8 (Latin-1)" 2 'latin1\.json: not UTF-8 text: invalid byte 0xE9 at byte offset 37 \(line 1\)' "$ws" -- "$in_ws" "$ws" validate latin1.json

ws=$(new_ws); { printf '\xef\xbb\xbf'; tiny bom; } > "$ws/bom.json"
run_case "a UTF-8 byte order mark is accepted" 0 'bom\.json is valid' "$ws" -- "$in_ws" "$ws" validate bom.json

ws=$(new_ws); tiny epochs | sed 's/"epochs": 2/"epochs": 1000000000000/' > "$ws/e.json"
run_case "epochs 1e12" 2 'training\.epochs: expected an integer >= 1, at most 2147483647 \(2\^31-1\), got 1000000000000' "$ws" -- "$in_ws" "$ws" validate e.json

ws=$(new_ws); tiny wide | sed 's/"dimension": 20, "trainSize": 200, "testSize": 100/"dimension": 1000000, "trainSize": 1000, "testSize": 1000/' > "$ws/e.json"
run_case "gaussian-mixture d = 1e6 with CARNOT_HEAP=2g" 2 'gaussian-mixture: .*dimension.*GB.*heap' "$ws" -- env CARNOT_HEAP=2g bash -c "cd '$ws' && exec '$carnot' validate e.json"

ws=$(new_ws); tiny huge-model 2 '[]' '[40000, 40000]' > "$ws/e.json"
run_case "hidden [40000, 40000] refused up front" 2 "model: architecture 'mlp'.*p = 1,6[0-9,]+ parameters need about [0-9.]+ GB" "$ws" -- "$in_ws" "$ws" validate e.json

ws=$(new_ws); tiny shadow 2 '[{"id": "interpolation", "settings": {"endpoint": "checkpoint", "checkpoint": "../../../../../etc/shadow"}}]' > "$ws/e.json"
run_case "interpolation checkpoint ../../etc/shadow" 2 'settings\.checkpoint: \.\./.*/etc/shadow is outside the workspace' "$ws" -- "$in_ws" "$ws" run e.json
expect "the error quotes nothing of /etc/shadow" bash -c "! grep -q 'root:' '$work/cases/$((case_number - 1)).out'"

ws=$(new_ws); mkdir -p "$ws/runs/a/r1/checkpoints"; echo '{}' > "$ws/runs/a/r1/spec.json"; echo '{}' > "$ws/runs/a/r1/status.json"
ln -s "$sentinel/precious.txt" "$ws/runs/a/r1/checkpoints/epoch-0001.params"
tiny linked 2 '[{"id": "interpolation", "settings": {"endpoint": "checkpoint", "checkpoint": "runs/a/r1/checkpoints/epoch-0001.params"}}]' > "$ws/e.json"
run_case "interpolation checkpoint that is a link out of the workspace" 2 'settings\.checkpoint: runs/a/r1/checkpoints/epoch-0001\.params is a symbolic link' "$ws" -- "$in_ws" "$ws" run e.json

# ================================================================== 2. bad data
mnist=/usr/share/datasets/fashion-mnist
if [[ -d $mnist ]]; then
  idx_experiment() { # name folder
    cat <<JSON
{"name": "$1", "dataset": {"id": "idx", "settings": {"folder": "$2", "trainSize": 500, "testSize": 200}},
 "model": {"id": "mlp", "settings": {"hidden": [16]}}, "optimizer": "sgd", "loss": "cross-entropy",
 "training": {"epochs": 1, "batchSize": 100}}
JSON
  }
  ws=$(new_ws); mkdir "$ws/data"
  for f in "$mnist"/*; do cp -L "$f" "$ws/data/"; done
  gz=$(ls "$ws"/data/train-images*.gz 2>/dev/null | head -1)
  if [[ -n $gz ]]; then
    gunzip -c "$gz" | head -c 100000 > "${gz%.gz}"; rm "$gz"
    idx_experiment truncated "$ws/data" > "$ws/e.json"
    run_case "truncated IDX" 2 'train-images.*truncated IDX file' "$ws" -- "$in_ws" "$ws" run e.json
    ws=$(new_ws); mkdir "$ws/data"; for f in "$mnist"/*; do cp -L "$f" "$ws/data/"; done
    labels=$(ls "$ws"/data/train-labels*.gz | head -1)
    python3 - "$labels" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
data[-8] ^= 0xFF  # the CRC-32 of the trailer: the deflate stream itself stays valid
open(sys.argv[1], "wb").write(data)
PY
    idx_experiment crc "$ws/data" > "$ws/e.json"
    run_case "a .gz with a CRC error" 2 'train-labels.*\.gz: corrupt gzip data' "$ws" -- "$in_ws" "$ws" run e.json
  fi
fi

ws=$(new_ws); tiny diverge | sed -e 's/"learningRate": 0.05/"learningRate": 100/' -e 's/"cross-entropy"/"square"/' > "$ws/e.json"
run_case "NaN divergence" 1 'training diverged: the loss is (NaN|Infinity)' "$ws" -- "$in_ws" "$ws" run e.json
expect "the diverged run's status says failed" status_is "$(only_run "$ws")" failed

# ================================================================== 3. the file system
ws_fs="$work/fs-full"; tmpfs "$ws_fs" 512k && mkdir -p "$ws_fs/ws" && tiny full > "$ws_fs/ws/e.json" && fill "$ws_fs"
run_case "a full disk at the start" 4 'workspace .*fs-full/ws cannot be written: .*No space left on device' "$ws_fs/ws" -- "$in_ws" "$ws_fs/ws" run e.json

ws_fs="$work/fs-mid"; tmpfs "$ws_fs" 1100k && mkdir -p "$ws_fs/ws" && tiny midway 6 '[]' '[256, 256]' > "$ws_fs/ws/e.json"
run_case "the disk fills during the run" 1 'run failed: .*No space left on device' "$ws_fs/ws" -- "$in_ws" "$ws_fs/ws" run e.json
expect "its status says failed, not running" status_is "$(only_run "$ws_fs/ws")" failed

ws_fs="$work/fs-ro"; tmpfs "$ws_fs" 1m && mkdir -p "$ws_fs/ws" && tiny readonly > "$ws_fs/ws/e.json" && mount -o remount,ro "$ws_fs"
run_case "a read-only workspace" 4 'workspace .*fs-ro/ws cannot be written: .*Read-only file system' "$ws_fs/ws" -- "$in_ws" "$ws_fs/ws" run e.json

ws_fs="$work/fs-report"; tmpfs "$ws_fs" 64m && mkdir -p "$ws_fs/ws" && tiny report > "$ws_fs/ws/e.json"
in_ws "$ws_fs/ws" run e.json --quiet >"$work/report-run.log" 2>&1
run_dir=$(only_run "$ws_fs/ws"); fill "$ws_fs"
run_case "carnot report on a full disk" 4 'cannot write the report into .*report: .*No space left on device' "$ws_fs/ws" -- "$in_ws" "$ws_fs/ws" report "$run_dir"

# ================================================================== 4. links where Carnot writes and deletes
ws=$(new_ws); tiny linked-exp > "$ws/e.json"; mkdir -p "$ws/runs"; ln -s "$sentinel/linked-folder" "$ws/runs/linked-exp"
run_case "runs/<experiment> is a link out of the workspace" 4 'linked-exp.*outside the workspace' "$ws" -- "$in_ws" "$ws" run e.json

ws=$(new_ws); tiny linked-runs > "$ws/e.json"; ln -s "$sentinel/linked-folder" "$ws/runs"
run_case "runs/ itself is a link out of the workspace" 4 'runs.*outside the workspace' "$ws" -- "$in_ws" "$ws" run e.json

unfinished_run() { # ws name: a run killed after its first epoch, ready to be continued
  tiny "$2" 40 '[]' '[64]' > "$1/$2.json"
  (cd "$1" && exec "$carnot" run "$2.json" --quiet) >"$work/killed.log" 2>&1 &
  local pid=$! deadline=$((SECONDS + 120))
  background+=("$pid")
  while ((SECONDS < deadline)); do
    # killed after a resume point: the folder is continued, not replaced by a new one
    grep -qs '"epochsCompleted" : [1-9]' "$1"/runs/"$2"/*/status.json && ls "$1"/runs/"$2"/*/resume.state >/dev/null 2>&1 && break
    sleep 0.2
  done
  kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  only_run "$1"
}
ws=$(new_ws); run=$(unfinished_run "$ws" planted-tmp)
for name in .status.json.tmp .metrics.csv.tmp; do ln -s "$sentinel/precious.txt" "$run/$name"; done
ln -s "$sentinel/precious.txt" "$run/resume.state.tmp"
run_case "links planted as old temporary names in a resumed run" 0 'continuing the unfinished run' "$ws" -- "$in_ws" "$ws" run planted-tmp.json --quiet
expect "the run completed, every metrics line once" complete_lines "$run" 40

ws=$(new_ws); run=$(unfinished_run "$ws" planted-log); rm -f "$run/run.log"; ln -s "$sentinel/precious.txt" "$run/run.log"
run_case "run.log is a link in a resumed run" 1 'run\.log' "$ws" -- "$in_ws" "$ws" run planted-log.json --quiet
expect "its status says failed" status_is "$run" failed

ws=$(new_ws); run=$(unfinished_run "$ws" planted-status); rm -f "$run/status.json"; cp "$sentinel/folder/deeper/status.json" "$work/st.json"
ln -s "$sentinel/folder/deeper/status.json" "$run/status.json"
run_case "status.json is a link (replaced, never written through)" 0 'completed after 40 epochs' "$ws" -- "$in_ws" "$ws" run planted-status.json --quiet
# The run service does not read a status through a link: the planted folder is not resumed (it stays
# as it was, the link untouched) and the run completes in a fresh folder beside it.
expect "the link is left as it was, the run completed in a fresh folder" bash -c "[[ -L '$run/status.json' ]] && grep -l completed '$(dirname "$run")'/*/status.json | grep -qv '^$run/'"

ws=$(new_ws); run=$(unfinished_run "$ws" planted-checkpoints); rm -rf "$run/checkpoints"; ln -s "$sentinel/linked-folder" "$run/checkpoints"
run_case "checkpoints/ is a link out of the workspace" 1 'checkpoints.*outside the workspace' "$ws" -- "$in_ws" "$ws" run planted-checkpoints.json --quiet

ws=$(new_ws); run=$(unfinished_run "$ws" planted-resume); rm -f "$run/resume.state"; ln -s "$sentinel/precious.txt" "$run/resume.state"
run_case "resume.state is a link (never read or written through)" 0 '' "$ws" -- "$in_ws" "$ws" run planted-resume.json --quiet

ws=$(new_ws); tiny reported > "$ws/e.json"; in_ws "$ws" run e.json --quiet >/dev/null 2>&1; run=$(only_run "$ws")
ln -s "$sentinel/linked-folder" "$run/report"
run_case "the report folder is a link out of the workspace" 4 'report.*outside the workspace' "$ws" -- "$in_ws" "$ws" report "$run"

ws=$(new_ws); tiny analyzed > "$ws/e.json"; in_ws "$ws" run e.json --quiet >/dev/null 2>&1; run=$(only_run "$ws")
mkdir -p "$run/analyses"; rm -rf "$run/analyses"; ln -s "$sentinel/linked-folder" "$run/analyses"
run_case "carnot analyze into a run whose analyses/ is a link" nonzero 'analyses.*outside the workspace' "$ws" -- "$in_ws" "$ws" analyze "$run" --analysis margins

# ================================================================== 5. plugins
if ((plugins_ok)); then
  ws=$(new_ws); with_plugin "$ws" activate-throws; tiny p 2 '[{"id": "corpus-activate-throws"}]' > "$ws/e.json"
  run_case "a plugin whose @Activate throws: named at once" 2 'plugin .*corpus-activate-throws\.jar \(bundle corpus\.activate-throws 1\.0\.0\): component corpus\.activate-throws failed to activate: .*corpus plugin refuses to activate' "$ws" -- "$in_ws" "$ws" run e.json
  expect "reported within 15 s, not after the plugin timeout" bash -c "[[ ${rows[-1]} =~ \|([0-9]+)s\| ]] && (( \${BASH_REMATCH[1]} < 15 ))"

  ws=$(new_ws); with_plugin "$ws" unresolvable; tiny p 2 '[{"id": "corpus-unresolvable"}]' > "$ws/e.json"
  run_case "a plugin that cannot resolve: the framework's reason" 2 'plugin .*corpus-unresolvable\.jar.*cannot be started: .*org\.example\.does\.not\.exist' "$ws" -- "$in_ws" "$ws" run e.json

  ws=$(new_ws); with_plugin "$ws" throwing; tiny p 2 '[{"id": "corpus-throwing"}]' > "$ws/e.json"
  run_case "a throwing analysis never fails the run" 0 'completed after 2 epochs' "$ws" -- "$in_ws" "$ws" run e.json
  expect "the failure is in the status" grep -q 'corpus analysis fails on purpose' "$(only_run "$ws")/status.json"

  ws=$(new_ws); with_plugin "$ws" memory-bomb; tiny p 2 '[{"id": "corpus-memory-bomb"}]' > "$ws/e.json"
  run_case "a memory bomb in an analysis" 1 'out of memory .*the Java heap is [0-9.]+ GB.*CARNOT_HEAP' "$ws" -- env CARNOT_HEAP=1g bash -c "cd '$ws' && exec '$carnot' run e.json"
  expect "its status says failed" status_is "$(only_run "$ws")" failed

  ws=$(new_ws); with_plugin "$ws" recursing; tiny p 2 '[{"id": "corpus-recursing"}]' > "$ws/e.json"
  run_case "a stack overflow in an analysis" 1 'stack overflow' "$ws" -- "$in_ws" "$ws" run e.json

  cancel_case() { # signal
    local ws pid deadline code run
    ws=$(new_ws); with_plugin "$ws" looping; tiny "loop-$1" 2 '[{"id": "corpus-looping", "atInit": true}]' > "$ws/e.json"
    (cd "$ws" && exec env --default-signal=INT "$carnot" run e.json --quiet) >"$work/cancel-$1.log" 2>&1 &
    pid=$!; background+=("$pid"); deadline=$((SECONDS + 120))
    until grep -q 'corpus-looping: started' "$work/cancel-$1.log" || ((SECONDS > deadline)); do sleep 0.2; done
    local start=$SECONDS
    kill -s "$1" "$pid"
    wait "$pid"; code=$?
    local seconds=$((SECONDS - start))
    run=$(only_run "$ws")
    if [[ $code == 130 ]] && ((seconds <= 15)) && status_is "$run" cancelled; then
      ok "SIG$1 during an analysis that ignores cancellation: exit 130 after $seconds s, status cancelled"
      rows+=("PASS|SIG$1 during an analysis that ignores cancellation|130|$code|${seconds}s|")
    else
      fail "SIG$1 during an analysis that ignores cancellation: exit $code after $seconds s" "$work/cancel-$1.log"
      rows+=("FAIL|SIG$1 during an analysis that ignores cancellation|130|$code|${seconds}s|status $(grep -o '"status" : "[a-z]*"' "$run/status.json")")
    fi
    case_number=$((case_number + 1))
  }
  [[ "SIGTERM" =~ $only ]] && cancel_case TERM
  [[ "SIGINT" =~ $only ]] && cancel_case INT
fi

# ================================================================== 6. kill -9 at each phase, then continue
kill_phase() { # phase-name pattern-in-output-to-wait-for plugin
  local phase=$1 wait_for=$2 plugin=${3:-} ws pid deadline
  ws=$(new_ws); local analyses='[]'
  if [[ -n $plugin ]]; then with_plugin "$ws" "$plugin"; analyses="[{\"id\": \"corpus-$plugin\", \"every\": 3}]"; fi
  tiny "kill-${phase// /-}" 6 "$analyses" '[64]' > "$ws/e.json"
  (cd "$ws" && exec "$carnot" run e.json) >"$work/kill-$phase.log" 2>&1 &
  pid=$!; background+=("$pid"); deadline=$((SECONDS + 120))
  until grep -Eq "$wait_for" "$work/kill-$phase.log" $(ls "$ws"/runs/*/*/status.json 2>/dev/null) 2>/dev/null || ((SECONDS > deadline)); do
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  run_case "kill -9 $phase, then carnot run again" 0 'completed after 6 epochs' "$ws" -- "$in_ws" "$ws" run e.json --quiet
  expect "every epoch recorded once, complete lines, status completed" bash -c \
    "$(declare -f complete_lines status_is); complete_lines '$(only_run "$ws")' 6 && status_is '$(only_run "$ws")' completed"
}
kill_phase "while preparing" 'carnot: preparing'
kill_phase "while training" '"epochsCompleted" : [2-4]'
((plugins_ok)) && kill_phase "during an analysis" 'corpus-slow: started' slow

# ================================================================== 7. [dist] issue 16 item 3: plugins come from the workspace
if ((plugins_ok)); then
  ws=$(new_ws); elsewhere="$work/cases/$case_number/elsewhere"; mkdir -p "$elsewhere"
  with_plugin "$ws" throwing; tiny p 2 '[{"id": "corpus-throwing"}]' > "$ws/e.json"
  run_case "[dist] --workspace W from another folder uses W/plugins" 0 'completed after 2 epochs' "$ws" -- bash -c "cd '$elsewhere' && exec '$carnot' run '$ws/e.json' --workspace '$ws'"
  expect "[dist] no plugins/ created in the current folder" test ! -e "$elsewhere/plugins"
  ws=$(new_ws)
  run_case "[dist] validate accepts --workspace" 0 'is valid' "$ws" -- bash -c "cd '$ws' && $(declare -f tiny); tiny v > e.json && exec '$carnot' validate e.json --workspace '$ws'"
fi

# ================================================================== the table
echo
printf '%-4s  %-66s %-8s %-5s %-6s %s\n' "" "case" "expected" "exit" "time" "problem"
for row in "${rows[@]}"; do
  IFS='|' read -r verdict name expected code seconds problem <<<"$row"
  printf '%-4s  %-66s %-8s %-5s %-6s %s\n' "$verdict" "$name" "$expected" "$code" "$seconds" "${problem:0:120}"
done
echo "corpus: ${#rows[@]} product cases"
summary
