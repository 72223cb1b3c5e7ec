package org.nninit.bench;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.Init;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@code Init.orthogonal} against the LAPACK call it rests on. The baseline copies a pre-drawn normal matrix
 * into column-major order and runs {@code geqrf} on it (the copy is needed because geqrf overwrites its input).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class OrthogonalBenchmark {

    @Param({"256", "1024", "2048"})
    public int size;

    private INDArray gaussian;
    private INDArray r;
    private INDArray weight;

    @Setup
    public void allocate() {
        Nd4j.getRandom().setSeed(42);
        gaussian = Nd4j.randn(DataType.FLOAT, size, size);
        r = Nd4j.create(DataType.FLOAT, new long[] {size, size}, 'f');
        weight = Nd4j.create(DataType.FLOAT, size, size);
    }

    @Benchmark
    public INDArray rawGeqrf() {
        INDArray a = gaussian.dup('f');
        Nd4j.getBlasWrapper().lapack().geqrf(a, r);
        return a;
    }

    @Benchmark
    public INDArray orthogonal() {
        return Init.orthogonal(weight);
    }
}
