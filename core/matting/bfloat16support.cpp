#include "matting/bfloat16support.h"

#include <ATen/Context.h>

#include <cstdlib>
#include <cstring>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace passthrough {
namespace {

struct ProcessorBfloat16 {
    bool avx512 = false; // AVX512_BF16 usable
    bool amx = false; // AMX_BF16 usable
    std::string missing; // why neither, when neither
};

#if defined(__x86_64__) || defined(__i386__)
unsigned long long extendedControlRegister()
{
    // XGETBV with ECX = 0 reads XCR0, the register state the operating system saves on a switch.
    unsigned eax = 0;
    unsigned edx = 0;
    __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
    return (static_cast<unsigned long long>(edx) << 32) | eax;
}

ProcessorBfloat16 readProcessor()
{
    ProcessorBfloat16 p;
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE)) {
        p.missing = "the operating system does not enable extended register state (no OSXSAVE)";
        return p;
    }
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        p.missing = "the processor reports no extended features (CPUID leaf 7)";
        return p;
    }
    const unsigned subleaves = a;
    const bool amxBf16 = d & (1u << 22); // CPUID.(7,0):EDX[22]
    bool avx512Bf16 = false;
    if (subleaves >= 1) {
        __get_cpuid_count(7, 1, &a, &b, &c, &d);
        avx512Bf16 = a & (1u << 5); // CPUID.(7,1):EAX[5]
    }
    const unsigned long long xcr0 = extendedControlRegister();
    // AVX-512 needs the SSE, AVX, opmask and both ZMM state components (XCR0 bits 1, 2, 5, 6, 7);
    // AMX needs the tile configuration and tile data components (bits 17, 18).
    const bool osAvx512 = (xcr0 & 0xe6) == 0xe6;
    const bool osAmx = (xcr0 & (3ull << 17)) == (3ull << 17);
    p.avx512 = avx512Bf16 && osAvx512;
    p.amx = amxBf16 && osAmx;
    if (!p.avx512 && !p.amx) {
        p.missing = avx512Bf16 || amxBf16 ? "the processor has AVX512_BF16/AMX_BF16 but the operating system "
                                            "does not enable their registers"
                                          : "the processor has neither AVX512_BF16 nor AMX_BF16";
    }
    return p;
}
#else
ProcessorBfloat16 readProcessor()
{
    return { false, false, "not an x86-64 processor (only AVX512_BF16 and AMX_BF16 are recognised)" };
}
#endif

} // namespace

Bfloat16Support cpuBfloat16Support()
{
    const char* forced = std::getenv("PTS_CPU_BF16");
    if (forced && std::strcmp(forced, "off") == 0) {
        return { false, "native bfloat16 forced off (PTS_CPU_BF16=off)" };
    }
    if (!at::hasMKLDNN() || !at::globalContext().userEnabledMkldnn()) {
        return { false,
            "LibTorch's oneDNN, which runs bfloat16 in hardware, is not built in or is disabled" };
    }
    const ProcessorBfloat16 p = readProcessor();
    if (!p.avx512 && !p.amx) {
        return { false, p.missing };
    }
    return { true, p.avx512 && p.amx ? "AVX512_BF16 and AMX_BF16" : p.avx512 ? "AVX512_BF16" : "AMX_BF16" };
}

} // namespace passthrough
