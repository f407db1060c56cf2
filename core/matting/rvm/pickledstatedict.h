#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace passthrough {
class StoredZip;
}

namespace passthrough::rvm {

enum class StorageType { Float32, Float64, Float16, BFloat16, Int64, Int32, UInt8, Bool };
std::size_t elementSize(StorageType type);

// One tensor of a torch.save state dict as the pickle describes it: a strided view (sizes,
// strides, offset in elements) into a storage record's bytes. The view is checked to lie inside
// the storage before it is returned.
struct TensorRecord {
    std::string name;
    StorageType type = StorageType::Float32;
    std::string storageKey;
    std::string_view data; // the storage's bytes, inside the archive (which must outlive this)
    std::int64_t offset = 0;
    std::vector<std::int64_t> sizes;
    std::vector<std::int64_t> strides;
};

// Interprets the small subset of the pickle protocol (2, and the few protocol 4 opcodes) that
// torch.save writes for a (collections.Ordered)Dict of tensors, without LibTorch (whose
// pickle_load cannot rebuild an OrderedDict). Every size, index and type is checked: model
// files come from downloads and users' disks. Throws Error(Model) naming `origin`.
std::vector<TensorRecord> readPickledStateDict(const StoredZip& archive, const std::string& origin);

} // namespace passthrough::rvm
