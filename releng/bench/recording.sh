#!/usr/bin/env bash
# Benchmark: per-epoch cost of recording a run (RunRecorder) at epochs 10, 1,000, 10,000 and 100,000,
# driven directly with synthetic epochs (no training), on the disk of the folder given (default: a
# scratch folder under the worktree's target/, a real disk with real fsyncs). Not a test: prints a
# table; docs/benchmarks/recording.txt holds a run's output.
#   releng/bench/recording.sh [FOLDER] [EPOCHS, e.g. 10,1000,10000,100000]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
source "$root/releng/lib/product.sh"
[[ -d $product/plugins ]] || "$root/carnot" --version >/dev/null   # set up and build on first use
scratch="${1:-$root/product/target/recording-bench}"
epochs="${2:-10,1000,10000,100000}"
rm -rf "$scratch" && mkdir -p "$scratch"
trap 'rm -rf "$scratch"' EXIT
classpath=$(ls "$product"/plugins/carnot.workspace_*.jar "$product"/plugins/carnot.api_*.jar \
  "$product"/plugins/com.fasterxml.jackson.core.jackson-*.jar | paste -sd:)
echo "# RunRecorder per-epoch cost; $(date -u +%Y-%m-%dT%H:%MZ); $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg);" \
  "$(df -T "$scratch" | awk 'NR==2 {print $2}') at $scratch"
echo "# each epoch: metrics.jsonl + metrics.csv appended and fdatasync'd, status.json replaced atomically (rename,"
echo "# not forced: a running status), run.log appended; an analysis line every 100 epochs (its file forced)."
echo "# After a 2000-epoch warm-up in another folder; window: the 200 epochs up to each epoch shown."
java -cp "$classpath" "$root/releng/bench/RecordingBenchmark.java" "$scratch" "$epochs"
