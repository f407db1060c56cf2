#include "util/atomicfile.h"

#include "util/error.h"

#include <QSaveFile>
#include <QString>

#include <fstream>
#include <sstream>

namespace passthrough {

void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes)
{
    // QSaveFile writes to a temporary file, fsyncs it and renames it over the target on commit().
    QSaveFile file(QString::fromStdString(path.string()));
    if (!file.open(QIODevice::WriteOnly)) {
        throw Error(ErrorKind::Io, "cannot write " + path.string() + ": " + file.errorString().toStdString());
    }
    if (file.write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size())
        || !file.commit()) {
        throw Error(ErrorKind::Io, "cannot write " + path.string() + ": " + file.errorString().toStdString());
    }
}

std::string readWholeFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(ErrorKind::Io, "cannot read " + path.string());
    }
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

} // namespace passthrough
