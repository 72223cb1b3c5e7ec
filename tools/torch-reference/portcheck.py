#!/usr/bin/python3
"""The initial weights of models.dcgan_generator() after the seed's init_gan, with torch.manual_seed(SEED), as the
safetensors file the PortCheck sample compares a DL4J port against.

    /usr/bin/python3 tools/torch-reference/portcheck.py samples/src/main/resources/port-check/dcgan-seed11.safetensors
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402
import statedict  # noqa: E402

SEED = 11


def main():
    torch.manual_seed(SEED)
    gen = models.dcgan_generator()
    gen.apply(models.init_gan)
    statedict.save(gen.state_dict(), sys.argv[1])
    print("torch", torch.__version__, "seed", SEED, "->", sys.argv[1])


if __name__ == "__main__":
    main()
