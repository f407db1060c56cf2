#include "model/modeldownload.h"

#include "matting/backendmakers.h"
#include "util/durablefile.h"
#include "util/error.h"
#include "util/fingerprint.h"

#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace passthrough {

std::int64_t fetchToFile(const ModelDownload& request, const std::filesystem::path& target)
{
    QFile file(QString::fromStdString(target.string()));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        throw Error(
            ErrorKind::Io, "cannot write " + target.string() + ": " + file.errorString().toStdString());
    }
    QNetworkAccessManager network;
    QNetworkRequest httpRequest(QUrl(QString::fromStdString(request.url)));
    httpRequest.setAttribute(
        QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    httpRequest.setTransferTimeout(60000); // no byte for a minute: give up
    QNetworkReply* reply = network.get(httpRequest);
    QEventLoop loop;
    bool writeFailed = false;
    QObject::connect(reply, &QNetworkReply::readyRead, &loop,
        [&] { writeFailed = writeFailed || file.write(reply->readAll()) < 0; });
    QObject::connect(reply, &QNetworkReply::downloadProgress, &loop, [&](qint64 received, qint64 total) {
        if (request.onProgress) {
            request.onProgress(received, total);
        }
    });
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer cancelPoll;
    QObject::connect(&cancelPoll, &QTimer::timeout, &loop, [&] {
        if (request.cancel && request.cancel->load()) {
            reply->abort();
        }
    });
    cancelPoll.start(200);
    loop.exec();
    file.write(reply->readAll());
    file.close();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const qint64 expected = reply->header(QNetworkRequest::ContentLengthHeader).toLongLong();
    const std::string where = "cannot download the model from " + request.url + ": ";
    if (request.cancel && request.cancel->load()) {
        throw Error(ErrorKind::Cancelled, where + "interrupted");
    }
    if (reply->error() != QNetworkReply::NoError) {
        throw Error(ErrorKind::Model, where + reply->errorString().toStdString());
    }
    if (status != 200) {
        throw Error(ErrorKind::Model, where + "the server answered HTTP " + std::to_string(status));
    }
    if (writeFailed) {
        throw Error(ErrorKind::Io, where + "writing " + target.string() + " failed");
    }
    const auto size = std::int64_t(std::filesystem::file_size(target));
    if (expected > 0 && size != expected) {
        throw Error(ErrorKind::Model,
            where + "the transfer stopped after " + std::to_string(size) + " of " + std::to_string(expected)
                + " bytes");
    }
    reply->deleteLater();
    return size;
}

DownloadedModel downloadModel(const ModelDownload& request)
{
    std::filesystem::create_directories(request.destination.parent_path());
    auto partial = request.destination;
    partial += ".partial";
    DownloadedModel result;
    try {
        result.bytes = fetchToFile(request, partial);
        try {
            rvm::checkRvmWeights(partial, partial.string());
        } catch (const Error& e) {
            throw Error(ErrorKind::Model,
                "the file downloaded from " + request.url + " is not a usable RVM model (" + e.what() + ")");
        }
        result.sha256 = sha256OfFile(partial);
        std::filesystem::rename(partial, request.destination);
    } catch (...) {
        removeQuietly(partial);
        throw;
    }
    result.file = request.destination;
    auto sidecar = request.destination;
    sidecar += ".sha256";
    writeFileAtomically(sidecar, result.sha256 + "  " + request.destination.filename().string() + "\n");
    return result;
}

} // namespace passthrough
