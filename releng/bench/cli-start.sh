#!/usr/bin/env bash
# Benchmark (not a test): how fast the command line starts, today's launcher against the one
# before it (commit c489b3d: a fresh OSGi configuration copied per process, every bundle resolved
# from scratch, libtorch loaded at start-up), side by side in one run on this machine, each
# installation unpacked from its archive. Writes docs/benchmarks/cli-start.txt.
#   releng/bench/cli-start.sh [--rounds N] [--old OLD_ARCHIVE.tar.gz]
# --old compares against another product archive instead (e.g. one built from main before a change).
# Without --old, the old product is built once from that commit (git archive + its own Maven build,
# offline) and kept under target/cli-start-baseline/. Each command runs N rounds, old and new
# alternating so that machine load hits both alike; the first start of each installation (which
# resolves its shared configuration) is not timed but reported. Wall time is the median; CPU is
# user+sys of the median round.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
baseline_commit=c489b3d
rounds=7
old_archive=""
old_label="the launcher of $baseline_commit"
while (($#)); do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --old) old_archive=$2; old_label="the product of $(basename "$2")"; shift 2 ;;
    *) echo "cli-start: unknown argument $1" >&2; exit 2 ;;
  esac
done
new_archive=$(ls "$root"/product/target/products/carnot-*-linux.gtk.x86_64.tar.gz 2>/dev/null | head -1)
[[ -f $new_archive ]] || { echo "cli-start: build the product first (./mvnw verify -DskipTests)" >&2; exit 2; }
cache="$root/target/cli-start-baseline"
if [[ -z $old_archive ]]; then
  old_archive="$cache/carnot-$baseline_commit-linux.tar.gz"
  if [[ ! -f $old_archive ]]; then
    echo "cli-start: building the product of $baseline_commit for comparison (once, a few minutes) ..." >&2
    rm -rf "$cache/src" && mkdir -p "$cache/src"
    git -C "$root" archive "$baseline_commit" | tar -x -C "$cache/src"
    (cd "$cache/src" && ./mvnw -B -o -q package -DskipTests -Dtycho.localArtifacts=ignore) >"$cache/build.log" 2>&1 \
      || { echo "cli-start: the baseline build failed: $cache/build.log" >&2; exit 1; }
    cp "$cache"/src/product/target/products/carnot-*-linux.gtk.x86_64.tar.gz "$old_archive"
    rm -rf "$cache/src"
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for side in old new; do
  archive=$old_archive; [[ $side == new ]] && archive=$new_archive
  mkdir -p "$work/$side" && tar -xzf "$archive" -C "$work/$side" 2>/dev/null
done
mkdir -p "$work/ws"
cp "$root/experiments/quickstart.json" "$work/ws/"
export TMPDIR="$work"

# one timed start: prints "wall_seconds cpu_seconds", fails when the command fails
timed() {
  local side=$1; shift
  local start end
  start=$(date +%s%N)
  /usr/bin/time -f '%U %S' -o "$work/cpu" "$work/$side/carnot/carnot" "$@" >"$work/out" 2>&1 \
    || { echo "cli-start: $side: carnot $* failed:" >&2; tail -5 "$work/out" >&2; return 1; }
  end=$(date +%s%N)
  awk -v w=$(((end - start) / 1000000)) '{printf "%.2f %.2f\n", w / 1000, $1 + $2}' "$work/cpu"
}
median() { sort -n -k1,1 | awk '{a[NR]=$0} END {print a[int((NR + 1) / 2)]}'; }

cd "$work/ws"
declare -A first
for side in old new; do
  first[$side]=$(timed "$side" components | cut -d' ' -f1)
done
commands=("--version" "--help" "components" "validate quickstart.json")
{
  echo "# carnot command-line start-up: $old_label (old) against this one (new)"
  echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(java -version 2>&1 | head -1), load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# old: $(basename "$old_archive"); new: $(basename "$new_archive"); $rounds rounds each, alternating"
  echo "# median wall seconds (CPU seconds user+sys of that round); workspace with quickstart.json (20k Fashion-MNIST images)"
  printf '%-26s %-18s %-18s\n' "command" "old" "new"
  for c in "${commands[@]}"; do
    read -r -a args <<<"$c"
    : >"$work/old.times"; : >"$work/new.times"
    for ((r = 0; r < rounds; r++)); do
      timed old "${args[@]}" >>"$work/old.times"
      timed new "${args[@]}" >>"$work/new.times"
    done
    o=$(median <"$work/old.times"); n=$(median <"$work/new.times")
    printf '%-26s %-18s %-18s\n' "carnot $c" "${o% *} s (${o#* })" "${n% *} s (${n#* })"
  done
  echo "first start after unpacking (carnot components): old ${first[old]} s, new ${first[new]} s (new: resolves the shared configuration once)"
  echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$root/docs/benchmarks/cli-start.txt"
