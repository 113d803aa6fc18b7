#!/usr/bin/python3
"""PyTorch twin of a Carnot experiment for releng/bench/footprint.sh: the same MLP (widths and
ReLU), the same Fashion-MNIST files scaled to [0, 1], the same optimizer (SGD with momentum, the
weight-decay regularizer's lambda as SGD's weight_decay: Carnot adds (lambda/2)||w||^2, whose
gradient is lambda w), the same batch size, epochs and per-epoch evaluation of the whole train and
test sets (evaluation mode, no autograd), and the output margins at the epochs Carnot's margins
analysis runs. Prints one JSON line: wall seconds, seconds per epoch (training steps only), the
evaluation's seconds per epoch, final errors.

    /usr/bin/python3 releng/bench/footprint.py EXPERIMENT.json

The training subset is the first trainSize images (Carnot draws a seeded sample of the same size:
the same amount of work, not the same images). Uses 2 threads, like Carnot on this machine.
"""
import gzip
import json
import re
import struct
import sys
import time

import numpy as np
import torch


def read_experiment(path):
    text = open(path).read()
    # Experiment files allow // comments: drop them outside strings.
    text = "\n".join(re.sub(r'^\s*//.*$', '', line) for line in text.splitlines())
    return json.loads(text)


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def split(folder, images, labels, size):
    x = idx(f"{folder}/{images}").astype(np.float32) / 255.0
    y = idx(f"{folder}/{labels}").astype(np.int64)
    if size:
        x, y = x[:size], y[:size]
    return torch.from_numpy(x.reshape(len(x), -1).copy()), torch.from_numpy(y.copy())


def evaluate(model, x, y, batch):
    """Mean loss, error and the logits, in evaluation mode without autograd (as Carnot's evaluation)."""
    model.eval()
    losses, errors, outputs = 0.0, 0, []
    with torch.no_grad():
        for i in range(0, len(x), batch):
            out = model(x[i:i + batch])
            losses += torch.nn.functional.cross_entropy(out, y[i:i + batch], reduction="sum").item()
            errors += (out.argmax(1) != y[i:i + batch]).sum().item()
            outputs.append(out)
    model.train()
    return losses / len(x), errors / len(x), torch.cat(outputs)


def margins(logits, y):
    """Output margins f_y(x) - max_{j != y} f_j(x) (Bartlett et al. 2017), what Carnot's margins analysis histograms."""
    true = logits.gather(1, y[:, None]).squeeze(1)
    other = logits.clone()
    other[torch.arange(len(y)), y] = -float("inf")
    return (true - other.max(1).values).numpy()


def main():
    torch.set_num_threads(2)
    start = time.perf_counter()
    spec = read_experiment(sys.argv[1])
    data = spec["dataset"]["settings"]
    folder = data["folder"]
    xtr, ytr = split(folder, "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", data.get("trainSize", 0))
    xte, yte = split(folder, "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", data.get("testSize", 0))
    model_settings = spec["model"].get("settings", {})
    widths = [xtr.shape[1]] + list(model_settings.get("hidden", [512])) + [10]
    layers = []
    for i in range(len(widths) - 1):
        layers.append(torch.nn.Linear(widths[i], widths[i + 1]))
        if i < len(widths) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    optim = spec["optimizer"].get("settings", {})
    decay = sum(r.get("settings", {}).get("lambda", 5e-4) for r in spec.get("regularizers", [])
                if r.get("id") == "weight-decay")
    optimizer = torch.optim.SGD(model.parameters(), lr=optim.get("learningRate", 0.01),
                                momentum=optim.get("momentum", 0.0), weight_decay=decay)
    training = spec.get("training", {})
    epochs = training.get("epochs", 10)
    batch = training.get("batchSize", 128)
    eval_batch = training.get("evalBatchSize", 1000)
    every = {a["id"]: (a.get("every", 1), a.get("atInit", False)) for a in spec.get("analyses", [])}
    margin_every, margin_init = every.get("margins", (0, False))
    generator = torch.Generator().manual_seed(spec.get("seed", 0))
    train_seconds, eval_seconds = [], []

    def evaluate_both(epoch):
        t = time.perf_counter()
        train = evaluate(model, xtr, ytr, eval_batch)
        test = evaluate(model, xte, yte, eval_batch)
        if margin_every and ((epoch == 0 and margin_init) or (epoch > 0 and epoch % margin_every == 0)):
            np.histogram(margins(train[2], ytr), bins=60)
        if epoch > 0:
            eval_seconds.append(time.perf_counter() - t)
        return train, test

    evaluate_both(0)
    for epoch in range(1, epochs + 1):
        t = time.perf_counter()
        order = torch.randperm(len(xtr), generator=generator)
        for i in range(0, len(xtr), batch):
            chosen = order[i:i + batch]
            optimizer.zero_grad(set_to_none=True)
            loss = torch.nn.functional.cross_entropy(model(xtr[chosen]), ytr[chosen])
            loss.backward()
            optimizer.step()
        train_seconds.append(time.perf_counter() - t)
        train, test = evaluate_both(epoch)
    print(json.dumps({
        "wallSeconds": time.perf_counter() - start,
        "epochSeconds": sum(train_seconds) / len(train_seconds),
        "evaluationSeconds": sum(eval_seconds) / len(eval_seconds),
        "trainError": train[1], "testError": test[1],
        "torch": torch.__version__,
    }))


if __name__ == "__main__":
    main()
