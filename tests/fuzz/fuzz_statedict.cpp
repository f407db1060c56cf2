// libFuzzer target: the .pth reader (zip records, pickle, tensor views) on arbitrary bytes, as
// parseStateDict reads them before LibTorch copies the checked views into tensors. It may
// refuse an input with passthrough::Error; any other exception, a crash, a leak or undefined
// behaviour is a finding.
#include "matting/rvm/pickledstatedict.h"
#include "util/error.h"
#include "util/storedzip.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        // CRCs are not checked here: a mutated pickle would otherwise never get past them.
        const passthrough::StoredZip archive(std::string(reinterpret_cast<const char*>(data), size),
            "fuzz.pth", passthrough::StoredZip::Crc::Skip);
        unsigned sum = 0;
        for (const auto& tensor : passthrough::rvm::readPickledStateDict(archive, "fuzz.pth")) {
            // Every element the view reaches must lie inside the storage: read each one.
            const std::size_t element = passthrough::rvm::elementSize(tensor.type);
            std::int64_t count = 1;
            for (std::int64_t s : tensor.sizes) {
                count *= s;
            }
            for (std::int64_t i = 0; i < count && i < 4096; ++i) {
                std::int64_t index = tensor.offset;
                std::int64_t rest = i;
                for (std::size_t d = tensor.sizes.size(); d-- > 0;) {
                    index += (rest % tensor.sizes[d]) * tensor.strides[d];
                    rest /= tensor.sizes[d];
                }
                sum += static_cast<unsigned char>(tensor.data.at(std::size_t(index) * element + element - 1));
            }
        }
        (void)sum;
    } catch (const passthrough::Error&) {
    }
    return 0;
}
