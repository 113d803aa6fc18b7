#!/usr/bin/env bash
# The API bundle's contract is its Javadoc: every public type and member of carnot.api has a
# comment, and the comments are well-formed HTML. Runs the JDK's javadoc with -Xdoclint:all over
# bundles/carnot.api/src and fails on any error or on a "no comment" warning (missing @param or
# @return tags are allowed: many members say it in one sentence). Run by the root pom at `validate`.
# With HTML_DIR, the checked HTML is also kept there (replacing what was there): the carnot.api.doc
# bundle of the SDK feature is built that way, and then missing jars are an error, not a skip.
#   releng/api-javadoc.sh [ROOT] [LOCAL_MAVEN_REPOSITORY] [HTML_DIR]
#   (defaults: this checkout, ~/.m2/repository, none: the HTML goes to a temporary folder)
set -uo pipefail
root="${1:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)}"
repo="${2:-$HOME/.m2/repository}"
html_dir="${3:-}"
djl=$(sed -n 's/.*ai\.djl;version="\[\([0-9.]*\),.*/\1/p' "$root/bundles/carnot.api/META-INF/MANIFEST.MF" | head -1)
djl_jar=$(ls "$repo"/ai/djl/api/"$djl".*/api-"$djl".*.jar 2>/dev/null | grep -v -- -sources | head -1)
versioning_jar=$(ls "$repo"/org/osgi/org.osgi.annotation.versioning/*/org.osgi.annotation.versioning-*.jar 2>/dev/null | head -1)
if [[ -z $djl_jar || -z $versioning_jar ]]; then
  if [[ -n $html_dir ]]; then
    echo "api-javadoc: DJL $djl's api jar or org.osgi.annotation.versioning not found under $repo: cannot write the HTML to $html_dir" >&2
    exit 1
  fi
  echo "api-javadoc: DJL $djl's api jar or org.osgi.annotation.versioning not found under $repo: skipped" >&2
  exit 0
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
javadoc -quiet -Xmaxwarns 100000 -Xmaxerrs 100000 -Xdoclint:all -d "$out/html" -cp "$djl_jar:$versioning_jar" \
  -windowtitle "Carnot API" -doctitle "Carnot API (carnot.api)" -sourcepath "$root/bundles/carnot.api/src" -subpackages carnot.api >"$out/log" 2>&1
problems=$(grep -E ': error: |: warning: no comment' "$out/log")
if [[ -n $problems ]]; then
  echo "$problems" | sed "s|$root/||" >&2
  echo "api-javadoc: $(grep -c . <<<"$problems") public members of carnot.api without a comment or with malformed Javadoc" >&2
  exit 1
fi
if [[ -n $html_dir ]]; then
  [[ -f $out/html/index.html ]] || { echo "api-javadoc: javadoc wrote no index.html: $(cat "$out/log")" >&2; exit 1; }
  rm -rf "$html_dir" && mkdir -p "$(dirname "$html_dir")" && cp -r "$out/html" "$html_dir" || exit 1
  echo "api-javadoc: HTML written to $html_dir"
fi
echo "api-javadoc: every public type and member of carnot.api has well-formed Javadoc"
