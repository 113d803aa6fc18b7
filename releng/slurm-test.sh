#!/usr/bin/env bash
# The slurm executor against a real single-node SLURM cluster on loopback (releng/slurm/start.sh;
# never a mock of sbatch), on the built product, as a user runs it:
#  - a 4-point Fashion-MNIST sweep submitted with --detach as ONE array job; one task killed with
#    `scancel --signal=KILL` mid-run, one requeued (`scontrol requeue`, released at once); `carnot
#    status` shows the scheduler's state beside each point's from another process; the requeued
#    point continues from its last saved epoch, the killed one is interrupted; `carnot run` of the
#    same file then submits what is left and follows it to the end;
#  - every point equal to the `local` executor's run of the same file (one libtorch thread per
#    point on both sides): metrics (time aside), byte-identical final weights, the same summary;
#  - a detached sweep whose last task writes the summary (nobody follows it);
#  - the memory request from the memory estimate (memory=auto, the default): sbatch's --mem is what
#    execution.json says and the job script's CARNOT_HEAP its heap (scontrol shows MinMemoryNode);
#  - a task SLURM stops (scancel, a --time limit that runs out) is interrupted with the scheduler's
#    reason; a point stopped by `carnot cancel` stays cancelled;
#  - a study (bias-variance, 2 widths x 2 draws) submits ONE array job of 4 tasks;
#  - bad input, each a clear message, a non-zero exit and no run lost: no sbatch on the PATH, the
#    controller down, an unknown partition, a point that fails (named with its job id and log).
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/releng/lib/checks.sh" "slurm test"
cluster="$work/cluster"
# A port of its own, so that another loopback cluster on this machine (a benchmark) is not disturbed.
export CARNOT_SLURM_PORT=$((20000 + (RANDOM % 2000) * 2))
stop_cluster() { bash "$root/releng/slurm/stop.sh" "$cluster" >/dev/null 2>&1; remove_work; }
trap stop_cluster EXIT
bash "$root/releng/slurm/start.sh" "$cluster" || { echo "slurm test: the loopback cluster did not start"; exit 1; }
export SLURM_CONF="$cluster/slurm.conf"
mkdir -p "$work/local" "$work/slurm" "$work/settle" "$work/bad"

cat > "$work/sweep.json" <<'JSON'
{"name": "slurm", "seed": 1,
 "dataset": {"id": "idx", "settings": {"trainSize": 15000, "testSize": 1000}},
 "model": {"id": "mlp", "settings": {"hidden": [128]}},
 "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05, "momentum": 0.9}},
 "loss": "cross-entropy", "training": {"epochs": 8, "batchSize": 32},
 "sweep": {"grid": {"optimizer.settings.learningRate": [0.05, 0.02]}, "seeds": [1, 2]}}
JSON
slurm_settings='{"cpus": 1, "memory": "3G"}'

metrics() { sed -E 's/,"seconds":[^,}]*//' "$1/metrics.jsonl"; }
same_points() { # every point of sweep folder $1 equals the same point of $2: metrics and final weights
  local a=$1 b=$2 n=0 point name
  for point in "$a"/points/*/; do
    name=$(basename "$point")
    diff <(metrics "$point") <(metrics "$b/points/$name") >/dev/null || { echo "metrics differ: $name"; return 1; }
    cmp -s "$point/checkpoints/epoch-0008.params" "$b/points/$name/checkpoints/epoch-0008.params" \
      || { echo "weights differ: $name"; return 1; }
    n=$((n + 1))
  done
  [[ $n == 4 ]] || { echo "$n points instead of 4"; return 1; }
}
task_state() { scontrol -o show job "$1" 2>/dev/null | sed -n 's/.* JobState=\([A-Z_]*\).*/\1/p' | head -1; }
epochs() { [[ -f $1/metrics.jsonl ]] && echo $(($(wc -l < "$1/metrics.jsonl") - 1)) || echo 0; }  # epoch 0 is the untrained evaluation
wait_for() { # seconds, then a command that must come true
  local limit=$1; shift
  for _ in $(seq 1 $((limit * 2))); do "$@" && return 0; sleep 0.5; done
  return 1
}
job_gone() { [[ -z $(squeue -h -j "$1" 2>/dev/null) ]]; }

echo "slurm test: $carnot (cluster $SLURM_CONF)"
check "the reference: the sweep through --executor local (one thread per point process)" bash -c \
  "cd '$work/local' && '$carnot' run ../sweep.json --executor local --executor-settings '{\"parallel\": 2, \"threads\": 1}' \
   --quiet > out.txt 2>&1 || { cat out.txt; exit 1; }"
reference=$(ls -d "$work"/local/runs/slurm/sweep-* 2>/dev/null | head -1)

# A run SLURM stops at its time limit (--time=1: one minute; the controller checks every 30 s),
# submitted first so that it runs out beside the sweep below (the sweep runs one task at a time).
mkdir -p "$work/timeout"
single() { # a single run of the sweep's experiment: training-set size, epochs
  printf '{"name": "slurm", "seed": 1, "dataset": {"id": "idx", "settings": {"trainSize": %d, "testSize": 1000}},
 "model": {"id": "mlp", "settings": {"hidden": [128]}}, "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05}},
 "loss": "cross-entropy", "training": {"epochs": %d, "batchSize": 32}}\n' "$1" "$2"
}
single 15000 400 > "$work/timeout/long.json"
(cd "$work/timeout" && "$carnot" run long.json --executor slurm --executor-settings '{"cpus": 1, "memory": "2G", "time": "1"}' \
  --detach > out.txt 2>&1; echo "exit $?" >> out.txt)
