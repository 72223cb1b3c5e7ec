package org.nninit.random;

import java.util.Locale;

/**
 * Which of PyTorch's CPU kernels produced the numbers: PyTorch compiles its sampling kernels once per
 * instruction set and picks one at start-up ({@code torch.backends.cpu.get_cpu_capability()}, overridden by the
 * environment variable {@code ATEN_CPU_CAPABILITY}). The choice shows in the last bits: the AVX2 kernels are
 * compiled with fused multiply-adds and use a vectorised log/sincos for {@code normal_}.
 *
 * <pre>{@code
 * new TorchGenerator(0, TorchVersion.DEFAULT, CpuCapability.of("default"));  // ATEN_CPU_CAPABILITY=default
 * }</pre>
 */
public enum CpuCapability {
    /** The AVX2 kernels: what PyTorch runs on an x86-64 machine with AVX2 and no AVX-512 (verified). */
    AVX2,
    /** The portable kernels without AVX ({@code ATEN_CPU_CAPABILITY=default}, verified). */
    DEFAULT;

    /**
     * The capability named as PyTorch names it: {@code "avx2"} or {@code "default"} (any case).
     *
     * @throws IllegalArgumentException for any other name; AVX-512 and ARM kernels are not reproduced
     */
    public static CpuCapability of(String name) {
        if (name != null) {
            for (CpuCapability c : values()) {
                if (c.name().equalsIgnoreCase(name.trim())) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("cpu capability must be one of \"avx2\", \"default\", but found "
                + (name == null ? "null" : "\"" + name + "\""));
    }

    /**
     * Whether these kernels compute {@code a * b + c} as one fused multiply-add: the AVX2 kernels are compiled with
     * FMA and the compiler contracts such expressions (measured: {@code uniform_} equals {@code fma(u, range, from)},
     * the scalar double/half normals fuse {@code sample * std + mean}, {@code calc_erfinv} fuses its Horner steps:
     * 0 of 20,000 values differ with fusion, 2,601 without); the portable kernels round each step.
     */
    public boolean fusesMultiplyAdd() {
        return this == AVX2;
    }

    /** The name PyTorch uses ({@code ATEN_CPU_CAPABILITY}). */
    public String torchName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
