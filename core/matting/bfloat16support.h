#pragma once

#include <string>

namespace passthrough {

// Whether this processor computes bfloat16 in hardware, as LibTorch's CPU convolutions (oneDNN)
// would run it. Where it does not, LibTorch still accepts bfloat16 but emulates it: measured 25
// times slower than float32 on an AMD EPYC with AVX2 and no AVX-512, and up to 57/255 off in the
// alpha. Reduced precision on the CPU is worth having only where the hardware has it.
struct Bfloat16Support {
    bool native = false;
    std::string reason; // what decided it, in words for a message or a table row
};

// Native means: the processor says AVX512_BF16 or AMX_BF16 (CPUID leaf 7, the bits Linux prints
// as avx512_bf16 and amx_bf16 in /proc/cpuinfo and oneDNN dispatches its bfloat16 kernels on),
// the operating system saves the registers they use (XCR0, read with XGETBV: without it the
// instructions fault), and LibTorch has oneDNN built in and enabled. PTS_CPU_BF16=off forces the
// answer to "not native", to show the path of a processor without it on one that has it.
[[nodiscard]] Bfloat16Support cpuBfloat16Support();

} // namespace passthrough
