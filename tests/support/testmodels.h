#pragma once

#include <torch/script.h>

namespace passthrough {

// A tiny TorchScript module with RVM's forward signature whose matte depends on its recurrent
// state: the state is an exponential moving average of each pixel's brightness (factor `memory`
// per frame) and alpha is that average stretched around mid-grey. Tests use it to prove that
// state is carried, reset and warmed up correctly without depending on real weights.
torch::jit::Module makeRecurrentTestModel(double memory = 0.8);

} // namespace passthrough
