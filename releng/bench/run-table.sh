#!/usr/bin/env bash
# Benchmark: a 100-run sweep (run folders written by Carnot's recorder) opened in the workbench's
# run table, and its parallel-coordinates view drawn; beside it, the peer: a plain Python script
# reading the same run folders' files into rows (what any script over the run folders costs).
# Targets (issue 21): open under 1 s, draw under 1 s.
#   releng/bench/run-table.sh [--rounds R]     (writes a fresh workspace under /tmp each time)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
"$root/carnot" --version >/dev/null   # set up and build on first use
source "$root/releng/lib/product.sh"
work="$(mktemp -d)"
source "$root/releng/lib/xvfb.sh"
trap 'rm -rf "$work"; stop_xvfb' EXIT
if [[ -z ${DISPLAY:-} ]]; then
  start_xvfb 1280x900x24
  export DISPLAY=$xvfb_display
fi
echo "run table benchmark on $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
java -Xmx2g -Djava.util.logging.config.file="$product/logging.properties" \
  -jar "$product"/plugins/org.eclipse.equinox.launcher_*.jar -configuration "$product/configuration" \
  -nosplash -consoleLog -application carnot.ui.runTableBenchmark --workspace "$work/workspace" "$@" 2>&1 | grep -v '^SLF4J\|dbus'
/usr/bin/python3 "$root/releng/bench/run-table-peer.py" "$work/workspace"
