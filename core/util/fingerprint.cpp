#include "util/fingerprint.h"

#include "util/error.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>

#include <array>
#include <cstdio>
#include <vector>

namespace passthrough {
namespace {

constexpr qint64 kSampleBytes = 1 << 20;

bool looksLikePattern(const std::filesystem::path& path)
{
    return path.string().find('%') != std::string::npos && !std::filesystem::exists(path);
}

// The files an image2 pattern such as `frames/%05d.png` names, in order (start index 0..4, as
// libavformat's image2 demuxer searches).
std::vector<std::filesystem::path> expandPattern(const std::filesystem::path& pattern)
{
    std::vector<std::filesystem::path> files;
    std::array<char, 4096> name {};
    for (int start = 0; start < 5 && files.empty(); ++start) {
        for (int i = start;; ++i) {
            std::snprintf(name.data(), name.size(), pattern.string().c_str(), i);
            if (!std::filesystem::exists(name.data())) {
                break;
            }
            files.emplace_back(name.data());
        }
    }
    return files;
}

void hashFileSamples(QCryptographicHash& hash, const QString& fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly)) {
        throw Error(ErrorKind::InputUnusable,
            "cannot open " + fileName.toStdString() + ": " + file.errorString().toStdString());
    }
    const qint64 size = file.size();
    hash.addData(QByteArray::number(size));
    for (qint64 offset : { qint64(0), size / 2 - kSampleBytes / 2, size - kSampleBytes }) {
        if (offset < 0) {
            offset = 0;
        }
        file.seek(offset);
        hash.addData(file.read(kSampleBytes));
    }
}

} // namespace

SourceFingerprint fingerprintSource(const std::filesystem::path& path)
{
    std::vector<std::filesystem::path> files;
    if (looksLikePattern(path)) {
        files = expandPattern(path);
    } else {
        files.push_back(path);
    }
    if (files.empty() || !std::filesystem::exists(files.front())) {
        throw Error(ErrorKind::InputUnusable, "cannot open " + path.string() + ": no such file");
    }
    SourceFingerprint fp;
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const auto& file : files) {
        const QFileInfo info(QString::fromStdString(file.string()));
        fp.sizeBytes += static_cast<std::uint64_t>(info.size());
        fp.modifiedMs = std::max<std::int64_t>(fp.modifiedMs, info.lastModified().toMSecsSinceEpoch());
        // A long image sequence would take long to sample file by file: its first and last files
        // plus every file's size and time are enough to notice a change.
        if (file == files.front() || file == files.back()) {
            hashFileSamples(hash, info.filePath());
        }
    }
    fp.sampleSha256 = hash.result().toHex().toStdString();
    return fp;
}

std::string sha256OfFile(const std::filesystem::path& path)
{
    QFile file(QString::fromStdString(path.string()));
    if (!file.open(QIODevice::ReadOnly)) {
        throw Error(ErrorKind::Io, "cannot read " + path.string() + ": " + file.errorString().toStdString());
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    return hash.result().toHex().toStdString();
}

} // namespace passthrough
