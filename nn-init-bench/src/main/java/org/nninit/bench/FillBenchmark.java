package org.nninit.bench;

import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitNormal;
import org.deeplearning4j.nn.weights.WeightInitRelu;
import org.deeplearning4j.nn.weights.WeightInitReluUniform;
import org.deeplearning4j.nn.weights.WeightInitUniform;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.deeplearning4j.nn.weights.WeightInitXavierUniform;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.random.impl.GaussianDistribution;
import org.nd4j.linalg.api.ops.random.impl.UniformDistribution;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.FanMode;
import org.nninit.Init;
import org.nninit.Nonlinearity;
import org.nninit.TruncNormalMethod;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Every {@code Init} function on a 4096x4096 float array (16.8M values), next to its baselines: the raw ND4J
 * random op it rests on, DL4J's built-in equivalent (called as DL4J calls it, on a rank-1 parameter view), and
 * a plain memory fill (the write-bandwidth ceiling). {@link BenchMain} turns the scores into ratios.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FillBenchmark {

    static final int SIZE = 4096;
    private static final long[] SHAPE = {SIZE, SIZE};

    private INDArray weight;
    private INDArray paramView;

    @Setup
    public void allocate() {
        Nd4j.getRandom().setSeed(42);
        weight = Nd4j.create(DataType.FLOAT, SHAPE);
        // DL4J passes a rank-1 view of the flat parameter vector; give the built-ins the same.
        paramView = Nd4j.create(DataType.FLOAT, (long) SIZE * SIZE);
    }

    // ---- baselines

    @Benchmark
    public INDArray memoryFill() {
        return weight.assign(0.5);
    }

    @Benchmark
    public INDArray nd4jUniform() {
        return Nd4j.getExecutioner().exec(new UniformDistribution(weight, -0.1, 0.1), Nd4j.getRandom());
    }

    @Benchmark
    public INDArray nd4jGaussian() {
        return Nd4j.getExecutioner().exec(new GaussianDistribution(weight, 0, 0.02), Nd4j.getRandom());
    }

    private INDArray dl4j(IWeightInit init) {
        return init.init(SIZE, SIZE, SHAPE, 'f', paramView);
    }

    @Benchmark
    public INDArray dl4jUniform() {
        return dl4j(new WeightInitUniform());
    }

    @Benchmark
    public INDArray dl4jNormal() {
        return dl4j(new WeightInitNormal());
    }

    @Benchmark
    public INDArray dl4jXavierUniform() {
        return dl4j(new WeightInitXavierUniform());
    }

    @Benchmark
    public INDArray dl4jXavier() {
        return dl4j(new WeightInitXavier());
    }

    @Benchmark
    public INDArray dl4jReluUniform() {
        return dl4j(new WeightInitReluUniform());
    }

    @Benchmark
    public INDArray dl4jRelu() {
        return dl4j(new WeightInitRelu());
    }

    // ---- nn-init

    @Benchmark
    public INDArray uniform() {
        return Init.uniform(weight, -0.1, 0.1);
    }

    @Benchmark
    public INDArray normal() {
        return Init.normal(weight, 0, 0.02);
    }

    @Benchmark
    public INDArray truncNormalRejection() {
        return Init.truncNormal(weight, 0, 0.02, -0.04, 0.04, TruncNormalMethod.REJECTION, null);
    }

    @Benchmark
    public INDArray truncNormalInverseCdf() {
        return Init.truncNormal(weight, 0, 0.02, -0.04, 0.04, TruncNormalMethod.INVERSE_CDF, null);
    }

    @Benchmark
    public INDArray constant() {
        return Init.constant(weight, 0.5);
    }

    @Benchmark
    public INDArray eye() {
        return Init.eye(weight);
    }

    @Benchmark
    public INDArray xavierUniform() {
        return Init.xavierUniform(weight);
    }

    @Benchmark
    public INDArray xavierNormal() {
        return Init.xavierNormal(weight);
    }

    @Benchmark
    public INDArray kaimingUniform() {
        return Init.kaimingUniform(weight, 0, FanMode.FAN_IN, Nonlinearity.RELU);
    }

    @Benchmark
    public INDArray kaimingNormal() {
        return Init.kaimingNormal(weight, 0, FanMode.FAN_IN, Nonlinearity.RELU);
    }

    @Benchmark
    public INDArray sparse() {
        return Init.sparse(weight, 0.1);
    }
}
