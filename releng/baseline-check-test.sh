#!/usr/bin/env bash
# The API versioning checks fail the build when they should: in a copy of this checkout,
#  1. an incompatible change to the API (a method removed from carnot.api.component.ComponentRegistry)
#     without the version bump it needs (0.1.0 -> 0.2.0 before 1.0) must fail the build: bnd's baseline
#     against the previous release finds the MAJOR change, releng/api-baseline.sh fails on it;
#  2. a manifest export version edited without package-info.java's @Version must fail
#     releng/api-versions.sh at the start of the build;
#  3. the same for a bundle other than the API's (every bundle that exports a versioned package is
#     baselined against its release, releng/baseline/): carnot.analysis.norms's
#     MatrixNorms.transposeTwoOne() made package-private without a bump must fail the build;
# and the unchanged copies must build (carnot.api, carnot.workspace and what they need). Extra
# arguments go to Maven.
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/releng/lib/checks.sh" "API baseline check"
copy() { # a fresh copy of the checkout's tracked files, as they are in the working tree
  rm -rf "$work/copy" && mkdir -p "$work/copy"
  (cd "$root" && git ls-files -z | tar --null -T - -cf -) | tar -xf - -C "$work/copy"
}
build() { # [--bundle B] maven arguments: builds B (default carnot.api) and what it needs in the copy
  local bundle=carnot.api
  [[ ${1:-} == --bundle ]] && { bundle=$2; shift 2; }
  (cd "$work/copy" && ./mvnw -B -o "$@" verify -DskipTests -pl "bundles/$bundle" -am) >"$work/build.log" 2>&1
}

echo "API baseline check test (copies of $root)"
copy
if build --bundle carnot.workspace "$@"; then ok "the unchanged API and carnot.workspace build and pass their baselines"
else fail "the unchanged API and carnot.workspace build" "$work/build.log"; fi

copy
# A package still at its first release's version (carnot.api.regularizers 0.1.0): an incompatible
# change there must raise it (the packages the SDK changed are at 0.2.0 already).
provider="$work/copy/bundles/carnot.api/src/carnot/api/regularizers/RegularizerProvider.java"
sed -i '/Regularizer create(Settings settings);/d' "$provider"
if grep -q "create(Settings" "$provider"; then fail "the incompatible edit applies"
elif build "$@"; then fail "removing RegularizerProvider.create without a version bump fails the build" "$work/build.log"
elif grep -q "package carnot.api.regularizers has a MAJOR change against the previous release but version 0.1.0; it needs at least 0.2.0" "$work/build.log"; then
  ok "removing RegularizerProvider.create without a version bump fails the build (bnd: MAJOR change, needs 0.2.0)"
else fail "the build fails for the baseline, naming the package and MAJOR" "$work/build.log"; fi

copy
sed -i 's/carnot.api.losses;version="0.1.0"/carnot.api.losses;version="0.2.0"/' "$work/copy/bundles/carnot.api/META-INF/MANIFEST.MF"
if build "$@"; then fail "a manifest version that disagrees with package-info fails the build" "$work/build.log"
elif grep -q 'Export-Package carnot.api.losses version "0.2.0" differs from @Version("0.1.0")' "$work/build.log"; then
  ok "a manifest export version that disagrees with package-info's @Version fails the build"
else fail "the build fails naming the package and both versions" "$work/build.log"; fi
copy
# A bundle other than the API's, still at its first release's version (carnot.analysis.norms 0.1.0;
# carnot.workspace and carnot.report have been raised since).
norms="$work/copy/bundles/carnot.analysis.norms/src/carnot/analysis/norms/MatrixNorms.java"
sed -i 's/public static double transposeTwoOne(/static double transposeTwoOne(/' "$norms"
if grep -q 'public static double transposeTwoOne(' "$norms"; then fail "the incompatible edit of carnot.analysis.norms applies"
elif build --bundle carnot.analysis.norms "$@"; then
  fail "making MatrixNorms.transposeTwoOne package-private without a major bump fails the build" "$work/build.log"
elif grep -qE "package carnot.analysis.norms has a MAJOR change against the previous release but version 0\.1\.[0-9]+; it needs at least 0\.2\.0" "$work/build.log"; then
  ok "making carnot.analysis.norms's MatrixNorms.transposeTwoOne package-private without a version bump fails the build (MAJOR, needs 0.2.0)"
else fail "the build of carnot.analysis.norms fails for the baseline, naming the package and MAJOR" "$work/build.log"; fi
summary
