#!/usr/bin/env python3
"""The peer of the run-table benchmark: the same run folders read into rows by a plain script
(json module, no Carnot), as a researcher's own notebook would: status.json, spec.json,
metrics.jsonl (last line), analyses.jsonl (last scalars) and notes.json of every run under runs/.
Prints the median of 7 rounds. Usage: run-table-peer.py WORKSPACE"""
import json
import os
import statistics
import sys
import time


def rows(workspace):
    table = []
    for root, dirs, files in os.walk(os.path.join(workspace, "runs")):
        if "status.json" not in files:
            continue
        row = {"run": root}
        with open(os.path.join(root, "status.json")) as f:
            row["status"] = json.load(f).get("status")
        if "spec.json" in files:
            with open(os.path.join(root, "spec.json")) as f:
                spec = json.load(f)
            row["seed"] = spec.get("seed")
            row["learningRate"] = spec["optimizer"]["settings"].get("learningRate")
            row["hidden"] = spec["model"]["settings"].get("hidden")
        if "metrics.jsonl" in files:
            with open(os.path.join(root, "metrics.jsonl")) as f:
                lines = [l for l in f if l.strip()]
            row.update({k: v for k, v in json.loads(lines[-1]).items()})
        if "analyses.jsonl" in files:
            with open(os.path.join(root, "analyses.jsonl")) as f:
                for line in f:
                    if line.strip():
                        a = json.loads(line)
                        for k, v in a.get("scalars", {}).items():
                            row[a["id"] + "." + k] = v
        if "notes.json" in files:
            with open(os.path.join(root, "notes.json")) as f:
                row["tags"] = json.load(f).get("tags")
        table.append(row)
    return table


def main():
    workspace = sys.argv[1]
    times = []
    for _ in range(7):
        start = time.perf_counter()
        table = rows(workspace)
        times.append((time.perf_counter() - start) * 1000)
    print("peer (Python %s, json module): read %d run folders into rows, median of 7 rounds %.0f ms (first %.0f ms)"
          % (sys.version.split()[0], len(table), statistics.median(times), times[0]))


if __name__ == "__main__":
    main()
