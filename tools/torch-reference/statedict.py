#!/usr/bin/python3
"""State dicts written by real PyTorch as safetensors, with the outputs of the same models, for StateDictTest.

    /usr/bin/python3 tools/torch-reference/statedict.py nn-init-dl4j/src/test/resources/torch-reference

Writes dcgan.safetensors (the models.py DCGAN generator with non-trivial BatchNorm running statistics) and
lstm_lm.safetensors (the two-layer LSTM language model), tiny_resnet.safetensors (a BasicBlock with a projection
shortcut, BatchNorm statistics and affine parameters set) and io.json: fixed inputs and PyTorch's outputs in
eval mode. Debian has no safetensors package; the format (8-byte little-endian header length, JSON header,
raw little-endian data) is written here directly.
"""
import json
import os
import struct
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402

DTYPES = {torch.float32: "F32", torch.float64: "F64", torch.float16: "F16", torch.bfloat16: "BF16",
          torch.int64: "I64"}


def save(state, path):
    header, blobs, offset = {}, [], 0
    for name, t in state.items():
        t = t.detach().contiguous()
        data = (t.view(torch.int16) if t.dtype in (torch.float16, torch.bfloat16) else t).numpy().tobytes()
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = {"format": "pt"}
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)) + raw + b"".join(blobs))


class TinyResNet(torch.nn.Module):
    """One torchvision-style BasicBlock with a strided projection shortcut, average pool and a Linear head."""

    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(3, 8, 3, stride=2, padding=1, bias=False)
        self.bn1 = torch.nn.BatchNorm2d(8)
        self.conv2 = torch.nn.Conv2d(8, 8, 3, padding=1, bias=False)
        self.bn2 = torch.nn.BatchNorm2d(8)
        self.down = torch.nn.Sequential(torch.nn.Conv2d(3, 8, 1, stride=2, bias=False), torch.nn.BatchNorm2d(8))
        self.fc = torch.nn.Linear(8, 4)

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = torch.relu(self.bn2(self.conv2(y)) + self.down(x))
        return self.fc(y.mean((2, 3)))


def main():
    out = sys.argv[1]
    torch.manual_seed(11)
    gen = models.dcgan_generator()
    gen.apply(models.init_gan)
    bn = gen[3]
    bn.running_mean.copy_(torch.randn(8) * 0.1)
    bn.running_var.copy_(torch.rand(8) + 0.5)
    bn.num_batches_tracked.fill_(7)
    gen.eval()
    z = torch.randn(2, 8)
    with torch.no_grad():
        y = gen(z)
    save(gen.state_dict(), os.path.join(out, "dcgan.safetensors"))

    lm = models.LanguageModel()
    tokens = torch.randint(0, 50, (5, 2))          # (seq, batch)
    with torch.no_grad():
        h, _ = lm.lstm(lm.embedding(tokens))
        logits = lm.decoder(h)                     # (seq, batch, 50)
    save(lm.state_dict(), os.path.join(out, "lstm_lm.safetensors"))

    res = TinyResNet()
    with torch.no_grad():
        for bn in [res.bn1, res.bn2, res.down[1]]:   # eval mode with real statistics and affine parameters
            bn.weight.uniform_(0.5, 1.5)
            bn.bias.uniform_(-0.2, 0.2)
            bn.running_mean.copy_(torch.randn(8) * 0.1)
            bn.running_var.copy_(torch.rand(8) + 0.5)
    res.eval()
    img = torch.randn(2, 3, 6, 6)
    with torch.no_grad():
        res_out = res(img)
    save(res.state_dict(), os.path.join(out, "tiny_resnet.safetensors"))
    with open(os.path.join(out, "io.json"), "w") as f:
        json.dump({"torch": torch.__version__,
                   "dcgan": {"input": z.tolist(), "output": y.tolist()},
                   "lstm_lm": {"tokens": tokens.tolist(), "logits": logits.tolist()},
                   "tiny_resnet": {"input": img.flatten().tolist(), "output": res_out.tolist()}}, f)
    print("written to", out)


if __name__ == "__main__":
    main()
