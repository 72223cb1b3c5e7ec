package org.nninit.random;

/**
 * The normal samples a PyTorch CPU generator carries between calls: {@code normal_distribution<double>}'s second
 * Box–Muller value, and the float one its state also has room for (PyTorch's CPU kernels never set it; it
 * travels through {@code get_state}/{@code set_state} unchanged).
 */
final class NormalCache {

    boolean hasDouble;
    double nextDouble;
    boolean hasFloat;
    float nextFloat;

    void clear() {
        hasDouble = false;
        nextDouble = 0;
        hasFloat = false;
        nextFloat = 0;
    }

    void copyFrom(NormalCache other) {
        hasDouble = other.hasDouble;
        nextDouble = other.nextDouble;
        hasFloat = other.hasFloat;
        nextFloat = other.nextFloat;
    }
}
