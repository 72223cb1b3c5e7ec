#!/usr/bin/python3
"""Whole-model references: the parameters a real PyTorch model has right after construction with a seed, for
the DL4J ports in nn-init-dl4j's tests (PyTorchModelParityTest).

    /usr/bin/python3 tools/torch-reference/models.py nn-init-dl4j/src/test/resources/torch-reference/models.json.gz

Per model and seed: every named parameter's shape, SHA-256 of its float32 little-endian bytes (row-major) and
its first 16 values. Needs Debian's python3-torch and python3-torchvision.
"""
import gzip
import hashlib
import json
import sys

import torch
import torchvision


def describe(model):
    out = []
    for name, p in model.named_parameters():
        data = p.detach().contiguous().numpy().tobytes()
        out.append({"name": name, "shape": list(p.shape), "sha256": hashlib.sha256(data).hexdigest(),
                    "head": p.detach().flatten()[:16].tolist()})
    return out


def main():
    torch.set_num_threads(1)
    cases = []
    for seed in [0, 7]:
        for zero in [False, True]:
            torch.manual_seed(seed)
            model = torchvision.models.resnet18(zero_init_residual=zero)
            cases.append({"model": "resnet18", "zero_init_residual": zero, "seed": seed, "params": describe(model)})
    doc = {"torch": torch.__version__, "torchvision": torchvision.__version__, "cases": cases}
    with gzip.open(sys.argv[1], "wt") as f:
        json.dump(doc, f)
    print(len(cases), "cases")


if __name__ == "__main__":
    main()
