#!/usr/bin/python3
"""PyTorch side of releng/bench/hvp.sh: the same MLP, weights, batch, start vector and probes as
Carnot's side (read from the folder Carnot exported), timed with PyTorch's double backward the
way PyHessian does it (the gradient with create_graph built once, then
torch.autograd.grad(g, params, v, retain_graph=True) per product).

    /usr/bin/python3 releng/bench/hvp.py run FOLDER       # writes FOLDER/pytorch.json
    /usr/bin/python3 releng/bench/hvp.py compare FOLDER   # prints the side-by-side table

Needs Debian's python3-torch with libopenblas0-pthread; uses 2 threads like Carnot's side.
"""
import json
import os
import resource
import sys
import time

import numpy as np
import torch


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) / 1024
    return float("nan")


def load(folder):
    meta = json.load(open(os.path.join(folder, "problem.json")))
    params = []
    for i, shape in enumerate(meta["shapes"]):
        a = np.fromfile(os.path.join(folder, "param-%d.f32" % i), dtype="<f4").reshape(shape)
        params.append(torch.tensor(a, requires_grad=True))
    x = torch.tensor(np.fromfile(os.path.join(folder, "x.f32"), dtype="<f4").reshape(meta["examples"], -1))
    y = torch.tensor(np.fromfile(os.path.join(folder, "y.i32"), dtype="<i4").astype(np.int64))
    v0 = torch.tensor(np.fromfile(os.path.join(folder, "v0.f32"), dtype="<f4"))
    probes = np.fromfile(os.path.join(folder, "probes.i8"), dtype="i1").reshape(meta["probes"], -1)
    return meta, params, x, y, v0, probes


def mlp_loss(params, x, y):
    h = x
    layers = len(params) // 2
    for l in range(layers):
        h = torch.nn.functional.linear(h, params[2 * l], params[2 * l + 1])
        if l + 1 < layers:
            h = torch.relu(h)
    return torch.nn.functional.cross_entropy(h, y)


def split(flat, params):
    parts, offset = [], 0
    for p in params:
        n = p.numel()
        parts.append(flat[offset:offset + n].view_as(p))
        offset += n
    return parts


