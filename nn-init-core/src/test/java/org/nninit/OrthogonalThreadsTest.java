package org.nninit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code orthogonal_}'s values do not depend on the BLAS thread count: the same seed in JVMs whose OpenBLAS runs
 * 1, 2 and 4 threads (set both through {@code OMP_NUM_THREADS}/{@code OPENBLAS_NUM_THREADS} and ND4J's
 * {@code setMaxThreads}) gives the same bytes. Separate JVMs, because the thread pool is fixed at start-up.
 */
class OrthogonalThreadsTest {

    private static List<String> run(int threads) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                OrthogonalThreadsMain.class.getName(), Integer.toString(threads));
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        pb.redirectErrorStream(true);
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        List<String> hashes = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.startsWith("sha ")) {
                hashes.add(line);
            }
        }
        assertThat(hashes).as(out).hasSize(2);
        return hashes;
    }

    @Test
    void sameValuesWithOneTwoAndFourBlasThreads() throws Exception {
        List<String> one = run(1);
        assertThat(run(2)).isEqualTo(one);
        assertThat(run(4)).isEqualTo(one);
    }
}
