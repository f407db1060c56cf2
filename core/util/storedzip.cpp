#include "util/storedzip.h"

#include "util/error.h"

#include <algorithm>
#include <array>

namespace passthrough {
namespace {

constexpr std::uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr std::uint32_t kZip64EndLocator = 0x07064b50;
constexpr std::uint32_t kZip64End = 0x06064b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::size_t kMaxRecords = 1 << 20;

// Little-endian reads at checked offsets of one buffer.
class Reader {
public:
    Reader(
        const std::string& bytes, const StoredZip* owner, void (StoredZip::*fail)(const std::string&) const)
        : m_bytes(bytes)
        , m_owner(owner)
        , m_fail(fail)
    {
    }
    [[nodiscard]] bool fits(std::uint64_t offset, std::uint64_t length) const
    {
        return offset <= m_bytes.size() && length <= m_bytes.size() - offset;
    }
    std::uint64_t read(std::uint64_t offset, int bytes) const
    {
        if (!fits(offset, std::uint64_t(bytes))) {
            (m_owner->*m_fail)("a header lies past the end of the file");
        }
        std::uint64_t value = 0;
        for (int i = bytes - 1; i >= 0; --i) {
            value = (value << 8) | static_cast<unsigned char>(m_bytes[std::size_t(offset) + std::size_t(i)]);
        }
        return value;
    }
    std::uint16_t u16(std::uint64_t offset) const { return std::uint16_t(read(offset, 2)); }
    std::uint32_t u32(std::uint64_t offset) const { return std::uint32_t(read(offset, 4)); }
    std::uint64_t u64(std::uint64_t offset) const { return read(offset, 8); }

private:
    const std::string& m_bytes;
    const StoredZip* m_owner;
    void (StoredZip::*m_fail)(const std::string&) const;
};

} // namespace

std::uint32_t crc32Of(std::string_view bytes)
{
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t {};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k) {
                c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            }
            t[i] = c;
        }
        return t;
    }();
    std::uint32_t crc = 0xffffffffu;
    for (unsigned char b : bytes) {
        crc = table[(crc ^ b) & 0xff] ^ (crc >> 8);
    }
    return crc ^ 0xffffffffu;
}

void StoredZip::fail(const std::string& why) const
{
    throw Error(ErrorKind::Model,
        "cannot read the model " + m_origin
            + ": the archive is damaged or not a "
              "torch.save file ("
            + why + ")");
}

StoredZip::StoredZip(std::string bytes, std::string origin, Crc crcCheck)
    : m_bytes(std::move(bytes))
    , m_origin(std::move(origin))
{
    const Reader r(m_bytes, this, &StoredZip::fail);
    if (m_bytes.size() < 22) {
        fail("it is too short to be a zip archive");
    }
    // The end record sits in the last 22 + 65535 (comment) bytes.
    std::uint64_t end = m_bytes.size() - 22;
    const std::uint64_t lowest = m_bytes.size() > 22 + 65535 ? m_bytes.size() - 22 - 65535 : 0;
    while (r.u32(end) != kEndOfCentralDirectory) {
        if (end == lowest) {
            fail("no end of central directory");
        }
        --end;
    }
    std::uint64_t count = r.u16(end + 10);
    std::uint64_t directorySize = r.u32(end + 12);
    std::uint64_t directory = r.u32(end + 16);
    if (count == 0xffff || directorySize == 0xffffffffu || directory == 0xffffffffu) {
        if (end < 20 || r.u32(end - 20) != kZip64EndLocator) {
            fail("a zip64 archive without its locator");
        }
        const std::uint64_t zip64 = r.u64(end - 20 + 8);
        if (r.u32(zip64) != kZip64End) {
            fail("a damaged zip64 end record");
        }
        count = r.u64(zip64 + 32);
        directorySize = r.u64(zip64 + 40);
        directory = r.u64(zip64 + 48);
    }
    if (count > kMaxRecords || !r.fits(directory, directorySize)) {
        fail("the central directory does not fit the file");
    }
    std::uint64_t at = directory;
    for (std::uint64_t i = 0; i < count; ++i) {
        if (r.u32(at) != kCentralHeader) {
            fail("a damaged central directory entry");
        }
        const std::uint16_t flags = r.u16(at + 8);
        const std::uint16_t method = r.u16(at + 10);
        const std::uint32_t crc = r.u32(at + 16);
        std::uint64_t compressed = r.u32(at + 20);
        std::uint64_t size = r.u32(at + 24);
        const std::uint16_t nameLength = r.u16(at + 28);
        const std::uint16_t extraLength = r.u16(at + 30);
        const std::uint16_t commentLength = r.u16(at + 32);
        std::uint64_t local = r.u32(at + 42);
        if (!r.fits(at + 46, std::uint64_t(nameLength) + extraLength + commentLength)) {
            fail("a central directory entry lies past the end of the file");
        }
        std::string name = m_bytes.substr(std::size_t(at + 46), nameLength);
        // Zip64 sizes and offsets live in extra field 0x0001, in this order, when their 32-bit
        // fields are saturated.
        for (std::uint64_t x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength;) {
            const std::uint16_t id = r.u16(x);
            const std::uint16_t length = r.u16(x + 2);
            if (x + 4 + length > at + 46 + nameLength + extraLength) {
                fail("a damaged extra field");
            }
            if (id == 0x0001) {
                std::uint64_t field = x + 4;
                const std::uint64_t fieldEnd = x + 4 + length;
                for (std::uint64_t* value : { &size, &compressed, &local }) {
                    const bool saturated = *value == 0xffffffffu;
                    if (saturated) {
                        if (field + 8 > fieldEnd) {
                            fail("a damaged zip64 extra field");
                        }
                        *value = r.u64(field);
                        field += 8;
                    }
                }
            }
            x += 4 + std::uint64_t(length);
        }
        if (flags & 0x1) {
            fail("the record " + name + " is encrypted");
        }
        if (r.u32(local) != kLocalHeader) {
            fail("the record " + name + " has no local header");
        }
        const std::uint64_t data = local + 30 + r.u16(local + 26) + r.u16(local + 28);
        if (!r.fits(data, compressed)) {
            fail("the record " + name + " lies past the end of the file (a truncated download?)");
        }
        // Compressed records (TorchScript's code/) are listed but cannot be read here.
        const bool stored = method == 0 && compressed == size;
        if (stored && crcCheck == Crc::Verify
            && crc32Of(std::string_view(m_bytes.data() + data, std::size_t(size))) != crc) {
            fail("the record " + name + " fails its CRC check");
        }
        m_names.push_back(std::move(name));
        m_entries.push_back(Entry { data, size, stored });
        at += 46 + std::uint64_t(nameLength) + extraLength + commentLength;
    }
}

bool StoredZip::has(const std::string& name) const
{
    return std::find(m_names.begin(), m_names.end(), name) != m_names.end();
}

std::string_view StoredZip::record(const std::string& name) const
{
    const auto it = std::find(m_names.begin(), m_names.end(), name);
    if (it == m_names.end()) {
        fail("the record " + name + " is missing");
    }
    const Entry& e = m_entries[std::size_t(it - m_names.begin())];
    if (!e.stored) {
        fail("the record " + name + " is compressed; torch.save stores records uncompressed");
    }
    return std::string_view(m_bytes.data() + e.offset, std::size_t(e.size));
}

} // namespace passthrough