def run(folder):
    torch.set_num_threads(2)
    meta, params, x, y, v0, probes = load(folder)
    loss = mlp_loss(params, x, y)
    grads = torch.autograd.grad(loss, params, create_graph=True)

    def hvp(flat):
        hv = torch.autograd.grad(grads, params, grad_outputs=split(flat, params), retain_graph=True)
        return torch.cat([h.reshape(-1) for h in hv])

    for _ in range(5):
        hvp(v0)
    times = []
    for _ in range(meta["timedProducts"]):
        t = time.perf_counter()
        hv = hvp(v0)
        times.append(time.perf_counter() - t)
    first = hvp(v0).double().numpy()

    t = time.perf_counter()
    v = v0.double() / v0.double().norm()
    eigenvalue = float("nan")
    for _ in range(meta["powerIterations"]):
        hv = hvp(v.float()).double()
        eigenvalue = float(torch.dot(v, hv))
        v = hv / hv.norm()
    power_seconds = time.perf_counter() - t

    t = time.perf_counter()
    samples = []
    for j in range(meta["probes"]):
        z = torch.tensor(probes[j].astype(np.float32))
        samples.append(float(torch.dot(z.double(), hvp(z).double())))
    trace_seconds = time.perf_counter() - t

    cold = rss_mb()
    for i in range(meta["warmupProducts"]):
        hvp(v0)
    start = rss_mb()
    peak = start
    trajectory = []
    for i in range(meta["memoryProducts"]):
        hvp(v0)
        if i % 50 == 49:
            rss = rss_mb()
            peak = max(peak, rss)
            if i % 100 == 99:
                trajectory.append([i + 1, round(rss, 1)])
    end = rss_mb()
    result = {
        "engine": "PyTorch %s (Python, %s threads)" % (torch.__version__, torch.get_num_threads()),
        "hvpSeconds": sorted(times)[len(times) // 2],
        "hvpSecondsBest": min(times),
        "powerSeconds": power_seconds,
        "topEigenvalue": eigenvalue,
        "traceSeconds": trace_seconds,
        "trace": sum(samples) / len(samples),
        "rssColdMb": cold, "rssStartMb": start, "rssPeakMb": peak, "rssEndMb": end, "rssTrajectoryMb": trajectory,
        "maxRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    first.astype("<f8").tofile(os.path.join(folder, "pytorch-hv.f64"))
    json.dump(result, open(os.path.join(folder, "pytorch.json"), "w"), indent=1)


def compare(folder):
    meta = json.load(open(os.path.join(folder, "problem.json")))
    c = json.load(open(os.path.join(folder, "carnot.json")))
    p = json.load(open(os.path.join(folder, "pytorch.json")))
    hc = np.fromfile(os.path.join(folder, "carnot-hv.f64"), dtype="<f8")
    hp = np.fromfile(os.path.join(folder, "pytorch-hv.f64"), dtype="<f8")
    hv_error = float(np.linalg.norm(hc - hp) / np.linalg.norm(hp))
    rel = lambda a, b: abs(a - b) / abs(b)
    print("Hessian-vector products: MLP %s, %d Fashion-MNIST training images in one batch, cross-entropy, "
          "p = %d parameters" % ("-".join(str(w) for w in meta["widths"]), meta["examples"], meta["parameters"]))
    print("Carnot: %s" % c["engine"])
    print("PyTorch: %s" % p["engine"])
    print()
    print("%-44s %12s %12s %8s" % ("", "Carnot", "PyTorch", "ratio"))
    print("%-44s %12.4f %12.4f %8.3f" % ("seconds per HVP (median of %d)" % meta["timedProducts"],
                                         c["hvpSeconds"], p["hvpSeconds"], c["hvpSeconds"] / p["hvpSeconds"]))
    print("%-44s %12.4f %12.4f %8.3f" % ("seconds per HVP (best)", c["hvpSecondsBest"], p["hvpSecondsBest"],
                                         c["hvpSecondsBest"] / p["hvpSecondsBest"]))
    print("%-44s %12.3f %12.3f %8.3f" % ("top eigenvalue, %d power iterations: seconds" % meta["powerIterations"],
                                         c["powerSeconds"], p["powerSeconds"], c["powerSeconds"] / p["powerSeconds"]))
    print("%-44s %12.3f %12.3f %8.3f" % ("trace, %d Hutchinson probes: seconds" % meta["probes"],
                                         c["traceSeconds"], p["traceSeconds"], c["traceSeconds"] / p["traceSeconds"]))
    print()
    print("agreement (same weights, batch, start vector and probes):")
    print("  ||Hv_carnot - Hv_pytorch|| / ||Hv_pytorch||  %.2e" % hv_error)
    print("  top eigenvalue  carnot %.8g  pytorch %.8g  relative difference %.2e" % (
        c["topEigenvalue"], p["topEigenvalue"], rel(c["topEigenvalue"], p["topEigenvalue"])))
    print("  trace           carnot %.8g  pytorch %.8g  relative difference %.2e" % (
        c["trace"], p["trace"], rel(c["trace"], p["trace"])))
    print()
    print("memory (RSS, MB): %d warm-up HVPs, then %d consecutive HVPs measured:" % (
        meta["warmupProducts"], meta["memoryProducts"]))
    for name, r in (("Carnot", c), ("PyTorch", p)):
        print("  %-8s warm-up %+8.1f | start %8.1f  peak %8.1f  end %8.1f  growth %+8.1f" % (
            name, r["rssStartMb"] - r["rssColdMb"], r["rssStartMb"], r["rssPeakMb"], r["rssEndMb"],
            r["rssEndMb"] - r["rssStartMb"]))
    for name, r in (("Carnot", c), ("PyTorch", p)):
        print("  %-8s every 100: %s" % (name, " ".join("%.0f" % m for _, m in r["rssTrajectoryMb"])))
    print()
    ratio = c["hvpSeconds"] / p["hvpSeconds"]
    agreement = max(rel(c["topEigenvalue"], p["topEigenvalue"]), rel(c["trace"], p["trace"]))
    growth = c["rssEndMb"] - c["rssStartMb"]
    print("targets: time per HVP <= 0.6 x PyTorch: %s (%.3f); eigenvalue and trace within 1e-5: %s (%.1e); "
          "Carnot memory growth < 50 MB over %d HVPs after warm-up: %s (%+.1f MB)" % (
              "met" if ratio <= 0.6 else "NOT met", ratio, "met" if agreement <= 1e-5 else "NOT met", agreement,
              meta["memoryProducts"], "met" if growth < 50 else "NOT met", growth))


if __name__ == "__main__":
    {"run": run, "compare": compare}[sys.argv[1]](sys.argv[2])
