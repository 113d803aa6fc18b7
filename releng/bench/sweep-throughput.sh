#!/usr/bin/env bash
# Benchmark (not a test): throughput of a 16-point sweep of a small Fashion-MNIST experiment (MLP
# 784-64-10, 500 images, 2 epochs; 8 learning rates x 2 seeds) carried out by `local --parallel 1`,
# `local --parallel 2` and `slurm` on the loopback cluster (releng/slurm/start.sh), one after the
# other in one run on this machine, each point with one libtorch thread. Prints, and writes to
# docs/benchmarks/sweep-throughput.txt:
#  - points per minute (16 / the command's wall time);
#  - submit to first epoch: from the command's start to the first epoch any point records (polled
#    every 0.2 s);
#  - per-point overhead: wall time x points at once / 16 - the mean training time of a point (the sum
#    of its epochs' recorded seconds): what each point costs beyond its training (process start,
#    data loading, scheduling, following).
#   releng/bench/sweep-throughput.sh [OUTPUT]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
carnot="$root/product/target/products/carnot.ui.product/linux/gtk/x86_64/carnot/carnot"
output=${1:-$root/docs/benchmarks/sweep-throughput.txt}
[[ -x $carnot ]] || { echo "sweep-throughput: build the product first (./mvnw -B -o -q verify -DskipTests)" >&2; exit 2; }
work=$(mktemp -d)
cluster="$work/cluster"
export CARNOT_SLURM_PORT=$((22000 + (RANDOM % 2000) * 2))
trap 'bash "$root/releng/slurm/stop.sh" "$cluster" >/dev/null 2>&1; rm -rf "$work"' EXIT
bash "$root/releng/slurm/start.sh" "$cluster" >/dev/null
export SLURM_CONF="$cluster/slurm.conf"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

cat > "$work/sweep.json" <<'JSON'
{"name": "throughput", "seed": 1,
 "dataset": {"id": "idx", "settings": {"trainSize": 500, "testSize": 500}},
 "model": {"id": "mlp", "settings": {"hidden": [64]}},
 "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05, "momentum": 0.9}},
 "loss": "cross-entropy", "training": {"epochs": 2, "batchSize": 32},
 "sweep": {"grid": {"optimizer.settings.learningRate": [0.1, 0.07, 0.05, 0.03, 0.02, 0.01, 0.007, 0.005]},
           "seeds": [1, 2]}}
JSON

# name, points at once, executor arguments...
measure() {
  local name=$1 slots=$2; shift 2
  local ws="$work/${name//[^a-z0-9]/-}" start first="" end
  mkdir -p "$ws"
  start=$(date +%s.%N)
  (cd "$ws" && "$carnot" run ../sweep.json --quiet "$@" > out.txt 2>&1) &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    if [[ -z $first ]] && compgen -G "$ws/runs/throughput/sweep-*/points/*/metrics.jsonl" >/dev/null; then
      first=$(date +%s.%N)
    fi
    sleep 0.2
  done
  wait "$pid" || { echo "sweep-throughput: $name failed:" >&2; cat "$ws/out.txt" >&2; exit 1; }
  end=$(date +%s.%N)
  /usr/bin/python3 - "$name" "$slots" "$start" "${first:-$end}" "$end" "$ws"/runs/throughput/sweep-*/points <<'PY'
import json, pathlib, sys
name, slots, start, first, end, points = sys.argv[1], int(sys.argv[2]), *map(float, sys.argv[3:6]), pathlib.Path(sys.argv[6])
train = []
for folder in sorted(points.iterdir()):
    lines = [json.loads(l) for l in (folder / "metrics.jsonl").read_text().splitlines() if l.strip()]
    train.append(sum(l.get("seconds", 0.0) for l in lines))
n, wall = len(train), end - start
mean_train = sum(train) / n
print(f"{name:<22} {n:>6} {wall:>9.1f} {60 * n / wall:>10.2f} {first - start:>14.1f} {mean_train:>11.2f} "
      f"{wall * slots / n - mean_train:>12.2f}")
PY
}

{
  echo "# Sweep throughput: a 16-point sweep (Fashion-MNIST, MLP 784-64-10, 500 images, 2 epochs), one libtorch thread per point"
  echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1), loopback SLURM $(sinfo --version | cut -d' ' -f2)"
  echo "# load average at start: $load_start"
  echo "# seconds; per-point overhead = wall x points at once / 16 - mean training seconds of a point"
  printf '%-22s %6s %9s %10s %14s %11s %12s\n' executor points wall points/min "first epoch" "train/point" "overhead/pt"
  measure "local --parallel 1" 1 --executor local --executor-settings '{"parallel": 1, "threads": 1}'
  measure "local --parallel 2" 2 --executor local --executor-settings '{"parallel": 2, "threads": 1}'
  measure "slurm (2 CPUs)" 2 --executor slurm --executor-settings '{"cpus": 1, "memory": "3G"}'
  echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$output"
