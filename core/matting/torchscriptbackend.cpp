#include "matting/torchscriptbackend.h"

#include "util/durablefile.h"
#include "util/error.h"
#include "util/storedzip.h"

#include <torch/types.h>

#include <algorithm>
#include <fstream>

namespace passthrough {

TorchScriptBackend::TorchScriptBackend(const std::filesystem::path& modelFile, torch::Device device)
    : m_device(device)
{
    try {
        m_module = torch::jit::load(modelFile.string(), device);
    } catch (const c10::Error& e) {
        throw Error(ErrorKind::Model,
            "cannot load the TorchScript model " + modelFile.string() + ": " + e.what_without_backtrace());
    }
    m_module.eval();
}

TorchScriptBackend::TorchScriptBackend(torch::jit::Module module, torch::Device device)
    : m_module(std::move(module))
    , m_device(device)
{
    m_module.to(device);
    m_module.eval();
}

torch::Tensor TorchScriptBackend::step(const EyeBatch& eyes, double downsampleRatio)
{
    torch::NoGradGuard noGrad;
    std::vector<torch::jit::IValue> inputs;
    // A TorchScript export refines inside its own graph, always to the input's size: it gets the
    // whole eyes in float, and its matte is shrunk afterwards when a smaller one is asked for.
    inputs.emplace_back(eyesAsFloat(eyes.rgb.to(m_device)));
    for (const auto& state : m_state) {
        inputs.emplace_back(state ? torch::jit::IValue(*state) : torch::jit::IValue());
    }
    inputs.emplace_back(downsampleRatio);
    torch::jit::IValue output;
    try {
        output = m_module.forward(inputs);
    } catch (const c10::Error& e) {
        throw modelFailure("the TorchScript model failed", e.what_without_backtrace(), m_device);
    } catch (const std::bad_alloc&) {
        throw modelFailure("the TorchScript model failed", "out of memory", m_device);
    }
    const auto& elements = output.toTupleRef().elements();
    if (elements.size() != 6) {
        throw Error(ErrorKind::Model,
            "the TorchScript model returned " + std::to_string(elements.size())
                + " values; RVM's interface returns 6 (fgr, pha, r1, r2, r3, r4)");
    }
    for (std::size_t i = 0; i < 4; ++i) {
        // Recurrent state stays float32: half-precision state drifts over long runs.
        m_state[i] = elements[i + 2].toTensor().to(torch::kFloat32);
    }
    if (eyes.foreground) {
        m_foreground = elements[0]
                           .toTensor()
                           .to(torch::kFloat32)
                           .clamp(0.0, 1.0)
                           .mul(255.0)
                           .round()
                           .to(torch::kUInt8)
                           .cpu();
    }
    return toGuideSize(elements[1].toTensor().to(torch::kFloat32).clamp(0.0, 1.0), eyes).to(torch::kCPU);
}

void TorchScriptBackend::resetState()
{
    m_state = {};
}

std::unique_ptr<MattingBackend> makeTorchScriptBackend(
    const std::filesystem::path& modelFile, torch::Device device)
{
    return std::make_unique<TorchScriptBackend>(modelFile, device);
}

bool isTorchScriptFile(const std::filesystem::path& file)
{
    // TorchScript archives hold `<name>/code/...` records; a state dict saved with torch.save
    // holds data.pkl and data/ only. The zip's own record list says which, wherever in the file
    // the records lie (torch.jit.save writes the weights first).
    {
        std::ifstream in(file, std::ios::binary);
        char magic[2] = {};
        in.read(magic, 2);
        if (magic[0] != 'P' || magic[1] != 'K') {
            return false;
        }
    }
    try {
        const StoredZip archive(readWholeFile(file), file.string());
        return std::any_of(archive.names().begin(), archive.names().end(),
            [](const std::string& record) { return record.find("/code/") != std::string::npos; });
    } catch (const Error&) {
        return false; // not an archive we can read: the state-dict reader says why
    }
}

} // namespace passthrough
