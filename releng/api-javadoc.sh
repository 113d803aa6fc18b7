#!/usr/bin/env bash
# The API bundle's contract is its Javadoc: every public type and member of carnot.api has a
# comment, and the comments are well-formed HTML. Runs the JDK's javadoc with -Xdoclint:all over
# bundles/carnot.api/src and fails on any error or on a "no comment" warning (missing @param or
# @return tags are allowed: many members say it in one sentence). Run by the root pom at `validate`.
#   releng/api-javadoc.sh [ROOT] [LOCAL_MAVEN_REPOSITORY]   (defaults: this checkout, ~/.m2/repository)
set -uo pipefail
root="${1:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)}"
repo="${2:-$HOME/.m2/repository}"
djl=$(sed -n 's/.*ai\.djl;version="\[\([0-9.]*\),.*/\1/p' "$root/bundles/carnot.api/META-INF/MANIFEST.MF" | head -1)
djl_jar=$(ls "$repo"/ai/djl/api/"$djl".*/api-"$djl".*.jar 2>/dev/null | grep -v -- -sources | head -1)
versioning_jar=$(ls "$repo"/org/osgi/org.osgi.annotation.versioning/*/org.osgi.annotation.versioning-*.jar 2>/dev/null | head -1)
if [[ -z $djl_jar || -z $versioning_jar ]]; then
  echo "api-javadoc: DJL $djl's api jar or org.osgi.annotation.versioning not found under $repo: skipped" >&2
  exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
javadoc -quiet -Xmaxwarns 100000 -Xmaxerrs 100000 -Xdoclint:all -d "$out/html" -cp "$djl_jar:$versioning_jar" \
  -sourcepath "$root/bundles/carnot.api/src" -subpackages carnot.api >"$out/log" 2>&1
problems=$(grep -E ': error: |: warning: no comment' "$out/log")
if [[ -n $problems ]]; then
  echo "$problems" | sed "s|$root/||" >&2
  echo "api-javadoc: $(grep -c . <<<"$problems") public members of carnot.api without a comment or with malformed Javadoc" >&2
  exit 1
fi
echo "api-javadoc: every public type and member of carnot.api has well-formed Javadoc"
