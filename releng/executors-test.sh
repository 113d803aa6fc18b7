#!/usr/bin/env bash
# Executors on the built product, as a user runs them: the same sweep (2 learning rates x 2 seeds on
# a real Fashion-MNIST subset) through the in-process executor and through the local executor
# (--parallel 2: child processes, each given cores/2 libtorch threads, followed through their run
# folders) must give every point the same metrics (wall time aside) and byte-identical final
# weights; so must a single run through `--executor local`. The workspace's default executor
# (.carnot/executor.json) is used when none is named; bad input in a point process is reported with
# its cause and leaves no run folder.
# Both sides run with one libtorch thread per point (CARNOT_THREADS=1 in process, 2 split over two
# point processes), since the thread count changes the order of floating-point sums.
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/releng/lib/checks.sh" "executors test"
mkdir -p "$work/inproc" "$work/local" "$work/default/.carnot" "$work/single-in" "$work/single-local" "$work/bad"

cat > "$work/exp.json" <<'JSON'
{"name": "executors", "seed": 1,
 "dataset": {"id": "idx", "settings": {"trainSize": 1000, "testSize": 500}},
 "model": {"id": "mlp", "settings": {"hidden": [64], "dropout": 0.1}},
 "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05, "momentum": 0.9}},
 "loss": "cross-entropy", "training": {"epochs": 3, "batchSize": 32},
 "analyses": [{"id": "margins"}]}
JSON
sed 's/"analyses"/"sweep": {"grid": {"optimizer.settings.learningRate": [0.05, 0.02]}, "seeds": [1, 2]}, "analyses"/' \
  "$work/exp.json" > "$work/sweep.json"

metrics() { sed -E 's/,"seconds":[^,}]*//' "$1/metrics.jsonl"; }
# Every point of sweep folder $1 equals the same point of sweep folder $2: metrics and final weights.
same_points() {
  local a=$1 b=$2 n=0 point
  for point in "$a"/points/*/; do
    local name other
    name=$(basename "$point"); other="$b/points/$name"
    diff <(metrics "$point") <(metrics "$other") >/dev/null || { echo "metrics differ: $name"; return 1; }
    cmp -s "$point/checkpoints/epoch-0003.params" "$other/checkpoints/epoch-0003.params" \
      || { echo "weights differ: $name"; return 1; }
    n=$((n + 1))
  done
  [[ $n == 4 ]] || { echo "$n points instead of 4"; return 1; }
}

echo "executors test: $carnot"
check "the sweep in process (CARNOT_THREADS=1)" bash -c \
  "cd '$work/inproc' && CARNOT_THREADS=1 '$carnot' run ../sweep.json --quiet > out.txt 2>&1 \
   || { cat out.txt; exit 1; }; grep -q 'executor in-process' out.txt || { cat out.txt; exit 1; }"
check "the sweep through --executor local --parallel 2 (CARNOT_THREADS=2: one thread per point process)" bash -c \
  "cd '$work/local' && CARNOT_THREADS=2 '$carnot' run ../sweep.json --executor local --parallel 2 --quiet > out.txt 2>&1 \
   || { cat out.txt; exit 1; }; grep -q 'executor local {parallel=2' out.txt || { cat out.txt; exit 1; }
   test \$(grep -c '^carnot: \\[[1-4]/4\\] ' out.txt) = 4 || { echo 'not one line per point'; cat out.txt; exit 1; }"
inproc=$(ls -d "$work"/inproc/runs/executors/sweep-* 2>/dev/null | head -1)
local=$(ls -d "$work"/local/runs/executors/sweep-* 2>/dev/null | head -1)
check "every point equal: metrics (time aside) and byte-identical final weights" same_points "$inproc" "$local"
check "each point process wrote its own console.log and point.json; its parent followed the folder" bash -c \
  "for p in '$local'/points/*/; do test -s \"\$p/console.log\" && test -s \"\$p/point.json\" || exit 1; done
   grep -q 'run folder' '$local'/points/000-*/console.log"
check "the summaries agree (final errors over seeds)" bash -c \
  "diff <(grep -E '_mean|^[0-9]' '$inproc/summary.csv' | cut -d, -f1-9) <(grep -E '_mean|^[0-9]' '$local/summary.csv' | cut -d, -f1-9)"

echo '{"id": "local", "settings": {"parallel": 2}}' > "$work/default/.carnot/executor.json"
check "the workspace default executor (.carnot/executor.json) is used when none is named" bash -c \
  "cd '$work/default' && CARNOT_THREADS=2 '$carnot' run ../sweep.json --quiet > out.txt 2>&1 || { cat out.txt; exit 1; }
   grep -q 'executor local {parallel=2' out.txt || { cat out.txt; exit 1; }"
default=$(ls -d "$work"/default/runs/executors/sweep-* 2>/dev/null | head -1)
check "... with the same points again" same_points "$inproc" "$default"

check "a single run in process" bash -c \
  "cd '$work/single-in' && CARNOT_THREADS=1 '$carnot' run ../exp.json --quiet > out.txt 2>&1 || { cat out.txt; exit 1; }"
check "the same run through --executor local (a child process followed through its folder)" bash -c \
  "cd '$work/single-local' && CARNOT_THREADS=1 '$carnot' run ../exp.json --executor local > out.txt 2>&1 \
   || { cat out.txt; exit 1; }; grep -qE '^carnot: epoch +3 ' out.txt || { cat out.txt; exit 1; }"
check "... equal to the in-process run: metrics and weights" bash -c \
  "a=\$(ls -d '$work'/single-in/runs/executors/*/); b=\$(ls -d '$work'/single-local/runs/executors/*/)
   diff <(sed -E 's/,\"seconds\":[^,}]*//' \$a/metrics.jsonl) <(sed -E 's/,\"seconds\":[^,}]*//' \$b/metrics.jsonl) \
   && cmp \$a/checkpoints/epoch-0003.params \$b/checkpoints/epoch-0003.params"

sed 's|"settings": {"trainSize": 1000, "testSize": 500}|"settings": {"folder": "/nonexistent/fashion"}|' "$work/exp.json" \
  > "$work/bad/bad.json"
check "bad data in a point process: exit 2, the cause relayed from its log, no run folder left" bash -c \
  "cd '$work/bad' && '$carnot' run bad.json --executor local > out.txt 2>&1; code=\$?
   [[ \$code == 2 ]] || { echo exit \$code; cat out.txt; exit 1; }
   grep -q '/nonexistent/fashion does not exist' out.txt || { cat out.txt; exit 1; }
   [[ ! -e runs/executors ]] || { ls -R runs; exit 1; }"

summary
