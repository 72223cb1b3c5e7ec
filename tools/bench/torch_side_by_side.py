#!/usr/bin/env python3
"""PyTorch's side of nn-init's benchmarks, timed on this machine: prints one JSON object of milliseconds.

Run by nn-init-bench's BenchMain --torch (before and after the JMH run, so that PyTorch sees the same load);
the minimum of REPEATS timings of each task is reported, the least disturbed run. Threads: the machine's cores,
as ND4J uses them.
"""
import json
import os
import sys
import time

import torch

REPEATS = int(sys.argv[1]) if len(sys.argv) > 1 else 7
torch.set_num_threads(os.cpu_count())


def best(fn):
    fn()  # warm-up
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return min(times)


w = torch.empty(4096, 4096)
g = torch.Generator().manual_seed(0)
q = torch.empty(1024, 1024)
result = {
    "torch": torch.__version__,
    "threads": torch.get_num_threads(),
    "uniform_4096": best(lambda: w.uniform_(-0.1, 0.1, generator=g)),
    "normal_4096": best(lambda: w.normal_(0, 0.02, generator=g)),
    "trunc_normal_4096": best(lambda: torch.nn.init.trunc_normal_(w, 0, 0.02, -0.04, 0.04)),
    "orthogonal_1024": best(lambda: torch.nn.init.orthogonal_(q)),
}
try:
    import torchvision

    result["torchvision"] = torchvision.__version__
    result["resnet50"] = best(lambda: torchvision.models.resnet50())
except ImportError:
    result["resnet50"] = None
print(json.dumps(result))
