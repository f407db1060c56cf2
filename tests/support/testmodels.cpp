#include "support/testmodels.h"

#include <string>

namespace passthrough {

torch::jit::Module makeRecurrentTestModel(double memory)
{
    torch::jit::Module module("RecurrentTestModel");
    module.register_attribute("memory", c10::FloatType::get(), memory);
    module.define(R"JIT(
def forward(self, src: Tensor, r1: Optional[Tensor] = None, r2: Optional[Tensor] = None,
            r3: Optional[Tensor] = None, r4: Optional[Tensor] = None, downsample_ratio: float = 1.0):
    luma = src.mean(dim=1, keepdim=True)
    state = torch.zeros_like(luma)
    if r1 is not None:
        state = r1
    state = self.memory * state + (1.0 - self.memory) * luma
    pha = torch.clamp((state - 0.25) * 3.0, 0.0, 1.0)
    return src, pha, state, state, state, state
)JIT");
    return module;
}

} // namespace passthrough
