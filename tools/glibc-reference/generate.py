#!/usr/bin/python3
"""Runs glibc_float.c on this machine's glibc and writes the SHA-256 of each 2^20-value chunk of its outputs
to the test resource that GlibcFloatTest and SystemLibmTest compare nn-init with.

    /usr/bin/python3 tools/glibc-reference/generate.py nn-init-core/src/test/resources/glibc-reference.json
"""
import hashlib, json, os, platform, subprocess, sys, tempfile

DOMAINS = ["logf-unit", "sinf-theta", "cosf-theta", "expf-neg", "erff-all",
           "log-unit53", "log1p-unit53", "sin-theta53", "cos-theta53"]
CHUNK = 4 << 20  # bytes: 2^20 floats, 2^19 doubles

here = os.path.dirname(os.path.abspath(__file__))
with tempfile.TemporaryDirectory() as tmp:
    exe = os.path.join(tmp, "glibc_float")
    subprocess.run(["gcc", "-O2", "-fno-builtin", "-o", exe, os.path.join(here, "glibc_float.c"), "-lm"], check=True)
    doc = {"glibc": platform.libc_ver()[1], "machine": platform.machine(), "chunk_bytes": CHUNK, "domains": {}}
    for d in DOMAINS:
        data = subprocess.run([exe, d], check=True, capture_output=True).stdout
        doc["domains"][d] = {"bytes": len(data),
                             "sha256": [hashlib.sha256(data[i:i + CHUNK]).hexdigest() for i in range(0, len(data), CHUNK)]}
with open(sys.argv[1], "w") as f:
    json.dump(doc, f, indent=1)
print({d: v["bytes"] for d, v in doc["domains"].items()})
