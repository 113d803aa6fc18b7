#!/usr/bin/env bash
# The bundle graph of docs/architecture.md, read from the manifests: an edge A --> B when bundle A
# imports a package that bundle B exports (Import-Package) or requires B (Require-Bundle); Carnot's
# bundles only. Written as a Mermaid block between the markers in docs/architecture.md.
#   releng/bundle-graph.sh            print the Mermaid block
#   releng/bundle-graph.sh --write    replace the block in docs/architecture.md
#   releng/bundle-graph.sh --check    fail if docs/architecture.md's block differs from the manifests
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
python3 - "$root" "${1:-}" <<'PY'
import glob, os, re, sys

root, mode = sys.argv[1], sys.argv[2]

def headers(path):
    """The manifest's main headers, continuation lines joined."""
    text = open(path, encoding="utf-8").read().replace("\r\n", "\n").replace("\n ", "")
    return {k.strip(): v.strip() for k, v in (l.split(":", 1) for l in text.split("\n") if ":" in l)}

def clauses(value):
    """Package or bundle names of a header, split at top-level commas (not inside quotes)."""
    names, depth, current = [], False, ""
    for c in value + ",":
        if c == '"':
            depth = not depth
        if c == "," and not depth:
            names.append(current.split(";")[0].strip())
            current = ""
        else:
            current += c
    return [n for n in names if n]

bundles = {}
for manifest in sorted(glob.glob(os.path.join(root, "bundles", "*", "META-INF", "MANIFEST.MF"))):
    h = headers(manifest)
    name = h["Bundle-SymbolicName"].split(";")[0]
    bundles[name] = h
exporter = {p: b for b, h in bundles.items() for p in clauses(h.get("Export-Package", ""))}
edges = set()
for b, h in bundles.items():
    for p in clauses(h.get("Import-Package", "")):
        if exporter.get(p) and exporter[p] != b:
            edges.add((b, exporter[p]))
    for r in clauses(h.get("Require-Bundle", "")):
        if r in bundles:
            edges.add((b, r))

def node(b):
    return b.replace(".", "_")

lines = ["```mermaid", "graph LR"]
for b in sorted(bundles):
    lines.append(f"  {node(b)}[{b}]")
for a, b in sorted(edges):
    lines.append(f"  {node(a)} --> {node(b)}")
lines.append("```")
block = "\n".join(lines)

begin, end = "<!-- bundle-graph: begin (releng/bundle-graph.sh --write) -->", "<!-- bundle-graph: end -->"
doc_path = os.path.join(root, "docs", "architecture.md")
if mode == "":
    print(block)
    sys.exit(0)
doc = open(doc_path, encoding="utf-8").read()
if begin not in doc or end not in doc:
    sys.exit(f"bundle-graph: {doc_path} has no '{begin}' ... '{end}' markers")
current = doc[doc.index(begin) + len(begin):doc.index(end)].strip()
if mode == "--check":
    if current != block:
        sys.exit("bundle-graph: docs/architecture.md's bundle graph differs from the manifests: run releng/bundle-graph.sh --write")
    print(f"bundle-graph: docs/architecture.md matches the manifests ({len(bundles)} bundles, {len(edges)} edges)")
elif mode == "--write":
    doc = doc[:doc.index(begin) + len(begin)] + "\n" + block + "\n" + doc[doc.index(end):]
    open(doc_path, "w", encoding="utf-8").write(doc)
    print(f"bundle-graph: wrote {len(bundles)} bundles, {len(edges)} edges into docs/architecture.md")
else:
    sys.exit("usage: releng/bundle-graph.sh [--write|--check]")
PY
