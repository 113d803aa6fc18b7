#!/usr/bin/env bash
# Resume after kill -9, on the built product as a user runs it:
#  1. an uninterrupted reference run (real Fashion-MNIST subset, MLP with dropout, SGD with
#     momentum and a cosine schedule);
#  2. the same experiment killed with SIGKILL in the middle of training, then `carnot run` again:
#     it must continue the same run folder and end with exactly the reference's metrics (every
#     epoch, every field but wall time) and byte-identical final weights;
#  3. the workbench, started on a workspace with the experiment, runs it through the run service
#     and is killed with SIGKILL while it trains: `carnot status` must call the run interrupted and
#     resumable (not running), and `carnot run` continues it to exactly the reference's metrics;
#  4. a sweep over two seeds with --parallel 2, its parent killed with SIGKILL: the point processes
#     stop by themselves, `carnot status` calls the sweep interrupted, and the next `carnot run` of
#     the file continues the same sweep folder; the seed-1 point must equal the reference exactly.
# Between 1 and 2, one writer per folder and liveness across processes: while a run trains,
# `carnot status` says running and names its process, and a second `carnot run` of the same file
# is refused with that process named (nothing written); after kill -9 the status says interrupted
# and resumable (the kernel released the folder's lock; no stale lock is left to clean up).
# Every process runs with one libtorch thread (CARNOT_THREADS=1 for runs, 2 split over two points
# for the sweep), since the thread count changes the order of floating-point sums.
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/releng/lib/checks.sh" "resume-kill-test"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -9 "$pid" 2>/dev/null; done
  remove_work
}
trap cleanup EXIT

cat > "$work/exp.json" <<'JSON'
{"name": "killed", "seed": 1,
 "dataset": {"id": "idx", "settings": {"trainSize": 4000, "testSize": 2000}},
 "model": {"id": "mlp", "settings": {"hidden": [256], "dropout": 0.1}},
 "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05, "momentum": 0.9, "schedule": "cosine"}},
 "loss": "cross-entropy", "training": {"epochs": 12, "batchSize": 32},
 "analyses": [{"id": "margins", "every": 4}]}
JSON
# The same experiment as a sweep over two seeds.
sed 's/"analyses"/"sweep": {"seeds": [1, 2]}, "analyses"/' "$work/exp.json" > "$work/sweep.json"

# Metrics without wall time, one epoch per line.
metrics() { sed -E 's/,"seconds":[^,}]*//' "$1/metrics.jsonl"; }
# Waits until a metrics file has at least $2 lines; fails after 300 s.
wait_lines() {
  for _ in $(seq 1500); do
    [[ -f $1 && $(wc -l < "$1") -ge $2 ]] && return 0
    sleep 0.2
  done
  return 1
}

echo "resume after kill -9: $carnot"
mkdir -p "$work/ref" "$work/kill" "$work/sweep"
(cd "$work/ref" && CARNOT_THREADS=1 "$carnot" run "$work/exp.json" --quiet > out.txt 2>&1) || fail "reference run"
ref=$(ls -d "$work"/ref/runs/killed/*/)

cd "$work/kill"
CARNOT_THREADS=1 "$carnot" run "$work/exp.json" --quiet > first.txt 2>&1 &
pid=$!; pids+=("$pid")
folder=""
for _ in $(seq 600); do folder=$(ls -d "$work"/kill/runs/killed/*/ 2>/dev/null | head -1); [[ -n $folder ]] && break; sleep 0.2; done
if wait_lines "$folder/metrics.jsonl" 5; then
  kill -9 "$pid"; wait "$pid" 2>/dev/null
  epochs=$(($(wc -l < "$folder/metrics.jsonl") - 1))
  ok "killed with SIGKILL after $epochs epochs (status says $(grep -o '"status" : "[a-z]*"' "$folder/status.json"))"
else
  fail "the run did not get to epoch 4"; cat first.txt
fi
# Liveness as `carnot status` reports it, after the kill: interrupted, resumable.
"$carnot" status > status-killed.txt 2>&1
if grep -qE "^  interrupted +[0-9]+/12 +runs/killed/.*resumable after epoch [0-9]+" status-killed.txt; then
  ok "carnot status: interrupted after kill -9, $(grep -oE 'resumable after epoch [0-9]+' status-killed.txt)"
else
  fail "carnot status does not call the killed run interrupted"; cat status-killed.txt
