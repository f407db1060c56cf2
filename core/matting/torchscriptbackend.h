#pragma once

#include "matting/backendmakers.h"
#include "matting/mattingbackend.h"

#include <torch/script.h>

#include <filesystem>
#include <optional>
#include <utility>

namespace passthrough {

// Runs any TorchScript module with RVM's forward signature:
//   forward(src, r1, r2, r3, r4, downsample_ratio) -> (fgr, pha, r1, r2, r3, r4)
// where r1..r4 are None on the first frame. Official RVM `.torchscript` exports have it.
class TorchScriptBackend final : public MattingBackend {
public:
    TorchScriptBackend(const std::filesystem::path& modelFile, torch::Device device);
    TorchScriptBackend(torch::jit::Module module, torch::Device device);

    [[nodiscard]] std::string name() const override { return "torchscript"; }
    [[nodiscard]] torch::Device device() const override { return m_device; }
    torch::Tensor step(const EyeBatch& eyes, double downsampleRatio) override;
    void resetState() override;
    torch::Tensor takeForeground() override { return std::exchange(m_foreground, {}); }
    std::unique_ptr<MattingBackend> newStream() override
    {
        return std::make_unique<TorchScriptBackend>(m_module, m_device); // a module's copy shares it
    }

private:
    torch::jit::Module m_module;
    torch::Device m_device;
    std::array<std::optional<torch::Tensor>, 4> m_state;
    torch::Tensor m_foreground; // of the last step that asked for it
};

} // namespace passthrough
