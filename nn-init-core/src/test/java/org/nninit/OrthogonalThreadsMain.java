package org.nninit;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nninit.random.TorchGenerator;

/**
 * Run in a child JVM by {@link OrthogonalThreadsTest}: BLAS set to {@code args[0]} threads, then the SHA-256 of
 * {@code orthogonal_} on a FLOAT 256x384 and a DOUBLE 300x200 array, one line each.
 */
public final class OrthogonalThreadsMain {

    private OrthogonalThreadsMain() {
    }

    public static void main(String[] args) throws Exception {
        Nd4j.factory().blas().setMaxThreads(Integer.parseInt(args[0]));
        for (INDArray t : new INDArray[] {Nd4j.create(DataType.FLOAT, 256, 384), Nd4j.create(DataType.DOUBLE, 300, 200)}) {
            Init.orthogonal(t, 1.0, new TorchGenerator(0));
            double[] v = t.dup('c').castTo(DataType.DOUBLE).data().asDouble();
            ByteBuffer bytes = ByteBuffer.allocate(8 * v.length);
            for (double d : v) {
                bytes.putDouble(d);
            }
            System.out.println("sha " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array())));
        }
    }
}
