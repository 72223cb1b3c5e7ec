package org.nninit.bench;

import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.Init;
import org.nninit.random.TorchGenerator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost curve from 1M to 1B float parameters: time per element should stay flat (linear cost), and the heap
 * allocated per fill (JMH's gc profiler) bounded, whatever the size. Single shots; {@link BenchMain} prints
 * nanoseconds per element for each size. The 1B case needs about 4 GB of native memory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ScaleBenchmark {

    @Param({"1000000", "16000000", "128000000", "1000000000"})
    public long elements;

    private INDArray weight;
    private TorchGenerator generator;

    @Setup
    public void allocate() {
        weight = Nd4j.create(DataType.FLOAT, elements);
        generator = new TorchGenerator(0);
    }

    @Benchmark
    public INDArray scaleTorchUniform() {
        generator.fillUniform(weight, -0.1, 0.1);
        return weight;
    }

    @Benchmark
    public INDArray scaleTorchNormal() {
        generator.fillNormal(weight, 0, 0.02);
        return weight;
    }

    @Benchmark
    public INDArray scaleTruncNormal() {
        return Init.truncNormal(weight, 0, 0.02, -0.04, 0.04);
    }

    @Benchmark
    public INDArray scaleKaimingNormal() {
        return Init.kaimingNormal(weight.reshape(elements / 1000, 1000));
    }
}
