#!/usr/bin/python3
"""State dicts written by real PyTorch as safetensors, with the outputs of the same models, for StateDictTest.

    /usr/bin/python3 tools/torch-reference/statedict.py nn-init-dl4j/src/test/resources/torch-reference

Writes dcgan.safetensors (the models.py DCGAN generator with non-trivial BatchNorm running statistics) and
lstm_lm.safetensors (the two-layer LSTM language model), and io.json: fixed inputs and PyTorch's outputs in
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
    with open(os.path.join(out, "io.json"), "w") as f:
        json.dump({"torch": torch.__version__,
                   "dcgan": {"input": z.tolist(), "output": y.tolist()},
                   "lstm_lm": {"tokens": tokens.tolist(), "logits": logits.tolist()}}, f)
    print("written to", out)


if __name__ == "__main__":
    main()
