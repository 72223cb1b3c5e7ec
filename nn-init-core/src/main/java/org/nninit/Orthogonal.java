package org.nninit;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.random.Generator;

/**
 * {@code torch.nn.init.orthogonal_(t, gain=1)}: a (semi-)orthogonal matrix (Saxe et al., 2013) scaled by
 * {@code gain}. The array is viewed as {@code [rows, cols] = [size(0), numel / size(0)]} (PyTorch's
 * flattening); a normal(0, 1) draw on that shape goes through LAPACK's QR ({@code geqrf}), transposed first
 * when {@code rows < cols}, and Q's columns are multiplied by the signs of R's diagonal so that Q is
 * Haar-distributed. Then {@code W W^T = gain^2 I} (rows &lt;= cols) or {@code W^T W = gain^2 I}
 * (rows &gt;= cols). Keras's {@code Orthogonal(gain)} (rows = all but the last axis) and JAX's
 * {@code orthogonal(scale, column_axis)} are {@link ColumnOrthogonal}.
 *
 * <pre>{@code
 * new Orthogonal().fill(recurrentWeight);            // nn.init.orthogonal_(w)
 * new Orthogonal(Math.sqrt(2)).fill(w, new TorchGenerator(0));
 * }</pre>
 *
 * @param gain the scale, finite (negative flips every sign, as in PyTorch)
 */
public record Orthogonal(double gain) implements Initializer {

    /** Serialises the BLAS thread-count change below: the setting is global to the process. */
    private static final Object BLAS_THREADS = new Object();

    /** @throws IllegalArgumentException when gain is not finite */
    public Orthogonal {
        Checks.requireFinite("gain", gain);
    }

    /** Gain 1, PyTorch's default. */
    public Orthogonal() {
        this(1.0);
    }

    public Orthogonal gain(double gain) {
        return new Orthogonal(gain);
    }

    /** @throws IllegalArgumentException when the array has fewer than 2 dimensions */
    @Override
    public INDArray fill(INDArray tensor, Generator generator) {
        Checks.requireFloating(tensor);
        if (tensor.rank() < 2) {
            throw new IllegalArgumentException("Only tensors with 2 or more dimensions are supported (tensor rank "
                    + tensor.rank() + ", shape " + Arrays.toString(tensor.shape()) + ")");
        }
        if (tensor.isEmpty()) {
            return tensor;
        }
        long rows = tensor.size(0);
        long cols = tensor.length() / rows;
        DataType computeType = tensor.dataType() == DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
        INDArray result = matrix(rows, cols, computeType, gain, generator);
        // A matrix takes Q with one strided copy; higher ranks go through a row-major reshape first.
        tensor.assign(tensor.rank() == 2 ? result : result.reshape('c', tensor.shape()));
        return tensor;
    }

    /**
     * A Haar-distributed {@code [rows, cols]} matrix with orthonormal rows or columns (whichever are fewer),
     * times {@code gain}, from a normal draw on a row-major {@code [rows, cols]} buffer.
     */
    static INDArray matrix(long rows, long cols, DataType computeType, double gain, Generator generator) {
        boolean transposed = rows < cols;
        // LAPACK works in column-major order on a tall matrix: q starts as the input and ends as Q. A wide matrix
        // drawn row-major is its tall transpose in column-major order already; a tall one needs a transposing copy.
        INDArray flattened = Nd4j.create(computeType, new long[] {rows, cols}, 'c');
        Generator.orGlobal(generator).fillNormal(flattened, 0, 1);
        INDArray q = transposed ? flattened.transpose() : flattened.dup('f');
        long n = q.columns();
        INDArray r = Nd4j.create(computeType, new long[] {n, n}, 'f');
        factorize(q, r);
        INDArray columnScale = Nd4j.create(computeType, 1, n);
        for (long i = 0; i < n; i++) {
            columnScale.putScalar(i, Math.signum(r.getDouble(i, i)) * gain);
        }
        q.muliRowVector(columnScale);
        return transposed ? q.transpose() : q;
    }

    /**
     * LAPACK's QR on one BLAS thread: OpenBLAS splits its blocked updates across threads, and the rounding then
     * depends on the thread count (measured: 85% of a 256x384 float Q differed between 1 and 2 threads). The
     * previous thread count is restored afterwards.
     */
    private static void factorize(INDArray q, INDArray r) {
        if (!Nd4j.getEnvironment().isCPU()) {
            Nd4j.getBlasWrapper().lapack().geqrf(q, r);
            return;
        }
        synchronized (BLAS_THREADS) {
            org.nd4j.linalg.api.blas.Blas blas = Nd4j.factory().blas();
            int threads = blas.getMaxThreads();
            blas.setMaxThreads(1);
            try {
                Nd4j.getBlasWrapper().lapack().geqrf(q, r);
            } finally {
                blas.setMaxThreads(threads);
            }
        }
    }

    @Override
    public boolean elementwise() {
        return false;
    }

    @Override
    public boolean structured() {
        return true;
    }
}
