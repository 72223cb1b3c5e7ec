package org.nninit.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.Init;
import org.nninit.internal.ReducedFloat;
import org.nninit.RowMajor;

/**
 * PyTorch 2.12's changes, which no binary here can confirm: checked against their definitions and against
 * the 2.10 behaviour they replace, which the reference files pin.
 */
class Torch212Test {

    private static TorchGenerator gen(TorchVersion version, long seed) {
        return new TorchGenerator(seed, version, CpuCapability.AVX2);
    }

    @Test
    void uniformNeverReturnsTheUpperBoundFrom212() {
        // ulp(1e6) = 1/16, so about 3% of the draws round to `to` when to - from = 1.
        INDArray before = Init.uniform(Nd4j.create(DataType.FLOAT, 20000), 1e6, 1e6 + 1, gen(TorchVersion.V2_10, 7));
        INDArray after = Init.uniform(Nd4j.create(DataType.FLOAT, 20000), 1e6, 1e6 + 1, gen(TorchVersion.V2_12, 7));
        float[] b = RowMajor.readFloats(before);
        float[] a = RowMajor.readFloats(after);
        int atUpper = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 1e6f + 1) {
                atUpper++;
                assertThat(a[i]).isEqualTo(1e6f);
            } else {
                assertThat(a[i]).isEqualTo(b[i]);
            }
        }
        assertThat(atUpper).isBetween(400, 900);
    }

    @Test
    void halfUniformSamples24BitsInFloatFrom212() {
        TorchGenerator reference = gen(TorchVersion.V2_12, 3);
        INDArray half = Init.uniform(Nd4j.create(DataType.HALF, 50), -2, 3, gen(TorchVersion.V2_12, 3));
        float[] actual = RowMajor.readFloats(half);
        for (float v : actual) {
            float u = ((int) reference.random() & 0xffffff) * 0x1.0p-24f;
            float expected = ReducedFloat.roundToHalf(Math.fma(u, 5.0f, -2.0f));
            assertThat(v).isEqualTo(expected == 3.0f ? -2.0f : expected);
        }
    }

    @Test
    void halfNormalRunsTheFloatKernelPerBlockOf16From212() {
        // n = 32: the float path transforms the same two blocks, so the half values are its values cast.
        INDArray f = Init.normal(Nd4j.create(DataType.FLOAT, 32), 0.5, 2, gen(TorchVersion.V2_12, 9));
        INDArray h = Init.normal(Nd4j.create(DataType.HALF, 32), 0.5, 2, gen(TorchVersion.V2_12, 9));
        float[] fv = RowMajor.readFloats(f);
        float[] hv = RowMajor.readFloats(h);
        for (int i = 0; i < 32; i++) {
            assertThat(hv[i]).isEqualTo(ReducedFloat.roundToHalf(fv[i]));
        }
        // n = 17: 32 draws (two blocks), where FLOAT takes 17 + 16 and 2.10's HALF also 17 + 16.
        TorchGenerator g = gen(TorchVersion.V2_12, 9);
        Init.normal(Nd4j.create(DataType.HALF, 17), 0, 1, g);
        TorchGenerator counted = gen(TorchVersion.V2_12, 9);
        for (int i = 0; i < 32; i++) {
            counted.random();
        }
        assertThat(g.random()).isEqualTo(counted.random());
    }

    @Test
    void insideOutShuffleIsAPermutationFromOne64BitDrawPerElement() {
        TorchGenerator g = gen(TorchVersion.V2_12, 5);
        long[] p = g.insideOutShuffle(1000);
        assertThat(Arrays.stream(p).sorted().toArray()).isEqualTo(LongStream.range(0, 1000).toArray());
        TorchGenerator counted = gen(TorchVersion.V2_12, 5);
        for (int i = 0; i < 1000; i++) {
            counted.random64();
        }
        assertThat(g.random()).isEqualTo(counted.random());
        // below the limit 2.12 keeps the swap algorithm of earlier releases
        assertThat(gen(TorchVersion.V2_12, 5).randperm(1000)).isEqualTo(gen(TorchVersion.V2_10, 5).randperm(1000));
    }
}
