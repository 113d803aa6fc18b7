#!/usr/bin/env bash
# Dependencies kept honest, checked by the build (the root pom runs this at `validate`; it fails
# the build): in every bundle's META-INF/MANIFEST.MF
#  - every exported API package has the version its package-info.java states with @Version: the
#    annotation is the source, the manifest repeats it (bnd's baseline then compares it with the
#    previous release: bundles/pom.xml);
#  - every Import-Package carries a version range, except the JDK's own packages (java.*, javax.*,
#    org.w3c.*, org.xml.*) and friend-only .internal packages, which are exported without a version.
#   releng/api-versions.sh [ROOT]     (default: this checkout)
set -uo pipefail
root="${1:-$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)}"
problems=0
say() { echo "api-versions: $*" >&2; problems=$((problems + 1)); }
# A manifest's header as one line per clause (continuation lines joined, clauses split at top-level commas).
clauses() { # manifest, header
  tr -d '\r' <"$1" | awk -v h="$2:" '
    index($0, h) == 1 { on = 1; v = substr($0, length(h) + 1); next }
    on && /^ / { v = v substr($0, 2); next }
    on { on = 0 }
    END { print v }' |
    awk '{ q = 0; c = ""; for (i = 1; i <= length($0); i++) { ch = substr($0, i, 1);
           if (ch == "\"") q = !q; if (ch == "," && !q) { print c; c = "" } else c = c ch } if (c != "") print c }' |
    sed 's/^ *//'
}
for manifest in "$root"/bundles/*/META-INF/MANIFEST.MF; do
  bundle=$(basename "$(dirname "$(dirname "$manifest")")")
  while IFS= read -r clause; do
    [[ -z $clause ]] && continue
    package=${clause%%;*}
    [[ $package == *.internal || $package == *.internal.* ]] && continue
    stated=$(sed -n 's/.*"\([0-9][0-9.]*\)".*/\1/p' <<<"$clause")
    info="$root/bundles/$bundle/src/${package//.//}/package-info.java"
    if [[ ! -f $info ]]; then say "$bundle exports $package but has no $info with @Version"; continue; fi
    source=$(sed -n 's/.*@\(org\.osgi\.annotation\.versioning\.\)\{0,1\}Version("\([0-9.]*\)").*/\2/p' "$info" | head -1)
    if [[ -z $source ]]; then say "$info: no @Version"; continue; fi
    [[ $stated == "$source" ]] || say "$bundle: Export-Package $package version \"$stated\" differs from @Version(\"$source\") in $info (package-info.java is the source: write its version into the manifest)"
  done < <(clauses "$manifest" Export-Package)
  while IFS= read -r clause; do
    [[ -z $clause ]] && continue
    package=${clause%%;*}
    case "$package" in java.* | javax.* | org.w3c.* | org.xml.* | *.internal | *.internal.*) continue ;; esac
    [[ $clause == *version=* ]] || say "$bundle: Import-Package $package has no version range"
  done < <(clauses "$manifest" Import-Package)
done
if ((problems > 0)); then
  echo "api-versions: $problems problem(s)" >&2
  exit 1
fi
echo "api-versions: every exported API package matches its package-info @Version; every import has a range"
