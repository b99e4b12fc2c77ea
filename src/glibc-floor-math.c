/* The glibc floor of the native satchel CLI (src/GlibcFloor.targets, docs/launcher.md#the-glibc-floor).
 *
 * glibc 2.27 and 2.29 gave these libm functions a new symbol version (the same functions without the
 * SVID error handling: errno and matherr), and a program linked against a newer glibc imports the new
 * one, so it would not start on glibc 2.17-2.28. The link wraps each (-Wl,--wrap=NAME sends the
 * program's calls to __wrap_NAME), and each wrapper calls the oldest version, bound here with .symver:
 * the results are the same; only errno may be set, which .NET never reads after these calls. */

#if defined(__x86_64__)
#define GLIBC_BASE "GLIBC_2.2.5"
#elif defined(__aarch64__)
#define GLIBC_BASE "GLIBC_2.17"
#else
#error "glibc-floor-math.c knows the base glibc version of x86_64 and aarch64 only"
#endif

#define COMPAT(type, name, params, args)                                  \
    type satchel_compat_##name params;                                    \
    __asm__(".symver satchel_compat_" #name "," #name "@" GLIBC_BASE);    \
    type __wrap_##name params;                                            \
    type __wrap_##name params { return satchel_compat_##name args; }

COMPAT(double, exp, (double x), (x))
COMPAT(double, exp2, (double x), (x))
COMPAT(double, log, (double x), (x))
COMPAT(double, log2, (double x), (x))
COMPAT(double, pow, (double x, double y), (x, y))
COMPAT(float, expf, (float x), (x))
COMPAT(float, exp2f, (float x), (x))
COMPAT(float, logf, (float x), (x))
COMPAT(float, log2f, (float x), (x))
COMPAT(float, powf, (float x, float y), (x, y))
