package org.nninit.samples;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Small synthetic tasks, generated from a seed, so no sample downloads anything. */
final class SyntheticData {

    private SyntheticData() {
    }

    /**
     * {@code n} points x ~ N(0, I) in {@code dims} dimensions labelled by argmax(x T) for a random "teacher"
     * matrix T: a linearly separable task any healthy network learns in a few hundred steps.
     */
    static DataSet teacher(int n, int dims, int classes, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray teacher = Nd4j.randn(DataType.FLOAT, dims, classes);
        INDArray x = Nd4j.randn(DataType.FLOAT, n, dims);
        INDArray cls = x.mmul(teacher).argMax(1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, cls.getInt(i), 1f);
        }
        return new DataSet(x, y);
    }

    /**
     * {@code n} single-channel images [n, 1, size, size] in [-1, 1]: a bright square in one of the four
     * quadrants on a noisy background; the label is the quadrant (4 classes).
     */
    static DataSet quadrants(int n, int channels, int size, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, channels, size, size).muli(0.4).subi(1);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 4);
        java.util.Random r = new java.util.Random(seed);
        int half = size / 2;
        for (int i = 0; i < n; i++) {
            int q = r.nextInt(4);
            int r0 = (q / 2) * half + r.nextInt(Math.max(1, half - 2));
            int c0 = (q % 2) * half + r.nextInt(Math.max(1, half - 2));
            for (int c = 0; c < channels; c++) {
                for (int a = r0; a < Math.min(r0 + 2, size); a++) {
                    for (int b = c0; b < Math.min(c0 + 2, size); b++) {
                        x.putScalar(new long[] {i, c, a, b}, 1f);
                    }
                }
            }
            y.putScalar(i, q, 1f);
        }
        return new DataSet(x, y);
    }
}