timeout_job=$(sed -n 's/.*submitted batch job \([0-9]*\).*/\1/p' "$work/timeout/out.txt")
timeout_run=$(ls -d "$work"/timeout/runs/slurm/*/ 2>/dev/null | head -1)

# One task at a time, so that the job is still queued when its status is asked for. No memory
# setting: the request comes from the memory estimate of its largest point.
(cd "$work/slurm" && "$carnot" run ../sweep.json --executor slurm --executor-settings '{"cpus": 1, "throttle": 1}' \
  --detach > detach.txt 2>&1; echo "exit $?" >> detach.txt)
job=$(sed -n 's/.*submitted batch job \([0-9]*\).*/\1/p' "$work/slurm/detach.txt")
sweep=$(ls -d "$work"/slurm/runs/slurm/sweep-* 2>/dev/null | head -1)
check "--detach submits ONE array job of 4 tasks, prints its id and returns (exit 0)" bash -c \
  "grep -q 'exit 0' '$work/slurm/detach.txt' && [[ -n '$job' ]] && grep -q -- '--array=0-3%1' '$sweep/slurm/job.sh' \
   && test -s '$sweep/execution.json' || { cat '$work/slurm/detach.txt'; exit 1; }"
requested=$(sed -n 's/.*"request" *: *"\([0-9]*[MG]\)".*/\1/p' "$sweep/execution.json" 2>/dev/null)
check "memory=auto: --mem is the largest point's estimate + 25% (execution.json says why), CARNOT_HEAP from it; scontrol shows it" bash -c \
  "grep -q 'memory per task: the memory estimate of the largest point' '$work/slurm/detach.txt' && [[ -n '$requested' ]] \
   && grep -q -- '--mem=$requested\$' '$sweep/slurm/job.sh' && grep -qE '^export CARNOT_HEAP=[0-9]+m\$' '$sweep/slurm/job.sh' \
   && grep -q '\"why\" *: *\"the memory estimate' '$sweep/execution.json' \
   && scontrol -o show job $job | grep -o 'MinMemoryNode=[0-9]*[MG]' | head -1 | grep -qx 'MinMemoryNode=$requested' \
   || { cat '$work/slurm/detach.txt' '$sweep/execution.json'; grep -E 'mem|HEAP' '$sweep/slurm/job.sh'; exit 1; }"
point() { ls -d "$sweep"/points/"$1"-*/ 2>/dev/null | head -1; }
trained() { [[ $(cat "$sweep"/points/"$1"-*/metrics.jsonl 2>/dev/null | wc -l) -ge 2 ]]; }

# Task 0 killed mid-run (scancel --signal=KILL). SLURM ends a job it is asked to SIGKILL through its
# usual termination (SIGTERM, then SIGKILL after KillWait), so the point records that it was
# cancelled, resumable from its last saved epoch; a lost node would leave it interrupted, equally
# resumable. Then task 1 requeued mid-run.
if wait_for 300 trained 000; then
  scancel --signal=KILL "${job}_0"
  ok "task ${job}_0 killed with scancel --signal=KILL after epoch $(epochs "$(point 000)")"
else
  fail "task ${job}_0 never recorded an epoch" "$work/slurm/detach.txt"
fi
if wait_for 300 trained 001; then
  scontrol requeue "${job}_1"
  ok "task ${job}_1 requeued with scontrol requeue after epoch $(epochs "$(point 001)")"
else
  fail "task ${job}_1 never recorded an epoch"
fi
check "carnot status SWEEP (another process) shows the scheduler's state beside each point's; the requeued point is queued, not cancelled" bash -c \
  "cd '$work/slurm' && '$carnot' status '$sweep' > status1.txt 2>&1 || { cat status1.txt; exit 1; }; cat status1.txt
   grep -qE '^(queued|running) ' status1.txt && grep -qE '^  (queued|running) .*001-.*job ${job}_1 ' status1.txt \
   && grep -qE '^  (interrupted|cancelled) .*000-.*job ${job}_0 ' status1.txt"
check "the requeued task is released at once (scontrol update StartTime=now once PENDING)" bash -c \
  "for i in \$(seq 1 120); do scontrol -o show job ${job}_1 | grep -q 'JobState=PENDING' && break; sleep 0.5; done
   scontrol update jobid=${job}_1 StartTime=now"
check "the job ends (every task ran out)" wait_for 900 job_gone "$job"
check "the requeued point continued from its last saved epoch and completed (its log shows the restart)" bash -c \
  "grep -q '\"status\" *: *\"completed\"' '$(point 001)/status.json' && grep -q 'start 2' '$sweep/slurm/${job}_1.out' \
   && grep -q 'continuing' '$sweep/slurm/${job}_1.out' || { cat '$sweep/slurm/${job}_1.out'; exit 1; }"
check "after the job: the killed point is interrupted with SLURM's reason (not cancelled), resumable; the sweep is not complete" bash -c \
  "cd '$work/slurm' && '$carnot' status '$sweep' > status2.txt 2>&1; cat status2.txt
   grep -qE '^  interrupted .*000-.*job ${job}_0 CANCELLED.*stopped by SLURM \(CANCELLED' status2.txt \
   && grep -qE '^interrupted ' status2.txt && test -s \"\$(ls -d '$sweep'/points/000-*)/resume.state\""
check "a run past its --time limit is interrupted: carnot status names TIMEOUT and the time limit" bash -c \
  "grep -q 'exit 0' '$work/timeout/out.txt' && [[ -n '$timeout_job' && -n '$timeout_run' ]] || { cat '$work/timeout/out.txt'; exit 1; }
   for i in \$(seq 1 240); do [[ -z \$(squeue -h -j $timeout_job) ]] && break; sleep 1; done
   cd '$work/timeout' && '$carnot' status '$timeout_run' > status.txt 2>&1; cat status.txt
   grep -qE '^interrupted ' status.txt && grep -q 'TIMEOUT' status.txt && grep -q 'time limit ran out' status.txt"
check "carnot run of the same file submits what is left and follows it to the end (exit 0)" bash -c \
  "cd '$work/slurm' && '$carnot' run ../sweep.json --executor slurm --executor-settings '$slurm_settings' > rerun.txt 2>&1 \
   || { cat rerun.txt; exit 1; }; grep -q '1 to run' rerun.txt && grep -q 'sweep completed: 4 of 4' rerun.txt \
   || { cat rerun.txt; exit 1; }"
check "every point equal to the local executor's: metrics (time aside) and byte-identical weights" \
  same_points "$sweep" "$reference"
check "the same summary as the local executor's" bash -c \
  "diff <(cut -d, -f1-9 '$reference/summary.csv') <(cut -d, -f1-9 '$sweep/summary.csv')"

# Nobody follows this one: the last task to end writes the summary.
sed 's/"seeds": \[1, 2\]/"seeds": [1]/; s/"epochs": 8/"epochs": 1/' "$work/sweep.json" > "$work/settle/small.json"
check "a detached sweep gets its summary from its last task" bash -c \
  "cd '$work/settle' && '$carnot' run small.json --executor slurm --executor-settings '$slurm_settings' --detach \
   > out.txt 2>&1 || { cat out.txt; exit 1; }
   j=\$(sed -n 's/.*submitted batch job \([0-9]*\).*/\1/p' out.txt)
   for i in \$(seq 1 600); do [[ -z \$(squeue -h -j \$j) ]] && break; sleep 1; done
   s=\$(ls -d runs/slurm/sweep-*); test -s \$s/summary.csv && grep -q '\"completed\"' \$s/status.json \
   || { cat out.txt \$s/status.json \$s/slurm/*.out; exit 1; }"

# A user's own cancel: the point stays cancelled, not interrupted.
mkdir -p "$work/cancel"
cp "$work/timeout/long.json" "$work/cancel/long.json"
check "carnot cancel of a submitted run: scancel, and the run stays cancelled (resumable), not interrupted" bash -c \
  "cd '$work/cancel' && '$carnot' run long.json --executor slurm --executor-settings '{\"cpus\": 1, \"memory\": \"2G\"}' --detach \
   > out.txt 2>&1 || { cat out.txt; exit 1; }; j=\$(sed -n 's/.*submitted batch job \([0-9]*\).*/\1/p' out.txt)
   r=\$(ls -d runs/slurm/*/ | head -1)
   for i in \$(seq 1 120); do grep -q '\"status\" *: *\"running\"' \$r/status.json 2>/dev/null && break; sleep 0.5; done
   '$carnot' cancel \$r > cancel.txt 2>&1 || { cat cancel.txt; exit 1; }
   for i in \$(seq 1 120); do [[ -z \$(squeue -h -j \$j) ]] && break; sleep 0.5; done
   '$carnot' status \$r > status.txt 2>&1; cat status.txt; grep -qE '^cancelled ' status.txt && ! grep -q 'stopped by SLURM' status.txt \
   && grep -q '\"cancelled\"' \$r/execution.json"

# A study: all its runs as ONE array job (the workspace's default executor is slurm).
mkdir -p "$work/study/.carnot"
echo '{"id": "slurm", "settings": {"cpus": 1, "memory": "2G"}}' > "$work/study/.carnot/executor.json"
single 2000 1 > "$work/study/bv.json"
check "a bias-variance study (2 widths x 2 draws) submits ONE sbatch array job of 4 tasks and completes" bash -c \
  "cd '$work/study' && '$carnot' bias-variance bv.json --widths 8,16 --draws 2 --train-size 200 > out.txt 2>&1 \
   || { cat out.txt; exit 1; }; s=\$(ls -d studies/*/*/); cat out.txt | tail -3
   [[ \$(grep -c 'runs submitted together through the slurm executor' out.txt) == 1 ]] \
   && grep -q -- '--array=0-3\$' \$s/slurm/job.sh && [[ \$(ls \$s/slurm/*_[0-3].out | wc -l) == 4 ]] \
   && [[ \$(ls \$s/slurm/*.out | xargs -n1 basename | cut -d_ -f1 | sort -u | wc -l) == 1 ]] \
   && test -s \$s/bias-variance.csv && test -s \$s/execution.json \
   && [[ \$(ls -d runs/*/*/ | wc -l) == 4 ]] || { ls -R \$s; exit 1; }"

# Bad input.
mkdir -p "$work/nopath"
for f in /usr/bin/*; do case ${f##*/} in sbatch|squeue|scontrol|scancel|sinfo|srun|salloc|sacct*|sattach|sbcast|sprio|sshare|sstat|strigger|sview|sdiag|sreport|sacctmgr) ;; *) ln -s "$f" "$work/nopath/";; esac; done
check "no sbatch on the PATH: exit 2, says so, writes nothing" bash -c \
  "cd '$work/bad' && PATH='$work/nopath' '$carnot' run ../sweep.json --executor slurm > out.txt 2>&1; code=\$?
   [[ \$code == 2 ]] && grep -q 'no sbatch on the PATH' out.txt && test ! -e runs || { echo exit \$code; cat out.txt; exit 1; }"
