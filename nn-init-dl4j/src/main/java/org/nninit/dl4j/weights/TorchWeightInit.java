package org.nninit.dl4j.weights;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonAnyGetter;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nninit.FanInitializer;
import org.nninit.Initializer;

/**
 * Any nn-init {@link Initializer} as a DL4J {@link IWeightInit}: the one adapter behind every
 * {@code *Init} class of this package, and the way to use the peers' initializers in a layer builder.
 *
 * <p>What it does with DL4J's parameter: the function runs on the PyTorch tensor the parameter stands for
 * ({@link TorchLayout}: a Dense {@code W [nIn, nOut]} is PyTorch's {@code weight [out, in]}), in place, drawing
 * from the network's seeded ND4J RNG; functions that write chosen positions ({@link Initializer#structured()})
 * run on a contiguous copy, assigned back whole. Fans are PyTorch's fans of that tensor, or, with
 * {@link FanSource#DL4J} (fan-based functions only, {@link FanInitializer}), the fans DL4J passes.
 *
 * <p>JSON: the record's components are the JSON fields (enums by name, nested records as objects), plus
 * {@code fanSource} for fan-based functions, plus, for this class itself, {@code initializer} (the record's
 * class name). They are read back as strictly as the record's constructor takes them ({@link JsonFields}): a
 * NaN string, a null or missing field, an enum given by position, a fraction for an integer all fail at
 * {@code fromJson} naming the field.
 *
 * <pre>{@code
 * new DenseLayer.Builder().nIn(256).nOut(128).weightInit(new TorchWeightInit(VarianceScaling.heNormal())).build();
 * new ConvolutionLayer.Builder(3, 3).nIn(64).nOut(64).weightInit(new TorchWeightInit(new DeltaOrthogonal())).build();
 * new ConvolutionLayer.Builder(3, 3).nIn(3).nOut(64).stride(2, 2)
 *         .weightInit(new TorchWeightInit(new KaimingNormal().mode(FanMode.FAN_OUT), FanSource.DL4J)).build();
 * }</pre>
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public class TorchWeightInit implements IWeightInit {

    private final Initializer value;
    private final FanSource fanSource;

    /** PyTorch's fans. */
    public TorchWeightInit(Initializer value) {
        this(value, FanSource.TORCH);
    }

    /**
     * @throws IllegalArgumentException when an argument is null, the value is not a record (its components are
     *                                  its JSON fields), or {@link FanSource#DL4J} is asked of a function without fans
     */
    public TorchWeightInit(Initializer value, FanSource fanSource) {
        if (value == null || fanSource == null) {
            throw new IllegalArgumentException("value and fanSource must not be null, but found value=" + value
                    + ", fanSource=" + fanSource);
        }
        if (!value.getClass().isRecord()) {
            throw new IllegalArgumentException("value must be a record (its components are its JSON fields), but found "
                    + "value=" + value + " of " + value.getClass());
        }
        if (fanSource == FanSource.DL4J && !(value instanceof FanInitializer)) {
            throw new IllegalArgumentException("fanSource=DL4J needs a fan-based initializer (FanInitializer), but "
                    + "found value=" + value);
        }
        this.value = value;
        this.fanSource = fanSource;
    }

    /** The value and fan source read from JSON. */
    TorchWeightInit(TorchWeightInit decoded) {
        this(decoded.value, decoded.fanSource);
    }

    public Initializer value() {
        return value;
    }

    public FanSource fanSource() {
        return fanSource;
    }

    @Override
    public final INDArray init(double fanIn, double fanOut, long[] shape, char order, INDArray paramView) {
        INDArray view = TorchLayout.view(shape, order, fanIn, paramView);
        if (value.structured()) {
            // ND4J 1.0.0-M2.1's sub-array indexing on a view deep in the parameter buffer can come back empty or
            // misplaced; functions that index rows, columns or positions run on a fresh copy, assigned whole.
            INDArray copy = view.dup('c');
            fill(copy, fanIn, fanOut);
            view.assign(copy);
        } else {
            fill(view, fanIn, fanOut);
        }
        // DL4J keeps what init returns as the parameter: it must be this reshape of the view, not a copy
        return paramView.reshape(order, shape);
    }

    private void fill(INDArray torchView, double fanIn, double fanOut) {
        if (fanSource == FanSource.DL4J) {
            try {
                ((FanInitializer) value).fill(torchView, fanIn, fanOut, null);
            } catch (IllegalArgumentException e) {
                // the layer is not named to an IWeightInit: say where the fans came from and what to do instead
                throw new IllegalArgumentException("with FanSource.DL4J (DL4J passed fanIn=" + fanIn + ", fanOut="
                        + fanOut + "): " + e.getMessage() + "; use FanSource.TORCH for this layer", e);
            }
        } else {
            value.fill(torchView, null);
        }
    }

    /** The JSON fields: the record's components, the fan source where it matters, the record's class here. */
    @JsonAnyGetter
    Map<String, Object> jsonFields() {
        Map<String, Object> fields = new TreeMap<>(RecordJson.write((Record) value));
        if (getClass() == TorchWeightInit.class) {
            fields.put("initializer", value.getClass().getName());
        }
        if (value instanceof FanInitializer) {
            fields.put("fanSource", fanSource.name());
        }
        return fields;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static TorchWeightInit fromJson(Map<String, Object> fields) {
        return decode(RecordJson.initializerClass("initializer", fields.get("initializer")), fields);
    }

    /** A value of {@code type} and its fan source from JSON fields, checked as the constructors check them. */
    static TorchWeightInit decode(Class<? extends Initializer> type, Map<String, Object> fields) {
        Initializer value = (Initializer) RecordJson.read(type.asSubclass(Record.class), fields);
        FanSource fanSource = value instanceof FanInitializer
                ? JsonFields.constant("fanSource", fields.get("fanSource"), FanSource.class) : FanSource.TORCH;
        return new TorchWeightInit(value, fanSource);
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && value.equals(((TorchWeightInit) o).value)
                && fanSource == ((TorchWeightInit) o).fanSource;
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), value, fanSource);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + value + (value instanceof FanInitializer ? ", fanSource=" + fanSource
                : "") + ")";
    }
}
