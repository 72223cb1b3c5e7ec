package org.nninit.bench;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.Init;
import org.nninit.TruncNormalMethod;
import org.nninit.random.TorchGenerator;
import org.nninit.random.TorchVersion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The PyTorch-exact generator filling a float 4096x4096 array, next to ND4J's native ops on the same array.
 * Throughput in fills per millisecond: {@link BenchMain} prints every benchmark whose name starts with
 * "values" as millions of values per second. The two {@code trunc_normal_} benchmarks are PyTorch 2.12's
 * rejection rounds on PyTorch's stream (a 2.12 generator), to be read against {@code valuesTorchNormal} of the same
 * run: timm's default call (std 0.02 on [-2, 2], bounds 100 std out) and the ViT-style [-2σ, 2σ].
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TorchGeneratorBenchmark {

    private INDArray weight;
    private TorchGenerator generator;
    private TorchGenerator generator212;

    @Setup
    public void allocate() {
        Nd4j.getRandom().setSeed(42);
        weight = Nd4j.create(DataType.FLOAT, FillBenchmark.SIZE, FillBenchmark.SIZE);
        generator = new TorchGenerator(42);
        generator212 = new TorchGenerator(42, TorchVersion.V2_12);
    }

    @Benchmark
    public INDArray valuesTorchUniform() {
        generator.fillUniform(weight, -0.1, 0.1);
        return weight;
    }

    @Benchmark
    public INDArray valuesTorchNormal() {
        generator.fillNormal(weight, 0, 0.02);
        return weight;
    }

    @Benchmark
    public INDArray valuesTorch212TruncNormalWide() {
        return Init.truncNormal(weight, 0, 0.02, -2, 2, TruncNormalMethod.REJECTION, generator212);
    }

    @Benchmark
    public INDArray valuesTorch212TruncNormalTwoSigma() {
        return Init.truncNormal(weight, 0, 0.02, -0.04, 0.04, TruncNormalMethod.REJECTION, generator212);
    }

    @Benchmark
    public INDArray valuesNd4jUniform() {
        return Nd4j.getExecutioner().exec(new UniformDistribution(weight, -0.1, 0.1), Nd4j.getRandom());
    }

    @Benchmark
    public INDArray valuesNd4jGaussian() {
        return Nd4j.getExecutioner().exec(new GaussianDistribution(weight, 0, 0.02), Nd4j.getRandom());
    }
}
