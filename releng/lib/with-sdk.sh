#!/usr/bin/env bash
# Installs the SDK feature (carnot.testkit, carnot.bench, API sources and Javadoc) into the source checkout's
# built product, from the p2 repository the same build wrote, unless it is there already: the
# product carries only what a user runs, a developer's product also the SDK (the benchmarks'
# applications, the shell's carnot:check). Uses the product's own `carnot install`.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/../.." && pwd)"
source "$root/releng/lib/product.sh"
repository=$(ls "$root"/product/target/carnot-repository-*.zip 2>/dev/null | head -1)
[[ -x $product/carnot && -f $repository ]] || { echo "with-sdk: build the product first (no $product or repository zip)" >&2; exit 2; }
if ! grep -q 'carnot\.testkit_' "$product/configuration/config.ini"; then
  "$product/carnot" install --repository "$repository" carnot.sdk.feature >&2
fi
