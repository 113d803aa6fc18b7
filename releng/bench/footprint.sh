#!/usr/bin/env bash
# Benchmark (not a test): a run's memory and overheads. Side by side in one invocation, Carnot
# (`carnot run`, the launcher's default heap settings) and a PyTorch-Python twin (Debian's
# python3-torch, 2 threads: releng/bench/footprint.py) of each experiment: wall time, time per
# epoch, max RSS (/usr/bin/time -v) and the ratios; Carnot's memory estimate against its measured
# peak; the per-epoch evaluation's cost as a fraction of an epoch (from the run's own log: the time
# between two epochs' lines less the epoch's training seconds, median over the epochs at which no
# analysis ran; it includes writing the resume point and the records); and a
# table of each built-in analysis's cost per call at its defaults, as a fraction of an epoch, on
# the quickstart's data. Writes docs/benchmarks/footprint.txt.
#   releng/bench/footprint.sh [--experiments "experiments/quickstart.json experiments/fashion-mnist-mlp.json"]
#                             [--epochs K] [--no-analyses] [--evaluation] [--out FILE]
# --evaluation adds the quickstart's evaluation overhead, on average over all epochs, at the defaults
# and with the settings docs/footprint.md recommends (evaluateEvery 5, evaluationSubset 2000, both);
# with evaluateEvery > 1 only the time from epoch 0 to the end is comparable (unevaluated epochs record
# no training seconds).
# --experiments "" --out FILE: only the analyses' table, into FILE (default docs/benchmarks/footprint.txt).
# --epochs K overrides every experiment's epochs (shorter runs on a busy machine; say so when quoting).
# Needs Debian's python3-torch and libopenblas0-pthread (releng/setup.sh --peer).
# Timings are comparable only on an otherwise idle machine; RSS is comparable under load. The load
# average is printed with every figure.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
experiments="experiments/quickstart.json experiments/fashion-mnist-mlp.json"
epochs=""
analyses=1
evaluation=0
out="$root/docs/benchmarks/footprint.txt"
while (($#)); do
  case "$1" in
    --experiments) experiments="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --no-analyses) analyses=0; shift ;;
    --evaluation) evaluation=1; shift ;;
    --out) out=$(readlink -f "$2"); shift 2 ;;
    *) echo "footprint.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
bash "$root/releng/setup.sh" --peer >&2
"$root/carnot" --version >/dev/null   # set up and build on first use
carnot="$root/product/target/products/carnot.ui.product/linux/gtk/x86_64/carnot/carnot"
work="$root/target/footprint-bench/$(basename "$out" .txt)"
rm -rf "$work"
mkdir -p "$work/ws"
python=/usr/bin/python3
load() { cut -d' ' -f1-3 /proc/loadavg; }
# A variant of an experiment file: training settings overridden (JSON with // comments in, plain JSON out).
variant() { # source, target, python expression on `t` (the training object), e.g. "t['epochs'] = 3"
  "$python" - "$1" "$2" "$3" <<'EOF'
import json, re, sys
text = "\n".join(re.sub(r'^\s*//.*$', '', l) for l in open(sys.argv[1]).read().splitlines())
spec = json.loads(text)
t = spec.setdefault("training", {})
exec(sys.argv[3])
json.dump(spec, open(sys.argv[2], "w"), indent=1)
EOF
}
# Runs a command under /usr/bin/time -v; prints "wall_seconds max_rss_kb" and keeps its output in $1.log.
measured() { # name, command...
  local name=$1; shift
  /usr/bin/time -v -o "$work/$name.time" "$@" >"$work/$name.log" 2>&1 || {
    echo "footprint.sh: $name failed; see $work/$name.log" >&2; tail -5 "$work/$name.log" >&2; exit 1; }
  local rss wall
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/$name.time")
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/$name.time" |
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  echo "$wall $rss"
}
run_folder() { sed -n 's/^carnot: run folder //p' "$work/$1.log" | tail -1; }
# Median per-epoch overhead outside training (evaluation, resume point, records), as a fraction of
# the epoch's training seconds: run.log's timestamps of consecutive epoch lines, epochs without analyses.
epoch_overhead() {
  "$python" - "$1" <<'EOF'
import datetime, json, re, statistics, sys
folder = sys.argv[1]
due = {json.loads(l)["epoch"] for l in open(folder + "/analyses.jsonl")}
stamps, seconds = {}, {}
for line in open(folder + "/run.log"):
    m = re.match(r"(\S+)Z epoch (\d+): .*\(([0-9.]+) s\)$", line.strip())
    if m:
        stamps[int(m.group(2))] = datetime.datetime.fromisoformat(m.group(1)[:26]).timestamp()
        seconds[int(m.group(2))] = float(m.group(3))
fractions = [(stamps[e] - stamps[e - 1] - seconds[e]) / seconds[e]
             for e in stamps if e >= 2 and e - 1 in stamps and e not in due and seconds[e] > 0]
print(statistics.median(fractions) if fractions else float("nan"))
EOF
}
# Mean training seconds per epoch (epochs >= 1) of a run folder's metrics.jsonl.
epoch_seconds() {
  "$python" -c 'import json,sys; s=[json.loads(l)["seconds"] for l in open(sys.argv[1]) if json.loads(l)["epoch"] > 0]; print(sum(s)/len(s))' "$1/metrics.jsonl"
}
estimate() { "$python" -c 'import json,sys; m=json.load(open(sys.argv[1]))["memory"]; print(m["peakBytes"], m["processBytes"], m["largestPhase"])' "$1/provenance.json"; }