fi
CARNOT_THREADS=1 "$carnot" run "$work/exp.json" --quiet > second.txt 2>&1 || { fail "the rerun failed"; cat second.txt; }
if grep -q "continuing the unfinished run ${folder%/} after epoch" second.txt; then
  ok "the rerun continued the same folder ($(grep -o 'after epoch [0-9]*' second.txt | head -1))"
else
  fail "the rerun did not continue the killed run"; cat second.txt
fi
[[ $(ls -d "$work"/kill/runs/killed/*/ | wc -l) == 1 ]] && ok "no second run folder" || fail "a second run folder appeared"
if diff <(metrics "$ref") <(metrics "$folder") > diff.txt; then
  ok "all 13 epochs' metrics equal the uninterrupted run's exactly"
else
  fail "metrics differ from the uninterrupted run"; head -20 diff.txt
fi
cmp -s "$ref/checkpoints/epoch-0012.params" "$folder/checkpoints/epoch-0012.params" \
  && ok "final weights byte-identical" || fail "final weights differ"
tail -1 "$ref/metrics.jsonl" | sed 's/^/        reference: /'

# One writer per folder: a second `carnot run` of the same file while the first trains is refused,
# naming the process that holds the folder; nothing is written into the live folder.
mkdir -p "$work/busy"
cd "$work/busy"
sed 's/"epochs": 12/"epochs": 200/' "$work/exp.json" > busy.json
CARNOT_THREADS=1 "$carnot" run busy.json --quiet > first.txt 2>&1 &
busy=$!; pids+=("$busy")
folder=""
for _ in $(seq 600); do folder=$(ls -d "$work"/busy/runs/killed/*/ 2>/dev/null | head -1); [[ -n $folder ]] && break; sleep 0.2; done
if wait_lines "$folder/metrics.jsonl" 2; then
  "$carnot" status > status-live.txt 2>&1
  if grep -qE "^  running +[0-9]+/200 +runs/killed/.*process $busy on " status-live.txt; then
    ok "carnot status: running, held by process $busy"
  else
    fail "carnot status does not show the live run as running by its process"; cat status-live.txt
  fi
  before=$(cat "$folder/run.log" | wc -l)
  CARNOT_THREADS=1 "$carnot" run busy.json --quiet > second.txt 2>&1
  code=$?
  if [[ $code == 2 ]] && grep -q "is in use by process $busy on .*(carnot run busy.json" second.txt; then
    ok "a second carnot run of the same file is refused (exit 2), naming process $busy"
  else
    fail "a second carnot run was not refused with the holder named (exit $code)"; cat second.txt
  fi
  [[ $(ls -d "$work"/busy/runs/killed/*/ | wc -l) == 1 ]] && ok "the refused run wrote no folder" \
    || fail "the refused run wrote a folder"
  grep -q "continuing" second.txt && fail "the second run claims to continue the live folder" \
    || ok "the second run did not train into the live folder"
  kill -9 "$busy"; wait "$busy" 2>/dev/null
  "$carnot" status > status-dead.txt 2>&1
  grep -qE "^  interrupted +[0-9]+/200 +runs/killed/" status-dead.txt && ok "after kill -9 the same run is interrupted" \
    || { fail "after kill -9 the run is not interrupted"; cat status-dead.txt; }
  [[ $(cat "$folder/run.log" | wc -l) -ge $before ]] || fail "run.log lost lines"
else
  fail "the busy run did not get to epoch 1"; cat first.txt
fi

# The workbench killed while it trains: it runs through the run service (in-process executor), so
# the folder is locked by the workbench's process; after kill -9 the run is interrupted, resumable,
# and continues to the reference's metrics.
mkdir -p "$work/gui"
cd "$work/gui"
cp "$work/exp.json" exp.json
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/gui/display" >/dev/null 2>&1 & xvfb=$!
pids+=("$xvfb")
for _ in $(seq 50); do [[ -s $work/gui/display ]] && break; sleep 0.2; done
DISPLAY=":$(cat "$work/gui/display")" CARNOT_WORKSPACE="$work/gui" CARNOT_THREADS=1 \
  JAVA_TOOL_OPTIONS="-Dcarnot.ui.launch=exp.json -Dcarnot.preferences=$work/gui/preferences.properties" \
  "$carnot" > gui.txt 2>&1 &
gui=$!; pids+=("$gui")
folder=""
for _ in $(seq 900); do folder=$(ls -d "$work"/gui/runs/killed/*/ 2>/dev/null | head -1); [[ -n $folder ]] && break; sleep 0.2; done
if [[ -n $folder ]] && wait_lines "$folder/metrics.jsonl" 2; then
  # The process that holds the folder's lock (its pid and command are in the lock file, for
  # messages): the workbench's JVM, which the launcher may have started as a child. Read at once,
  # since a `carnot status` JVM would start slower than this small run trains.
  holder=$(grep -oE '"pid" *: *[0-9]+' "$folder/lock" | grep -oE '[0-9]+$')
  if [[ -n $holder ]] && grep -q '"command" *: *"carnot workbench' "$folder/lock"; then
    kill -9 "$holder"; kill -9 "$gui" 2>/dev/null; wait "$gui" 2>/dev/null
    epochs=$(($(wc -l < "$folder/metrics.jsonl") - 1))
    ok "the workbench (process $holder) held its run's folder; killed with SIGKILL after $epochs epochs"
  else
    fail "the workbench's run folder is not held by the workbench"; cat "$folder/lock"
  fi
  "$carnot" status > status-killed.txt 2>&1
  if grep -qE "^  interrupted +[0-9]+/12 +runs/killed/.*resumable after epoch [0-9]+" status-killed.txt; then
    ok "carnot status: interrupted after the workbench's kill -9, $(grep -oE 'resumable after epoch [0-9]+' status-killed.txt)"
  else
    fail "carnot status does not call the workbench's killed run interrupted and resumable"; cat status-killed.txt
  fi
  CARNOT_THREADS=1 "$carnot" run exp.json --quiet > resumed.txt 2>&1 || { fail "continuing the workbench's run failed"; cat resumed.txt; }
  grep -q "continuing the unfinished run ${folder%/} after epoch" resumed.txt \
    && ok "carnot run continued the workbench's folder" || { fail "the workbench's run was not continued"; cat resumed.txt; }
  if diff <(metrics "$ref") <(metrics "$folder") > diff.txt; then
    ok "the workbench's run, killed and continued, equals the uninterrupted run exactly"
  else
    fail "the workbench's continued run differs from the uninterrupted run"; head -20 diff.txt
  fi
else
  fail "the workbench's run did not get to epoch 1"; cat gui.txt | tail -20
fi
kill -9 "$gui" 2>/dev/null; kill "$xvfb" 2>/dev/null

cd "$work/sweep"
CARNOT_THREADS=2 "$carnot" run "$work/sweep.json" --parallel 2 --quiet > first.txt 2>&1 &
pid=$!; pids+=("$pid")
point=""
for _ in $(seq 600); do point=$(ls -d "$work"/sweep/runs/killed/sweep-*/points/000-seed1 2>/dev/null); [[ -n $point ]] && break; sleep 0.2; done
if wait_lines "$point/metrics.jsonl" 4; then
  kill -9 "$pid"; wait "$pid" 2>/dev/null
  # The point processes notice that their parent is gone and record where they stopped.
  for _ in $(seq 150); do
    pgrep -f -- "--parent $pid" > /dev/null || break
    sleep 0.2
  done
  if pgrep -f -- "--parent $pid" > /dev/null; then
    fail "point processes still run after their sweep was killed"
  else
    ok "sweep killed with SIGKILL; its point processes stopped by themselves ($(grep -o '"status" : "[a-z]*"' "$point/status.json"))"
  fi
else
  fail "the sweep's first point did not get to epoch 3"; cat first.txt; cat "$point/console.log" 2>/dev/null | tail -5
fi
"$carnot" status > status-sweep.txt 2>&1
grep -qE "^  interrupted +[0-9]+/2 +runs/killed/sweep-" status-sweep.txt && ok "carnot status: the killed sweep is interrupted" \
  || { fail "carnot status does not call the killed sweep interrupted"; cat status-sweep.txt; }
CARNOT_THREADS=2 "$carnot" run "$work/sweep.json" --parallel 2 --quiet > second.txt 2>&1 || { fail "the sweep rerun failed"; cat second.txt; }
[[ $(ls -d "$work"/sweep/runs/killed/sweep-* | wc -l) == 1 ]] && ok "the rerun continued the same sweep folder" \
  || fail "a second sweep folder appeared"
grep -q "continuing the unfinished run" "$point/console.log" && ok "the seed-1 point resumed from its saved epoch" \
  || fail "the seed-1 point did not resume"
if diff <(metrics "$ref") <(metrics "$point") > diff.txt; then
  ok "the seed-1 point equals the uninterrupted run exactly"
else
  fail "the seed-1 point differs from the uninterrupted run"; head -20 diff.txt
fi
grep -q '"status" : "completed"' "$(dirname "$(dirname "$point")")/status.json" && ok "sweep completed" || fail "sweep not completed"

summary
