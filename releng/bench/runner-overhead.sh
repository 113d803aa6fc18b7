#!/usr/bin/env bash
# Benchmark: Carnot's training loop against plain DJL loops on the same MLP and the same
# Fashion-MNIST images, in one JVM, interleaved; prints the ratio (target: <= 1.10).
#   releng/bench/runner-overhead.sh [--train N] [--epochs K] [--rounds R] [--batch B] [--hidden 512,512]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
"$root/carnot" --version >/dev/null   # set up and build on first use
bash "$root/releng/lib/with-sdk.sh"    # the benchmarks are applications of carnot.bench (SDK feature)
source "$root/releng/lib/product.sh"
threads="${CARNOT_THREADS:-$(nproc)}"
export OPT_OUT_TRACKING=true
exec java -Xmx8g -Doffline=true -Dai.djl.offline=true -Dai.djl.pytorch.num_threads="$threads" \
  -Dai.djl.pytorch.num_interop_threads=1 -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda=error -Djava.util.logging.config.file="$product/logging.properties" \
  -jar "$product"/plugins/org.eclipse.equinox.launcher_*.jar -configuration "$product/configuration" \
  -nosplash -application carnot.bench.runner "$@"