{
echo "Footprint benchmark, $(date -u +%Y-%m-%dT%H:%MZ); machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB;" \
  "Carnot $("$carnot" --version | cut -d' ' -f2) (commit $(git -C "$root" rev-parse --short HEAD)), launcher defaults" \
  "(CARNOT_HEAP ${CARNOT_HEAP:-unset}); peer: PyTorch $("$python" -c 'import torch; print(torch.__version__)') (Debian), 2 threads."
for experiment in $experiments; do
  name=$(basename "$experiment" .json)
  file="$work/$name.json"
  variant "$root/$experiment" "$file" "${epochs:+t['epochs'] = $epochs}"
  n=$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["training"].get("epochs", 10))' "$file")
  echo
  echo "== $name ($n epochs)"
  l0=$(load); read -r cw crss < <(measured "$name-carnot" "$carnot" run -q -w "$work/ws" --fresh "$file")
  folder=$(run_folder "$name-carnot")
  cepoch=$(epoch_seconds "$folder")
  read -r peak request phase < <(estimate "$folder")
  overhead=$(epoch_overhead "$folder")
  l2=$(load); read -r pw prss < <(measured "$name-pytorch" env OMP_NUM_THREADS=2 "$python" "$root/releng/bench/footprint.py" "$file")
  l3=$(load)
  peer=$(tail -1 "$work/$name-pytorch.log")
  pepoch=$("$python" -c 'import json,sys; print(json.loads(sys.argv[1])["epochSeconds"])' "$peer")
  peval=$("$python" -c 'import json,sys; print(json.loads(sys.argv[1])["evaluationSeconds"])' "$peer")
  "$python" - "$cw" "$crss" "$cepoch" "$overhead" "$n" "$pw" "$prss" "$pepoch" "$peval" "$peak" "$request" "$phase" \
    "$l0" "$l2" "$l3" <<'EOF'
import sys
a = sys.argv[1:]
cw, crss, cepoch, overhead, n, pw, prss, pepoch, peval, peak, request = (float(v) for v in a[:11])
phase, l0, l2, l3 = a[11:]
mb = lambda kb: kb * 1024 / 1e6  # MB, as the estimate
print(f"{'':28}{'Carnot':>12}{'PyTorch':>12}{'ratio':>9}")
print(f"{'wall time (s)':28}{cw:12.1f}{pw:12.1f}{cw / pw:9.2f}")
print(f"{'time per epoch (s)':28}{cepoch:12.2f}{pepoch:12.2f}{cepoch / pepoch:9.2f}")
print(f"{'max RSS (MB)':28}{mb(crss):12.0f}{mb(prss):12.0f}{crss / prss:9.2f}   (target <= 1.5)")
print(f"evaluation of both splits per epoch: Carnot {overhead:.1%} of an epoch (median over epochs without analyses;"
      f" includes the resume point and records), PyTorch {peval / pepoch:.1%} (timed in-process)   (target <= 10%)")
print(f"memory estimate: peak {peak / 1e6:.0f} MB (largest phase: {phase}) vs measured max RSS"
      f" {crss * 1024 / 1e6:.0f} MB: {peak / (crss * 1024) - 1:+.0%} (target within 25%); request per task"
      f" {request / 1e6:.0f} MB")
print(f"load average (1, 5, 15 min) before each: Carnot {l0}; PyTorch {l2};"
      f" at the end {l3}")
