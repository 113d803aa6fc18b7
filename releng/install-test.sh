#!/usr/bin/env bash
# Installs the product the way a user on a fresh machine does: unpacks the archive Tycho built
# into an empty folder and starts the `carnot` launcher from there with a minimal environment
# (no Maven repository, an empty HOME, only /usr/bin:/bin on PATH). Checks `carnot --version`,
# `carnot components`, a small real run, the workbench under Xvfb, and the launcher's messages
# when Java or a display is missing.
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
archive=$(ls "$root"/product/target/products/carnot-*-linux.gtk.x86_64.tar.gz 2>/dev/null | head -1)
[[ -f $archive ]] || { echo "install test: no product archive under product/target/products: build first" >&2; exit 2; }
source "$root/releng/lib/checks.sh" "install test"
mkdir -p "$work/install" "$work/home" "$work/workspace"
tar -xzf "$archive" -C "$work/install" 2>/dev/null || { echo "install test: cannot unpack $archive" >&2; exit 1; }
carnot="$work/install/carnot/carnot"
fresh=(env -i PATH=/usr/bin:/bin HOME="$work/home" TMPDIR="$work")
cd "$work/workspace"   # every check runs in the installed product's workspace

echo "install test: $archive unpacked into $work/install"
check "carnot --version" "${fresh[@]}" "$carnot" --version
check "carnot components" bash -c "$(printf '%q ' "${fresh[@]}" "$carnot") components | grep -q '^[0-9]* components installed'"
cat > "$work/workspace/small.json" <<'JSON'
{"format": 1, "name": "installed", "seed": 3,
 "dataset": {"id": "gaussian-mixture", "settings": {"trainSize": 300, "testSize": 100}},
 "model": {"id": "mlp", "settings": {"hidden": [16]}},
 "optimizer": {"id": "sgd", "settings": {"learningRate": 0.05}},
 "loss": "cross-entropy", "training": {"epochs": 2, "batchSize": 30},
 "analyses": [{"id": "margins"}]}
JSON
check "a small run completes (the engine's native libtorch from the archive)" bash -c \
  "$(printf '%q ' "${fresh[@]}" "$carnot") run --quiet small.json && grep -q '\"status\" : \"completed\"' runs/installed/*/status.json"
check "without a display the workbench says what to do" bash -c \
  "$(printf '%q ' "${fresh[@]}" "$carnot") 2>&1 | grep -q 'the workbench needs a display'; [[ \${PIPESTATUS[0]} == 3 ]]"
mkdir -p "$work/nojava"
for tool in readlink dirname nproc id mkdir cp rm sed; do ln -s "$(command -v $tool)" "$work/nojava/$tool"; done
check "without Java the launcher says what to install" bash -c \
  "env -i PATH='$work/nojava' HOME='$work/home' $(command -v bash) '$carnot' components 2>&1 | grep -q 'needs a Java 17 or newer'"
if command -v Xvfb >/dev/null; then
  check "the workbench starts under Xvfb and stays up" "${fresh[@]}" "$root/releng/workbench-stays-up.sh" "$carnot"
fi
summary
