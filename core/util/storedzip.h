#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace passthrough {

// Reads a zip archive of stored (uncompressed) records held in memory, as torch.save and
// torch.jit.save write them, with every size and offset checked against the bytes there are and
// every stored record's CRC-32 verified; compressed records are listed, not read. Model files come from
// downloads and users' disks, so they are read by this small bounded reader rather than one that allocates
// whatever a header claims. Throws Error(Model) naming `origin` for anything else (compressed or encrypted
// records, damage, truncation).
class StoredZip {
public:
    enum class Crc { Verify, Skip }; // Skip: the fuzz target, so that mutations reach the pickle
    StoredZip(std::string bytes, std::string origin, Crc crc = Crc::Verify);

    [[nodiscard]] const std::vector<std::string>& names() const { return m_names; }
    [[nodiscard]] bool has(const std::string& name) const;
    // The bytes of a stored record; throws Error(Model) when there is none of that name or it is
    // compressed.
    [[nodiscard]] std::string_view record(const std::string& name) const;

private:
    struct Entry {
        std::uint64_t offset = 0; // of the data, in m_bytes
        std::uint64_t size = 0;
        bool stored = true; // uncompressed: readable
    };
    [[noreturn]] void fail(const std::string& why) const;

    std::string m_bytes;
    std::string m_origin;
    std::vector<std::string> m_names;
    std::vector<Entry> m_entries; // parallel to m_names
};

std::uint32_t crc32Of(std::string_view bytes);

} // namespace passthrough
