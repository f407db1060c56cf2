#include "matting/rvm/statedict.h"

#include "matting/rvm/pickledstatedict.h"
#include "util/durablefile.h"
#include "util/error.h"
#include "util/storedzip.h"

#include <torch/types.h>

#include <cstring>

namespace passthrough::rvm {
namespace {

// RVM's ResNet50 weights are about 100 MB; four times that is no model of ours.
constexpr std::uintmax_t kMaxModelBytes = std::uintmax_t(400) << 20;

torch::ScalarType scalarType(StorageType type)
{
    switch (type) {
    case StorageType::Float32:
        return torch::kFloat32;
    case StorageType::Float64:
        return torch::kFloat64;
    case StorageType::Float16:
        return torch::kFloat16;
    case StorageType::BFloat16:
        return torch::kBFloat16;
    case StorageType::Int64:
        return torch::kInt64;
    case StorageType::Int32:
        return torch::kInt32;
    case StorageType::UInt8:
        return torch::kUInt8;
    case StorageType::Bool:
        return torch::kBool;
    }
    return torch::kFloat32;
}

// A record's view copied into a tensor of its own (the storage's bytes may sit at any alignment
// in the file; the copy is aligned).
torch::Tensor toTensor(const TensorRecord& record)
{
    const torch::ScalarType type = scalarType(record.type);
    torch::Tensor flat = torch::empty({ std::int64_t(record.data.size() / elementSize(record.type)) }, type);
    if (!record.data.empty()) {
        std::memcpy(flat.data_ptr(), record.data.data(), record.data.size());
    }
    return flat.as_strided(record.sizes, record.strides, record.offset).clone();
}

} // namespace

StateDict parseStateDict(std::string bytes, const std::string& origin)
{
    if (bytes.size() < 2 || bytes[0] != 'P' || bytes[1] != 'K') {
        throw Error(ErrorKind::Model,
            "cannot read the model " + origin
                + ": it is not a PyTorch .pth file (not a torch.save zip archive; legacy pre-1.6 files "
                  "are not supported)");
    }
    const StoredZip archive(std::move(bytes), origin);
    StateDict result;
    try {
        for (const TensorRecord& record : readPickledStateDict(archive, origin)) {
            result[record.name] = toTensor(record);
        }
    } catch (const c10::Error& e) {
        throw Error(ErrorKind::Model,
            "cannot read the model " + origin + ": a tensor record is damaged (" + e.what_without_backtrace()
                + ")");
    }
    return result;
}

StateDict loadStateDict(const std::filesystem::path& file)
{
    const std::string name = file.string();
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        throw Error(ErrorKind::Model, "cannot open the model " + name + ": no such file");
    }
    if (std::filesystem::file_size(file, ec) > kMaxModelBytes) {
        throw Error(ErrorKind::Model, "cannot read the model " + name + ": it is larger than any RVM model");
    }
    return parseStateDict(readWholeFile(file), name);
}

} // namespace passthrough::rvm