EOF
done

if ((evaluation)); then
  echo
  echo "== the quickstart's evaluation overhead, on average over all epochs (whatever is not training: evaluation,"
  echo "   analyses, resume points, records), against the training seconds of the epochs"
  for setting in "" "t['evaluateEvery'] = 5" "t['evaluationSubset'] = 2000" "t['evaluateEvery'] = 5; t['evaluationSubset'] = 2000"; do
    file="$work/evaluation.json"
    variant "$root/experiments/quickstart.json" "$file" "${epochs:+t['epochs'] = $epochs; }$setting"
    l=$(load); read -r w _ < <(measured evaluation "$carnot" run -q -w "$work/ws" --fresh "$file")
    "$python" - "$(run_folder evaluation)" "${setting:-defaults}" "$w" "$l" <<'EOF2'
import datetime, json, re, sys
folder, setting, wall, load = sys.argv[1:]
stamps = [datetime.datetime.fromisoformat(m.group(1)[:26]).timestamp()
          for m in (re.match(r"(\S+)Z epoch (\d+): ", l) for l in open(folder + "/run.log")) if m]
metrics = [json.loads(l) for l in open(folder + "/metrics.jsonl")]
epochs = max(m["epoch"] for m in metrics)
evaluated = [m for m in metrics if m["epoch"] > 0]
span = stamps[-1] - stamps[0]
if len(evaluated) == epochs:
    # Every epoch evaluated: each records its own training seconds.
    training = sum(m["seconds"] for m in evaluated)
    figure = f"{(span - training) / training:6.1%} of an epoch"
else:
    # Epochs without evaluation record no training seconds of their own: only the time is comparable.
    figure = "   n/a             "
print(f"  {setting:52} {figure}   (epoch 0 to the end {span:.1f} s, wall {float(wall):.1f} s;"
      f" {len(evaluated)} of {epochs} epochs evaluated; load {load})")
EOF2
  done
fi

if ((analyses)); then
  echo
  echo "== analyses at their defaults, one call each after one epoch of the quickstart (MLP 784-512-10, 20000 + 10000"
  echo "   Fashion-MNIST images); kernel-baseline on 2000 + 1000 images (its n x n matrices); cost = seconds per call / epoch"
  table="$work/analyses.json"
  variant "$root/experiments/quickstart.json" "$table" "t['epochs'] = 1
spec['analyses'] = [{'id': i, 'every': 1, 'atInit': False} for i in
  ['margins', 'normalized-margins', 'norms', 'bounds', 'hessian-spectrum', 'sharpness', 'pac-bayes-bound', 'plane',
   'slices', 'interpolation']]"
  kernel="$work/analyses-kernel.json"
  variant "$root/experiments/quickstart.json" "$kernel" "t['epochs'] = 1
spec['dataset']['settings'].update(trainSize=2000, testSize=1000)
spec['analyses'] = [{'id': 'kernel-baseline', 'every': 1, 'atInit': False}]"
  for part in analyses analyses-kernel; do
    l=$(load); read -r w rss < <(measured "$part" "$carnot" run -q -w "$work/ws" --fresh "$work/$part.json")
    folder=$(run_folder "$part")
    read -r peak _ phase < <(estimate "$folder")
    "$python" - "$folder" "$w" "$rss" "$peak" "$phase" "$l" <<'EOF'
import glob, json, os, sys
folder, wall, rss, peak, phase, load = sys.argv[1:]
epoch = [json.loads(l) for l in open(folder + "/metrics.jsonl") if json.loads(l)["epoch"] == 1][0]["seconds"]
print(f"  {'analysis':22}{'s/call':>9}{'x epoch':>9}   (epoch {epoch:.2f} s; run max RSS {int(rss) * 1024 / 1e6:.0f} MB,"
      f" estimated peak {int(peak) / 1e6:.0f} MB, largest phase {phase}; load {load})")
# Each result's own file (analyses/<index>-<id>/epoch-<k>.json) records the seconds the call took.
calls = glob.glob(folder + "/analyses/*/epoch-*.json")
for path in sorted(calls, key=lambda p: int(os.path.basename(os.path.dirname(p)).split("-")[0])):
    a = json.load(open(path))
    print(f"  {a['id']:22}{a['seconds']:9.2f}{a['seconds'] / epoch:9.2f}")
for line in open(folder + "/run.log"):
    if "failed" in line:
        print("  " + line.strip())
EOF
  done
fi
} | tee "$out"
