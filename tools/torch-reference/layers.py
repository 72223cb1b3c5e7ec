#!/usr/bin/python3
"""One small PyTorch module per layer kind the walker binds, with seeded weights, a fixed input and PyTorch's
output, for LayerForwardTest: loading the weights into the DL4J layer must give PyTorch's output.

    /usr/bin/python3 tools/torch-reference/layers.py nn-init-dl4j/src/test/resources/torch-reference/layers
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import statedict  # noqa: E402


def cases():
    yield "conv2d", torch.nn.Conv2d(3, 4, (3, 2), stride=(1, 2), padding=1), torch.randn(2, 3, 6, 7)
    yield "conv1d", torch.nn.Conv1d(3, 4, 3, padding=1), torch.randn(2, 3, 7)
    yield "conv3d", torch.nn.Conv3d(2, 3, (2, 3, 2)), torch.randn(2, 2, 4, 5, 4)
    yield "depthwise2d", torch.nn.Conv2d(3, 6, 3, groups=3), torch.randn(2, 3, 5, 5)
    yield "deconv3d", torch.nn.ConvTranspose3d(2, 3, 2, stride=2), torch.randn(1, 2, 2, 3, 2)
    yield "rnn", torch.nn.RNN(4, 5), torch.randn(3, 2, 4)                 # (seq, batch, features)
    yield "embedding", torch.nn.Embedding(10, 4), torch.tensor([[1], [7], [3]])
    yield "prelu", torch.nn.PReLU(3), torch.randn(2, 3)
    yield "dense", torch.nn.Linear(5, 3), torch.randn(4, 5)
    yield "deconv2d", torch.nn.ConvTranspose2d(2, 3, (3, 2), stride=2), torch.randn(1, 2, 3, 4)
    yield "separable", Separable(3, 2, 4, 3), torch.randn(2, 3, 5, 6)
    yield "embedding_seq", torch.nn.Embedding(10, 4), torch.tensor([[1, 2, 9], [4, 0, 6]])
    yield "batchnorm", torch.nn.BatchNorm1d(3), torch.randn(4, 3)
    yield "attention", SelfAttention(8, 2), torch.randn(4, 2, 8)    # (seq, batch, embed)


class SelfAttention(torch.nn.MultiheadAttention):
    """MultiheadAttention(x, x, x) without biases: DL4J's SelfAttentionLayer has none."""

    def __init__(self, embed, heads):
        super().__init__(embed, heads, bias=False)

    def forward(self, x):
        return super().forward(x, x, x, need_weights=False)[0]


class Separable(torch.nn.Module):
    """DL4J's SeparableConvolution2D as PyTorch writes it: a grouped (depthwise) conv without bias, then 1x1."""

    def __init__(self, channels, multiplier, out, k):
        super().__init__()
        self.depthwise = torch.nn.Conv2d(channels, channels * multiplier, k, groups=channels, bias=False)
        self.pointwise = torch.nn.Conv2d(channels * multiplier, out, 1)

    def forward(self, x):
        return self.pointwise(self.depthwise(x))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    io = {"torch": torch.__version__}
    torch.manual_seed(21)
    for name, module, x in cases():
        with torch.no_grad():
            for p in module.parameters():
                p.uniform_(-1, 1)
            if isinstance(module, torch.nn.BatchNorm1d):   # eval mode with real running statistics
                module.running_mean.uniform_(-1, 1)
                module.running_var.uniform_(0.5, 2)
            module.eval()
            y = module(x)
            if isinstance(y, tuple):
                y = y[0]
        statedict.save(module.state_dict(), os.path.join(out, name + ".safetensors"))
        io[name] = {"input": x.tolist(), "input_shape": list(x.shape), "output": y.flatten().tolist(),
                    "output_shape": list(y.shape)}
    with open(os.path.join(out, "io.json"), "w") as f:
        json.dump(io, f)
    print(len(io) - 1, "layer kinds")


if __name__ == "__main__":
    main()
