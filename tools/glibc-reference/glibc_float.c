/* Writes glibc's logf, sinf, cosf, expf, erff (and log, log1p, sin, cos) on the domains nn-init's kernels use, as little-endian floats,
   one file per domain (see generate.py). Built with -fno-builtin so that every call reaches libm. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static float from_bits(uint32_t b) { float f; memcpy(&f, &b, 4); return f; }

static void emit(FILE *out, float v) { fwrite(&v, 4, 1, out); }
static void emit_double(FILE *out, double v) { fwrite(&v, 8, 1, out); }

/* The i-th of 2^20 double uniforms in [0, 1): 53 bits of a Weyl sequence, the same in GlibcDoubleTest. */
static double weyl(uint64_t i) { return (double) ((i * 0x9E3779B97F4A7C15ull) >> 11) * 0x1p-53; }

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: glibc_float DOMAIN > out.bin\n"); return 2; }
    const char *d = argv[1];
    FILE *out = stdout;
    if (!strcmp(d, "logf-unit")) {           /* log(k 2^-24), k = 1 .. 2^24: every u1 of a float draw */
        for (uint32_t k = 1; k <= (1u << 24); k++) emit(out, logf((float) k * 0x1p-24f));
    } else if (!strcmp(d, "sinf-theta") || !strcmp(d, "cosf-theta")) {  /* theta = (float)(2pi k 2^-24) */
        int sine = d[0] == 's';
        for (uint32_t k = 0; k < (1u << 24); k++) {
            float t = (float) (2.0 * 3.14159265358979323846 * ((double) k * 0x1p-24));
            emit(out, sine ? sinf(t) : cosf(t));
        }
    } else if (!strcmp(d, "expf-neg")) {     /* every 64th float in [-40, 0] */
        for (uint32_t b = 0x80000000u; b <= 0xc2200000u; b += 64) emit(out, expf(from_bits(b)));
    } else if (!strcmp(d, "erff-all")) {     /* every 64th float in [-6, 6] */
        for (uint32_t b = 0; b <= 0x40c00000u; b += 64) { emit(out, erff(from_bits(b))); emit(out, erff(-from_bits(b))); }
    } else if (!strcmp(d, "log-unit53")) {   /* the block kernel: log(1 - u) */
        for (uint64_t i = 0; i < (1u << 20); i++) emit_double(out, log(1.0 - weyl(i)));
    } else if (!strcmp(d, "log1p-unit53")) { /* the per-element kernel from 2.0: log1p(-u) */
        for (uint64_t i = 0; i < (1u << 20); i++) emit_double(out, log1p(-weyl(i)));
    } else if (!strcmp(d, "sin-theta53") || !strcmp(d, "cos-theta53")) {  /* theta = 2pi u */
        int sine = d[0] == 's';
        for (uint64_t i = 0; i < (1u << 20); i++) {
            double t = 2.0 * 3.14159265358979323846 * weyl(i);
            emit_double(out, sine ? sin(t) : cos(t));
        }
    } else { fprintf(stderr, "unknown domain %s\n", d); return 2; }
    return 0;
}
