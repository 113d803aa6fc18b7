#!/usr/bin/env bash
# The command line's completion script and man pages, generated from its picocli command model by
# the built product itself (with the SDK feature, which carries picocli's man page generator):
#   features/carnot.core.feature/rootfiles/completion/carnot.bash   `carnot generate-completion`
#   docs/man/*.adoc                                                 `carnot gen-manpage`
#   features/carnot.core.feature/rootfiles/man/man1/*.1             asciidoctor -b manpage of those
# The feature ships completion/ and man/ in every archive. After changing a command or option:
#   releng/cli-docs.sh            regenerate (installs Debian's asciidoctor if missing)
#   releng/cli-docs.sh --check    fail if the committed completion script or man page sources differ
#                                 from what the built product generates (releng/test.sh runs this)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
source "$root/releng/lib/product.sh"
bash "$root/releng/lib/with-sdk.sh"
rootfiles="$root/features/carnot.core.feature/rootfiles"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The build qualifier (0.1.0.202612061234) changes with every build: the documents say the version.
normalize() { sed -E 's/([0-9]+\.[0-9]+\.[0-9]+)\.[0-9]{12}/\1/g'; }
(cd "$work" && "$product/carnot" generate-completion) | normalize >"$work/carnot.bash"
mkdir -p "$work/adoc"
(cd "$work" && "$product/carnot" gen-manpage --outdir "$work/adoc" >/dev/null)
for f in "$work"/adoc/*.adoc; do normalize <"$f" >"$f.n" && mv "$f.n" "$f"; done
if [[ ${1:-} == --check ]]; then
  status=0
  diff -u "$rootfiles/completion/carnot.bash" "$work/carnot.bash" >"$work/diff" || { echo "cli-docs: the completion script is stale:"; head -20 "$work/diff"; status=1; }
  diff -ru "$root/docs/man" "$work/adoc" >"$work/diff" || { echo "cli-docs: the man page sources are stale:"; head -20 "$work/diff"; status=1; }
  ((status == 0)) && echo "cli-docs: the shipped completion script and man pages match the command line ($(ls "$work"/adoc | wc -l) pages)"
  exit $status
fi
command -v asciidoctor >/dev/null || { DEBIAN_FRONTEND=noninteractive ${SUDO:-} apt-get install -y -qq --no-install-recommends asciidoctor >/dev/null; }
mkdir -p "$rootfiles/completion" "$rootfiles/man/man1"
rm -rf "$root/docs/man" "$rootfiles"/man/man1/*.1
cp "$work/carnot.bash" "$rootfiles/completion/carnot.bash"
cp -r "$work/adoc" "$root/docs/man"
for f in "$root"/docs/man/*.adoc; do
  asciidoctor -b manpage -D "$rootfiles/man/man1" "$f"
done
echo "cli-docs: $(ls "$rootfiles"/man/man1 | wc -l) man pages, completion/carnot.bash"
