#!/usr/bin/python3
"""Runs every case of cases.py on the installed PyTorch and writes what it produced, bit for bit.

    /usr/bin/python3 tools/torch-reference/generate.py OUT.json.gz
    ATEN_CPU_CAPABILITY=default /usr/bin/python3 tools/torch-reference/generate.py OUT.json.gz

Output (gzip JSON): {"torch": version, "capability": ..., "cases": [{"id", "seed", "steps", "results"}]}, each
result either {"error": first line of PyTorch's RuntimeError}, or {"data": base64 of the little-endian bytes, row-major over the result's shape} or, above
cases.LARGE elements, {"sha256": ..., "head": base64 of the first 256 elements}, plus "state_sha256" of
torch.get_rng_state() after the step (which pins how many draws the step consumed and the cached normals).
A module step gives {"params": [{"name", "shape", "data"}...]} in named_parameters() order.
"""
import base64
import gzip
import hashlib
import json
import math
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases as case_list  # noqa: E402

DTYPES = {"float32": torch.float32, "float64": torch.float64, "float16": torch.float16,
          "bfloat16": torch.bfloat16}


def make(dtype, shape, view):
    dt = DTYPES[dtype]
    if view == "contiguous":
        return torch.zeros(shape, dtype=dt)
    if view == "transposed":
        return torch.zeros(shape[1], shape[0], dtype=dt).t()
    if view == "strided":
        return torch.zeros(shape[0], 2 * shape[1], dtype=dt)[:, ::2]
    if view == "permuted":
        return torch.zeros(shape[2], shape[0], shape[1], dtype=dt).permute(1, 2, 0)
    raise ValueError(view)


def raw(t):
    t = t.detach().contiguous()
    if t.dtype in (torch.float16, torch.bfloat16):
        return t.view(torch.int16).numpy().tobytes()
    return t.numpy().tobytes()


def encode(t):
    data = raw(t)
    if t.numel() > case_list.LARGE:
        width = t.element_size()
        return {"sha256": hashlib.sha256(data).hexdigest(), "head": base64.b64encode(data[:256 * width]).decode()}
    return {"data": base64.b64encode(data).decode()}


def state_sha():
    return hashlib.sha256(torch.get_rng_state().numpy().tobytes()).hexdigest()


def run_tensor(step):
    t = make(step["dtype"], step["shape"], step["view"])
    a = step["args"]
    op = step["op"]
    init = torch.nn.init
    if op == "uniform_":
        t.uniform_(a["from"], a["to"])
    elif op == "normal_":
        t.normal_(a.get("mean", 0.0), a.get("std", 1.0))
    elif op == "random_":
        t.random_()
    elif op == "init.uniform_":
        init.uniform_(t, a["a"], a["b"])
    elif op == "init.normal_":
        init.normal_(t, a["mean"], a["std"])
    elif op == "trunc_normal_":
        init.trunc_normal_(t, a["mean"], a["std"], a["a"], a["b"])
    elif op in ("xavier_uniform_", "xavier_normal_"):
        getattr(init, op)(t, gain=a["gain"])
    elif op in ("kaiming_uniform_", "kaiming_normal_"):
        getattr(init, op)(t, a=a["a"], mode=a["mode"], nonlinearity=a["nonlinearity"])
    elif op == "orthogonal_":
        init.orthogonal_(t, gain=a["gain"])
    elif op == "sparse_":
        init.sparse_(t, a["sparsity"], std=a["std"])
    elif op == "eye_":
        init.eye_(t)
    elif op == "dirac_":
        init.dirac_(t, a["groups"])
    elif op == "constant_":
        init.constant_(t, a["val"])
    else:
        raise ValueError(op)
    return encode(t)


def run_module(step):
    kwargs = dict(step["kwargs"])
    kwargs["dtype"] = DTYPES[kwargs["dtype"]]
    m = getattr(torch.nn, step["module"])(**kwargs)
    params = []
    for name, p in m.named_parameters():
        entry = {"name": name, "shape": list(p.shape)}
        entry.update(encode(p))
        params.append(entry)
    return {"params": params}


def run_step(step):
    op = step["op"]
    try:
        result = run_one(step, op)
    except RuntimeError as e:  # e.g. 1.13 has no half erfinv: recorded, and the comparison skips it
        result = {"error": str(e).splitlines()[0]}
    result["state_sha256"] = state_sha()
    return result


def run_one(step, op):
    if op == "module":
        result = run_module(step)
    elif op == "randperm":
        result = encode(torch.randperm(step["n"]))
    elif op == "get_rng_state":
        result = {"data": base64.b64encode(torch.get_rng_state().numpy().tobytes()).decode()}
    else:
        result = run_tensor(step)
    return result


def main():
    out_path = sys.argv[1]
    torch.set_num_threads(1)
    results = []
    for case in case_list.cases():
        torch.manual_seed(case["seed"])
        results.append(dict(case, results=[run_step(s) for s in case["steps"]]))
    doc = {"torch": torch.__version__, "capability": torch.backends.cpu.get_cpu_capability()
           if hasattr(torch.backends, "cpu") and hasattr(torch.backends.cpu, "get_cpu_capability")
           else os.environ.get("ATEN_CPU_CAPABILITY", "avx2"), "cases": results}
    with gzip.open(out_path, "wt", encoding="utf-8") as f:
        json.dump(doc, f, separators=(",", ":"))
    print(f"{len(results)} cases -> {out_path}")


if __name__ == "__main__":
    main()
