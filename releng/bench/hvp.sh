#!/usr/bin/env bash
# Benchmark (not a test): Carnot's exact Hessian-vector products against PyTorch's double backward
# in Python on identical weights, batch, start vector and probes (Carnot exports them, Python reads
# them). MLP 784-512-512-10, 2048 Fashion-MNIST training images, 2 threads each side; per-HVP time,
# top eigenvalue (20 power iterations) and trace (20 Hutchinson probes) with times and ratios,
# numeric agreement, and RSS over 1000 consecutive HVPs after 500 warm-up ones (the Java heap is
# fixed and pre-touched so its growth does not count as a leak). Writes docs/benchmarks/hvp.txt.
#   releng/bench/hvp.sh [--examples N] [--hidden 512,512] [--timed N] [--power N] [--probes N] [--memory N] [--warmup N]
# Needs Debian's python3-torch and libopenblas0-pthread (releng/setup.sh --peer).
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
bash "$root/releng/setup.sh" --peer >&2      # python3-torch and OpenBLAS for the peer side
"$root/carnot" --version >/dev/null   # set up and build on first use
bash "$root/releng/lib/with-sdk.sh"    # the benchmarks are applications of carnot.bench (SDK feature)
source "$root/releng/lib/product.sh"
folder="$root/target/hvp-bench"
rm -rf "$folder"
mkdir -p "$folder"
export OPT_OUT_TRACKING=true
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
java -Xms3g -Xmx3g -XX:+AlwaysPreTouch -Doffline=true -Dai.djl.offline=true -Dai.djl.pytorch.num_threads=2 \
  -Dai.djl.pytorch.num_interop_threads=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda=error -Djava.util.logging.config.file="$product/logging.properties" \
  -jar "$product"/plugins/org.eclipse.equinox.launcher_*.jar -configuration "$product/configuration" \
  -nosplash -application carnot.bench.hvp --folder "$folder" "$@"
OMP_NUM_THREADS=2 /usr/bin/python3 "$root/releng/bench/hvp.py" run "$folder"
{
  /usr/bin/python3 "$root/releng/bench/hvp.py" compare "$folder"
  # Timings mean something only on an otherwise idle machine: say how busy it was.
  echo "machine: $(nproc) cores; load average at the start $load_start, at the end $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$root/docs/benchmarks/hvp.txt"
