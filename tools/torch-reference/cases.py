"""The case list of the real-PyTorch reference files: one definition, read by generate.py (Python torch) and
written to cases.json for the libtorch runner, so that every binary answers exactly the same questions.

A case is a seed and a list of steps run one after the other on the default CPU generator:
  {"id": str, "seed": int, "steps": [step, ...]}
A step is one of
  {"op": "uniform_" | "normal_" | "random_" | "<nn.init function>", "dtype", "shape", "view", "args": {...}}
  {"op": "randperm", "n": int}
  {"op": "module", "module": "<torch.nn class>", "kwargs": {...}}
view: "contiguous" (torch.empty(shape)); "transposed" (shape [a, b] = torch.empty(b, a).t());
      "strided" (shape [a, b] = torch.empty(a, 2b)[:, ::2]);
      "permuted" (shape [a, b, c] = torch.empty(c, a, b).permute(1, 2, 0)).
"""

DTYPES = ["float32", "float64", "float16", "bfloat16"]
LARGE = 20000  # results with more elements are stored as a SHA-256 (plus their first values)


def _sizes():
    return [1, 2, 3, 7, 15, 16, 17, 31, 32, 33, 100, 255, 256, 1000, 4095, 4096, 4097, 10007]


def cases():
    out = []
    seeds = iter(range(1000, 10 ** 6))

    def add(cid, steps, seed=None):
        out.append({"id": cid, "seed": next(seeds) if seed is None else seed, "steps": steps})

    def tensor(op, dtype, shape, view="contiguous", **args):
        return {"op": op, "dtype": dtype, "shape": list(shape), "view": view, "args": args}

    # --- the raw samplers, every dtype, sizes across the 16-element block rule, views --------------------
    for dtype in DTYPES:
        for n in _sizes():
            add(f"uniform_/{dtype}/n={n}", [tensor("uniform_", dtype, [n], **{"from": -1.5, "to": 2.25})])
            add(f"normal_/{dtype}/n={n}/std", [tensor("normal_", dtype, [n], mean=0.0, std=1.0)])
            add(f"normal_/{dtype}/n={n}/affine", [tensor("normal_", dtype, [n], mean=0.3, std=0.02)])
            add(f"random_/{dtype}/n={n}", [tensor("random_", dtype, [n])])
        for shape, view in [([5, 7], "transposed"), ([40, 33], "transposed"), ([6, 5], "strided"),
                            ([48, 20], "strided"), ([3, 4, 5], "permuted"), ([8, 6, 10], "permuted")]:
            add(f"uniform_/{dtype}/{view}{shape}", [tensor("uniform_", dtype, shape, view, **{"from": -3.0, "to": 0.5})])
            add(f"normal_/{dtype}/{view}{shape}", [tensor("normal_", dtype, shape, view, mean=-0.5, std=2.0)])
        for shape in [[64, 32], [128, 257]]:
            add(f"normal_/{dtype}/{shape}/wide", [tensor("normal_", dtype, shape, mean=1.0, std=3.0)])
            add(f"normal_/{dtype}/{shape}/narrow", [tensor("normal_", dtype, shape, mean=-0.01, std=1e-3)])
    for n in [65536, 70001, 300007]:  # the generator's parallel paths
        add(f"uniform_/float32/n={n}/large", [tensor("uniform_", "float32", [n], **{"from": -0.1, "to": 0.1})])
        add(f"normal_/float32/n={n}/large", [tensor("normal_", "float32", [n], mean=0.0, std=0.05)])
    add("normal_/float64/n=70001/large", [tensor("normal_", "float64", [70001], mean=0.0, std=0.05)])
    for n in [0, 1, 2, 10, 100, 1000, 5000]:
        add(f"randperm/n={n}", [{"op": "randperm", "n": n}])

    # --- cached per-element normals carried across calls, and mixed streams ------------------------------
    add("sequence/cached-normal", [tensor("normal_", "float32", [3]), tensor("normal_", "float64", [5]),
                                   tensor("uniform_", "float32", [20], **{"from": 0.0, "to": 1.0}),
                                   tensor("normal_", "float32", [7, 5], "transposed"),
                                   tensor("normal_", "float32", [33], mean=0.0, std=1.0)])
    for seed in [0, 1, 42, 2 ** 32 + 7, 2 ** 63 + 11]:
        add(f"sequence/seed={seed}", [tensor("uniform_", "float32", [10], **{"from": 0.0, "to": 1.0}),
                                      tensor("normal_", "float32", [100]),
                                      tensor("normal_", "float64", [3]),
                                      {"op": "randperm", "n": 20}], seed=seed)

    # --- nn.init, non-trivial arguments ------------------------------------------------------------------
    shapes = [[64, 32], [33, 17], [16, 8, 3, 3], [4, 6, 5], [2, 3, 2, 2, 2]]
    for dtype in DTYPES:
        for shape in shapes:
            s = "x".join(map(str, shape))
            for gain in [1.0, 0.7]:
                add(f"xavier_uniform_/{dtype}/{s}/gain={gain}", [tensor("xavier_uniform_", dtype, shape, gain=gain)])
                add(f"xavier_normal_/{dtype}/{s}/gain={gain}", [tensor("xavier_normal_", dtype, shape, gain=gain)])
            for a, mode, nl in [(0.0, "fan_in", "leaky_relu"), (5 ** 0.5, "fan_in", "leaky_relu"),
                                (0.0, "fan_out", "relu"), (0.2, "fan_out", "leaky_relu"),
                                (0.0, "fan_in", "tanh"), (0.0, "fan_in", "selu"), (0.0, "fan_out", "linear")]:
                for fn in ["kaiming_uniform_", "kaiming_normal_"]:
                    add(f"{fn}/{dtype}/{s}/a={a:.3f},{mode},{nl}",
                        [tensor(fn, dtype, shape, a=a, mode=mode, nonlinearity=nl)])
            add(f"uniform/{dtype}/{s}", [tensor("init.uniform_", dtype, shape, a=-0.05, b=0.05)])
            add(f"normal/{dtype}/{s}", [tensor("init.normal_", dtype, shape, mean=0.0, std=0.02)])
        for shape in [[64, 32], [1000], [33, 17], [4, 4, 3]]:
            s = "x".join(map(str, shape))
            for mean, std, a, b in [(0.0, 1.0, -2.0, 2.0), (0.0, 0.02, -0.04, 0.04), (0.5, 1.0, -0.25, 3.0),
                                    (0.0, 0.02, -2.0, 2.0)]:
                add(f"trunc_normal_/{dtype}/{s}/{mean},{std},{a},{b}",
                    [tensor("trunc_normal_", dtype, shape, mean=mean, std=std, a=a, b=b)])
    for shape, gain in [([8, 8], 1.0), ([20, 7], 1.0), ([7, 20], 1.5), ([6, 3, 3, 3], 1.0), ([64, 64], 0.5)]:
        s = "x".join(map(str, shape))
        for dtype in ["float32", "float64"]:
            add(f"orthogonal_/{dtype}/{s}/gain={gain}", [tensor("orthogonal_", dtype, shape, gain=gain)])
            # the normal draw that feeds the QR, bit for bit
            rows = shape[0]
            cols = 1
            for d in shape[1:]:
                cols *= d
            flat = [rows, cols] if rows >= cols else [cols, rows]
            add(f"orthogonal_/{dtype}/{s}/draw", [tensor("normal_", dtype, [rows, cols], mean=0.0, std=1.0)])
    for shape, sparsity, std in [([10, 6], 0.3, 0.01), ([50, 20], 0.9, 1.0)]:
        s = "x".join(map(str, shape))
        add(f"sparse_/float32/{s}/{sparsity}", [tensor("sparse_", "float32", shape, sparsity=sparsity, std=std)])
    for shape, groups in [([4, 4], None), ([3, 5], None), ([6, 2, 3], 1), ([8, 2, 3, 3], 2), ([4, 4, 3, 3, 3], 4)]:
        s = "x".join(map(str, shape))
        if groups is None:
            add(f"eye_/float32/{s}", [tensor("eye_", "float32", shape)])
        else:
            add(f"dirac_/float32/{s}/groups={groups}", [tensor("dirac_", "float32", shape, groups=groups)])
    add("constant_/float32", [tensor("constant_", "float32", [3, 4], val=0.3)])

    # --- module defaults (reset_parameters / __init__), every dtype of interest --------------------------
    def module(name, **kwargs):
        return {"op": "module", "module": name, "kwargs": kwargs}

    mods = [
        ("Linear", dict(in_features=20, out_features=30)),
        ("Linear", dict(in_features=7, out_features=5, bias=False)),
        ("Linear", dict(in_features=0, out_features=4)),
        ("Bilinear", dict(in1_features=5, in2_features=4, out_features=3)),
        ("Bilinear", dict(in1_features=6, in2_features=2, out_features=4, bias=False)),
        ("Conv1d", dict(in_channels=4, out_channels=6, kernel_size=3)),
        ("Conv2d", dict(in_channels=3, out_channels=8, kernel_size=3)),
        ("Conv2d", dict(in_channels=4, out_channels=8, kernel_size=(3, 2), groups=2, bias=False)),
        ("Conv3d", dict(in_channels=2, out_channels=4, kernel_size=2)),
        ("ConvTranspose1d", dict(in_channels=4, out_channels=6, kernel_size=3)),
        ("ConvTranspose2d", dict(in_channels=4, out_channels=6, kernel_size=3, groups=2)),
        ("ConvTranspose3d", dict(in_channels=2, out_channels=3, kernel_size=2)),
        ("Embedding", dict(num_embeddings=10, embedding_dim=8)),
        ("Embedding", dict(num_embeddings=10, embedding_dim=3, padding_idx=2)),
        ("Embedding", dict(num_embeddings=10, embedding_dim=3, padding_idx=-1)),
        ("BatchNorm1d", dict(num_features=5)),
        ("BatchNorm2d", dict(num_features=4)),
        ("LayerNorm", dict(normalized_shape=6)),
        ("GroupNorm", dict(num_groups=2, num_channels=6)),
        ("PReLU", dict()),
        ("PReLU", dict(num_parameters=5, init=0.1)),
        ("RNN", dict(input_size=5, hidden_size=4)),
        ("RNN", dict(input_size=3, hidden_size=4, num_layers=2, bidirectional=True)),
        ("LSTM", dict(input_size=5, hidden_size=6)),
        ("LSTM", dict(input_size=4, hidden_size=6, num_layers=2, proj_size=3)),
        ("LSTM", dict(input_size=4, hidden_size=5, bidirectional=True, bias=False)),
        ("GRU", dict(input_size=3, hidden_size=7, num_layers=2)),
        ("MultiheadAttention", dict(embed_dim=8, num_heads=2)),
        ("MultiheadAttention", dict(embed_dim=8, num_heads=2, kdim=5, vdim=6)),
        ("MultiheadAttention", dict(embed_dim=8, num_heads=4, add_bias_kv=True)),
        ("MultiheadAttention", dict(embed_dim=6, num_heads=3, bias=False)),
        ("TransformerEncoderLayer", dict(d_model=8, nhead=2, dim_feedforward=16)),
        ("TransformerDecoderLayer", dict(d_model=8, nhead=2, dim_feedforward=12)),
    ]
    for dtype in ["float32", "float64"]:
        for name, kwargs in mods:
            kw = dict(kwargs, dtype=dtype)
            add(f"module/{name}/{dtype}/" + ",".join(f"{k}={v}" for k, v in kwargs.items()), [module(name, **kw)])

    # --- get_rng_state round trips ------------------------------------------------------------------------
    add("state/plain", [{"op": "get_rng_state"}, tensor("uniform_", "float32", [5], **{"from": 0.0, "to": 1.0})])
    add("state/cached-normal", [tensor("normal_", "float32", [1]), {"op": "get_rng_state"},
                                tensor("normal_", "float64", [3])])
    add("state/mid-twist", [tensor("uniform_", "float32", [1000], **{"from": 0.0, "to": 1.0}),
                            {"op": "get_rng_state"}])
    return out


if __name__ == "__main__":
    import json
    import sys
    json.dump(cases(), sys.stdout, indent=None, separators=(",", ":"))
