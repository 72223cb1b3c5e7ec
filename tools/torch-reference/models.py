#!/usr/bin/python3
"""Whole-model references: the parameters a real PyTorch model has right after construction with a seed, for
the DL4J ports in nn-init-dl4j's tests (PyTorchModelParityTest).

    /usr/bin/python3 tools/torch-reference/models.py nn-init-dl4j/src/test/resources/torch-reference/models.json.gz

Per model and seed: every named parameter's shape, SHA-256 of its float32 little-endian bytes (row-major) and
its first 16 values (all values, base64, for the LSTM model, whose two biases DL4J stores summed). Needs Debian's python3-torch and python3-torchvision.
"""
import base64
import gzip
import hashlib
import json
import sys

import torch
import torchvision


def describe(model, values=False):
    out = []
    for name, p in model.named_parameters():
        data = p.detach().contiguous().numpy().tobytes()
        entry = {"name": name, "shape": list(p.shape), "sha256": hashlib.sha256(data).hexdigest(),
                 "head": p.detach().flatten()[:16].tolist()}
        if values:
            entry["data"] = base64.b64encode(data).decode()
        out.append(entry)
    return out


class LanguageModel(torch.nn.Module):
    """A two-layer LSTM language model: embedding, LSTM(num_layers=2), decoder."""

    def __init__(self):
        super().__init__()
        self.embedding = torch.nn.Embedding(50, 16)
        self.lstm = torch.nn.LSTM(16, 32, num_layers=2)
        self.decoder = torch.nn.Linear(32, 50)


class MyModel(torch.nn.Module):
    """The seed document's MyModel and its _initialize_weights (VGG-style)."""

    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(3, 64, 3)
        self.conv2 = torch.nn.Conv2d(64, 128, 3)
        self.fc = torch.nn.Linear(128, 10)
        for m in self.modules():
            if isinstance(m, torch.nn.Conv2d):
                torch.nn.init.kaiming_normal_(m.weight, mode='fan_out', nonlinearity='relu')
                if m.bias is not None:
                    torch.nn.init.constant_(m.bias, 0)
            elif isinstance(m, torch.nn.Linear):
                torch.nn.init.normal_(m.weight, 0, 0.01)
                torch.nn.init.constant_(m.bias, 0)


def dcgan_generator():
    """A small DCGAN-style generator: Linear, unflatten, transposed convolutions with a BatchNorm between."""
    return torch.nn.Sequential(torch.nn.Linear(8, 64), torch.nn.Unflatten(1, (16, 2, 2)),
                               torch.nn.ConvTranspose2d(16, 8, 4, 2, 1, bias=False), torch.nn.BatchNorm2d(8),
                               torch.nn.ReLU(), torch.nn.ConvTranspose2d(8, 3, 4, 2, 1), torch.nn.Tanh())


def init_gan(m):
    """The seed document's init_gan."""
    classname = m.__class__.__name__
    if classname.find('Conv') != -1:
        torch.nn.init.normal_(m.weight.data, 0.0, 0.02)
    elif classname.find('BatchNorm') != -1:
        torch.nn.init.normal_(m.weight.data, 1.0, 0.02)
        torch.nn.init.constant_(m.bias.data, 0)


class SmallTransformer(torch.nn.Module):
    """Embedding(100, 32), MultiheadAttention(32, 4) and three Linears, as in the issue's port."""

    def __init__(self):
        super().__init__()
        self.embedding = torch.nn.Embedding(100, 32)
        self.attn = torch.nn.MultiheadAttention(32, 4)
        self.ff1 = torch.nn.Linear(32, 64)
        self.ff2 = torch.nn.Linear(64, 32)
        self.out = torch.nn.Linear(32, 100)


def init_transformer(m):
    """The seed document's init_transformer."""
    if isinstance(m, torch.nn.Linear):
        torch.nn.init.xavier_uniform_(m.weight)
        if m.bias is not None:
            torch.nn.init.constant_(m.bias, 0)
    elif isinstance(m, torch.nn.Embedding):
        torch.nn.init.normal_(m.weight, mean=0, std=0.02)


def main():
    torch.set_num_threads(1)
    cases = []
    for seed in [0, 7]:
        for zero in [False, True]:
            torch.manual_seed(seed)
            model = torchvision.models.resnet18(zero_init_residual=zero)
            cases.append({"model": "resnet18", "zero_init_residual": zero, "seed": seed, "params": describe(model)})
    for seed in [0, 3]:
        torch.manual_seed(seed)
        model = MyModel()
        cases.append({"model": "mymodel", "seed": seed, "params": describe(model)})
        torch.manual_seed(seed)
        gen = dcgan_generator()
        gen.apply(init_gan)
        cases.append({"model": "dcgan", "seed": seed, "params": describe(gen)})
    for seed in [0, 5]:
        torch.manual_seed(seed)
        cases.append({"model": "lstm_lm", "seed": seed, "params": describe(LanguageModel(), values=True)})
    for seed in [0, 9]:
        torch.manual_seed(seed)
        model = SmallTransformer()
        model.apply(init_transformer)
        cases.append({"model": "transformer", "seed": seed, "params": describe(model, values=True)})
    doc = {"torch": torch.__version__, "torchvision": torchvision.__version__, "cases": cases}
    with gzip.open(sys.argv[1], "wt") as f:
        json.dump(doc, f)
    print(len(cases), "cases")


if __name__ == "__main__":
    main()
