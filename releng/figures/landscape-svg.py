#!/usr/bin/env python3
"""SVG figures of a run's landscape analyses, with no dependencies beyond Python 3.

    releng/figures/landscape-svg.py RUN_FOLDER OUT_PREFIX

reads the last interpolation and plane results of RUN_FOLDER (analyses/<i>-interpolation/,
analyses/<i>-plane/) and writes OUT_PREFIX-interpolation.svg (train/test loss against alpha) and
OUT_PREFIX-plane.svg (the train-loss grid as a heat map, log scale, the analysed weights marked).
"""
import glob
import json
import math
import os
import sys


def last(folder, analysis):
    files = sorted(glob.glob(os.path.join(folder, "analyses", "*-" + analysis, "epoch-*.json")))
    if not files:
        sys.exit(f"{folder}: no {analysis} result")
    with open(files[-1]) as f:
        return json.load(f)


def interpolation_svg(result, path):
    alpha = result["series"]["alpha"]
    curves = [(k, result["series"][k], c) for k, c in (("train.loss", "#1f77b4"), ("test.loss", "#d62728"))
              if k in result["series"]]
    w, h, m = 520, 320, 50
    lo = min(min(v) for _, v, _ in curves)
    hi = max(max(v) for _, v, _ in curves)
    x = lambda a: m + (a - alpha[0]) / (alpha[-1] - alpha[0]) * (w - 2 * m)
    y = lambda v: h - m - (v - lo) / (hi - lo) * (h - 2 * m)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" font-family="sans-serif" font-size="12">',
           f'<rect width="{w}" height="{h}" fill="white"/>',
           f'<line x1="{m}" y1="{h - m}" x2="{w - m}" y2="{h - m}" stroke="black"/>',
           f'<line x1="{m}" y1="{m}" x2="{m}" y2="{h - m}" stroke="black"/>']
    for a in (0.0, 1.0):
        out.append(f'<line x1="{x(a):.1f}" y1="{m}" x2="{x(a):.1f}" y2="{h - m}" stroke="#aaa" stroke-dasharray="4"/>')
        out.append(f'<text x="{x(a):.1f}" y="{h - m + 16}" text-anchor="middle">{a:g}</text>')
    out.append(f'<text x="{w / 2}" y="{h - 10}" text-anchor="middle">alpha (0: initial weights, 1: trained)</text>')
    for v in (lo, hi):
        out.append(f'<text x="{m - 6}" y="{y(v) + 4:.1f}" text-anchor="end">{v:.2f}</text>')
    for i, (name, values, colour) in enumerate(curves):
        points = " ".join(f"{x(a):.1f},{y(v):.1f}" for a, v in zip(alpha, values))
        out.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
        out.append(f'<text x="{w - m - 90}" y="{m + 16 * i}" fill="{colour}">{name}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


def plane_svg(result, path):
    xs, ys = result["series"]["x"], result["series"]["y"]
    z = result["series"]["train.loss"]
    n, k = len(xs), len(ys)
    cell, m = 34, 50
    logs = [math.log(v) for v in z]
    lo, hi = min(logs), max(logs)
    size = m * 2 + cell * max(n, k)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{size + 80}" height="{size}" font-family="sans-serif" '
           'font-size="11">', f'<rect width="{size + 80}" height="{size}" fill="white"/>']
    for i in range(n):
        for j in range(k):
            t = (logs[i * k + j] - lo) / (hi - lo) if hi > lo else 0
            r, g, b = int(255 * t), int(80 + 120 * (1 - abs(2 * t - 1))), int(255 * (1 - t))
            out.append(f'<rect x="{m + j * cell}" y="{m + i * cell}" width="{cell}" height="{cell}" '
                       f'fill="rgb({r},{g},{b})"><title>a={xs[i]:g} b={ys[j]:g}: {z[i * k + j]:.4f}</title></rect>')
    ci, cj = n // 2, k // 2
    out.append(f'<circle cx="{m + cj * cell + cell / 2}" cy="{m + ci * cell + cell / 2}" r="5" fill="none" '
               'stroke="black" stroke-width="2"/>')
    out.append(f'<text x="{m}" y="{m - 10}">train loss on theta + a delta + b eta (log colour scale)</text>')
    out.append(f'<text x="{m}" y="{m + n * cell + 16}">b: {ys[0]:g} .. {ys[-1]:g} (columns); '
               f'a: {xs[0]:g} .. {xs[-1]:g} (rows)</text>')
    out.append(f'<text x="{m + k * cell + 10}" y="{m + 10}">max {math.exp(hi):.3f}</text>')
    out.append(f'<text x="{m + k * cell + 10}" y="{m + n * cell}">min {math.exp(lo):.3f}</text>')
    out.append("</svg>")
    with open(path, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    run, prefix = sys.argv[1], sys.argv[2]
    interpolation_svg(last(run, "interpolation"), prefix + "-interpolation.svg")
    plane_svg(last(run, "plane"), prefix + "-plane.svg")