sed "s/^SlurmctldPort=.*/SlurmctldPort=$((CARNOT_SLURM_PORT + 1000))/" "$SLURM_CONF" > "$work/down.conf"
check "the controller down: exit 2, says so, writes nothing" bash -c \
  "cd '$work/bad' && SLURM_CONF='$work/down.conf' '$carnot' run ../sweep.json --executor slurm > out.txt 2>&1; code=\$?
   [[ \$code == 2 ]] && grep -q 'controller does not answer' out.txt && test ! -e runs || { echo exit \$code; cat out.txt; exit 1; }"
check "an unknown partition: exit 2, names the setting and the partition, writes nothing" bash -c \
  "cd '$work/bad' && '$carnot' run ../sweep.json --executor slurm --executor-settings '{\"partition\": \"nosuch\"}' \
   > out.txt 2>&1; code=\$?; [[ \$code == 2 ]] && grep -q 'executor.settings.partition' out.txt && grep -q nosuch out.txt \
   && test ! -e runs || { echo exit \$code; cat out.txt; exit 1; }"
sed 's|"grid": {"optimizer.settings.learningRate": \[0.05, 0.02\]}|"grid": {"dataset.settings.folder": ["/usr/share/datasets/fashion-mnist", "/nonexistent/fashion"]}|; s/"seeds": \[1, 2\]/"seeds": [1]/; s/"epochs": 8/"epochs": 1/' \
  "$work/sweep.json" > "$work/bad/failing.json"
check "a point that fails: exit 1, the message names its job task and log, the other point completed" bash -c \
  "cd '$work/bad' && '$carnot' run failing.json --executor slurm --executor-settings '$slurm_settings' > fail.txt 2>&1; code=\$?
   [[ \$code == 1 ]] && grep -qE 'job [0-9]+_1 FAILED' fail.txt && grep -qE 'log .*/slurm/[0-9]+_1.out' fail.txt \
   && grep -q 'sweep failed: 1 of 2' fail.txt || { echo exit \$code; cat fail.txt; exit 1; }
   grep -q nonexistent runs/slurm/sweep-*/slurm/*_1.out || { echo 'the log does not say why'; exit 1; }"
summary
