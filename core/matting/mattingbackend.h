#pragma once

#include "matting/tensor.h"
#include "util/error.h"

#include <memory>
#include <string>

namespace passthrough {

// One frame's eyes as the matting stage hands them to a backend: uint8, so that no full-size
// float copy exists on the host; the backend converts on its device only what it reads.
struct EyeBatch {
    // N x H x W x 3 uint8 RGB, each eye at its full size (any strides, any device).
    torch::Tensor rgb;
    // N x h x w x 3 uint8 RGB: each eye area-resized to the matte size the packing stores, when
    // that is smaller than the eye (fisheye alpha: D x D). Undefined: the matte is wanted at the
    // eye's own size.
    torch::Tensor guide;
    // Also compute RVM's foreground (the subject's colours with the old background taken out),
    // at the eyes' own size: only the green screen packing uses it.
    bool foreground = false;
};

// A recurrent matting network (RVM and anything with its interface). One backend instance holds
// the recurrent state of one stream of frames; it is used from one thread at a time.
class MattingBackend {
public:
    virtual ~MattingBackend() = default;

    [[nodiscard]] virtual std::string name() const = 0;
    [[nodiscard]] virtual torch::Device device() const = 0;

    // Mattes one frame of N eyes. The result is N x 1 x h x w float32 alpha in [0, 1] on the CPU,
    // at the guide's size when `eyes.guide` is given, else at the eyes' size. The recurrent state
    // of each eye is carried to the next call.
    virtual torch::Tensor step(const EyeBatch& eyes, double downsampleRatio) = 0;

    // Forgets the recurrent state (start of a segment, or a change of frame size).
    virtual void resetState() = 0;

    // The foreground of the last step() whose batch asked for it: N x 3 x H x W uint8 RGB on the
    // CPU, handed over once (the next call returns nothing). Undefined when it was not asked for.
    virtual torch::Tensor takeForeground() { return {}; }

    // Another stream of frames over the same weights, with its own recurrent state starting
    // afresh: the crops of --roi auto each have one. No weights are copied. Null when this
    // backend cannot share its weights.
    virtual std::unique_ptr<MattingBackend> newStream() { return nullptr; }
};

// N x H x W x 3 uint8 -> N x 3 x H x W float32 in [0, 1] (tests and backends that need it whole).
torch::Tensor eyesAsFloat(const torch::Tensor& rgb);
// The eyes of N x 3 x H x W float32 RGB in [0, 1] as a batch (tests and tools).
EyeBatch eyeBatchFromFloat(const torch::Tensor& eyes);

// A full-size alpha (N x 1 x H x W) area-resized to the batch's guide size when it has a guide:
// for backends that can only refine to the eyes' own size.
torch::Tensor toGuideSize(const torch::Tensor& alpha, const EyeBatch& eyes);

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
