#!/usr/bin/env bash
# Fails the build when an API package changed more than its version says, from the report bnd's
# baseline writes (target/baseline/*.txt; bnd-baseline-maven-plugin, root pom). bnd itself flags a
# mismatch only for versions >= 1.0.0 (before 1.0 it reports and suggests, but never fails). Carnot's
# API is 0.x and its consumers import [0.1,0.2): so, before 1.0, an incompatible change (bnd: MAJOR)
# must raise the minor version (0.1.x -> 0.2.0), an addition (MINOR) must raise the version, and
# from 1.0 on the major and the minor as bnd says. Friend-only internal packages (*.internal,
# exported with x-friends for tests and unversioned) are no API and not judged.
#   releng/api-baseline.sh REPORT_FOLDER
set -uo pipefail
folder=$1
reports=("$folder"/*.txt)
[[ -f ${reports[0]} ]] || { echo "api-baseline: no bnd baseline report in $folder" >&2; exit 1; }
# version a < version b?
less() { [[ $1 != "$2" && $(printf '%s\n%s\n' "$1" "$2" | sort -V | head -1) == "$1" ]]; }
problems=0
while read -r name type delta new old _; do
  [[ $type == PACKAGE ]] || continue
  [[ $name == *.internal || $name == *.internal.* ]] && continue
  IFS=. read -r major minor _ <<<"$old"
  case "$delta" in
    MAJOR) if ((major == 0)); then need="0.$((minor + 1)).0"; else need="$((major + 1)).0.0"; fi ;;
    MINOR) if ((major == 0)); then need=$(awk -F. '{printf "%d.%d.%d", $1, $2, $3 + 1}' <<<"$old"); else need="$major.$((minor + 1)).0"; fi ;;
    *) continue ;;
  esac
  if less "$new" "$need"; then
    echo "api-baseline: package $name has a $delta change against the previous release but version $new;" \
      "it needs at least $need (@Version in its package-info.java and the manifest's Export-Package)" >&2
    problems=$((problems + 1))
  fi
done < <(cat "${reports[@]}")
((problems == 0)) || { echo "api-baseline: see ${reports[*]}" >&2; exit 1; }
echo "api-baseline: every API package's version covers its change against the previous release"
