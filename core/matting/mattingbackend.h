#pragma once

#include "util/error.h"

#include <torch/types.h>

#include <memory>
#include <string>

namespace passthrough {

// A recurrent matting network (RVM and anything with its interface). One backend instance holds
// the recurrent state of one stream of frames; it is used from one thread at a time.
class MattingBackend {
public:
    virtual ~MattingBackend() = default;

    [[nodiscard]] virtual std::string name() const = 0;
    [[nodiscard]] virtual torch::Device device() const = 0;

    // Mattes one frame of N eyes. `eyes` is N x 3 x H x W float32 RGB in [0, 1] (any device);
    // the result is N x 1 x H x W float32 alpha in [0, 1] on the CPU. The recurrent state of each
    // eye is carried to the next call.
    virtual torch::Tensor step(const torch::Tensor& eyes, double downsampleRatio) = 0;

    // Forgets the recurrent state (start of a segment, or a change of frame size).
    virtual void resetState() = 0;
};

// RVM's rule for "auto": shrink so that the longer side is about 512 px, never enlarge.
double autoDownsampleRatio(int eyeWidth, int eyeHeight);

// "auto" picks CUDA when LibTorch sees a GPU, else the CPU; throws Error(Model) for "cuda"
// without one.
torch::Device chooseDevice(const std::string& request);

// A model failure in words. Running out of memory (CUDA's allocator, the CPU allocator, or
// std::bad_alloc's "out of memory") becomes Error(OutOfMemory), which stops the whole job once
// and says what to lower; anything else is Error(Model) and concerns the segment.
Error modelFailure(const std::string& context, const std::string& what, const torch::Device& device);

// Sets LibTorch's intra-op threads to `threads` (0 = all cores). Debian's LibTorch starts with one.
void configureTorchThreads(int threads = 0);

} // namespace passthrough
