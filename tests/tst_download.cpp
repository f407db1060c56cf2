// The model download against a real HTTP server on 127.0.0.1 (python3 -m http.server) serving
// the shared model, a truncated copy and a file that is not a model: only a verified model
// lands in the cache, with its sha256 recorded; failures name the URL and leave nothing.
#include "support/testmedia.h"
#include "util/fingerprint.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace passthrough;
using namespace passthrough::test;

class TestDownload : public QObject {
    Q_OBJECT
    QTemporaryDir m_served;
    QTemporaryDir m_cache;
    QProcess m_server;
    QString m_base;

    ProcessResult fetch(const QString& file, const QStringList& extra = {})
    {
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CACHE_HOME"), m_cache.path());
        cli.setProcessEnvironment(env);
        cli.start(QString::fromStdString(cliPath().string()),
            QStringList { QStringLiteral("fetch-model"), QStringLiteral("--url"), m_base + file } + extra);
        cli.waitForFinished(120000);
        return { cli.exitCode(), QString::fromUtf8(cli.readAllStandardOutput()),
            QString::fromUtf8(cli.readAllStandardError()) };
    }
    std::filesystem::path cached() const
    {
        return m_cache.filePath(QStringLiteral("passthrough-studio/rvm_mobilenetv3.pth")).toStdString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        const auto model = sharedDir() / "models/rvm_mobilenetv3.pth";
        const std::filesystem::path served = m_served.path().toStdString();
        std::filesystem::copy_file(model, served / "good.pth");
        std::ifstream in(model, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), {});
        std::ofstream(served / "truncated.pth", std::ios::binary)
            .write(bytes.data(), std::streamsize(bytes.size() * 6 / 10));
        std::ofstream(served / "notes.pth") << "these are not the weights you are looking for\n";
        // The person model's folder as the release serves it, and one whose weights are cut short.
        const auto movenet = sharedDir() / "models/movenet";
        std::filesystem::create_directories(served / "person" / "good");
        std::filesystem::create_directories(served / "person" / "cut");
        for (const char* name : { "movenet-multipose.json", "movenet-multipose.bin" }) {
            std::filesystem::copy_file(movenet / name, served / "person" / "good" / name);
            std::filesystem::copy_file(movenet / name, served / "person" / "cut" / name);
        }
        std::filesystem::resize_file(served / "person" / "cut" / "movenet-multipose.bin", 4000000);

        m_base = serveFolder(m_server, m_served.path());
        QVERIFY(!m_base.isEmpty());
    }

    void cleanupTestCase()
    {
        m_server.kill();
        m_server.waitForFinished();
    }

    void truncatedDownloadNeverLands()
    {
        const ProcessResult r = fetch(QStringLiteral("truncated.pth"));
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains(m_base + QStringLiteral("truncated.pth"))
                && r.err.contains(QStringLiteral("not a usable RVM model")),
            qPrintable(r.err));
        QVERIFY(!std::filesystem::exists(cached()));
        QVERIFY(!std::filesystem::exists(cached().string() + ".partial"));
    }

    void nonModelNeverLands()
    {
        const ProcessResult r = fetch(QStringLiteral("notes.pth"));
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains(QStringLiteral("not a PyTorch .pth file")), qPrintable(r.err));
        QVERIFY(!std::filesystem::exists(cached()));
    }

    void missingFileIsReported()
    {
        const ProcessResult r = fetch(QStringLiteral("absent.pth"));
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains(m_base + QStringLiteral("absent.pth")), qPrintable(r.err));
        QVERIFY(!std::filesystem::exists(cached()));
    }

    void goodModelLandsWithItsHash()
    {
        const ProcessResult r = fetch(QStringLiteral("good.pth"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const std::string sha = sha256OfFile(sharedDir() / "models/rvm_mobilenetv3.pth");
        QCOMPARE(sha256OfFile(cached()), sha);
        std::ifstream sidecar(cached().string() + ".sha256");
        std::string recorded;
        sidecar >> recorded;
        QCOMPARE(recorded, sha);
        QVERIFY(r.err.contains(QString::fromStdString(sha)));
    }

    // fetch-model --person: both files into the cache folder with SHA256SUMS, verified by running
    // the model; a cut download leaves nothing, not even its temporary folder.
    void personModelLandsOnlyWhenItRuns()
    {
        const std::filesystem::path folder
            = m_cache.filePath(QStringLiteral("passthrough-studio/movenet-multipose")).toStdString();
        const ProcessResult cut = fetch(QStringLiteral("person/cut/"), { QStringLiteral("--person") });
        QCOMPARE(cut.exitCode, 5);
        QVERIFY2(cut.err.contains(QStringLiteral("not a usable person model")), qPrintable(cut.err));
        QVERIFY(!std::filesystem::exists(folder));
        QVERIFY(!std::filesystem::exists(folder.string() + ".partial"));

        const ProcessResult good = fetch(QStringLiteral("person/good/"), { QStringLiteral("--person") });
        QVERIFY2(good.exitCode == 0, qPrintable(good.err));
        const std::string sha = sha256OfFile(sharedDir() / "models/movenet/movenet-multipose.bin");
        QCOMPARE(sha256OfFile(folder / "movenet-multipose.bin"), sha);
        std::ifstream sums(folder / "SHA256SUMS");
        const std::string text((std::istreambuf_iterator<char>(sums)), {});
        QVERIFY2(text.find(sha + "  movenet-multipose.bin") != std::string::npos, text.c_str());
        QVERIFY(good.err.contains(QString::fromStdString(sha)));
    }
};

QTEST_GUILESS_MAIN(TestDownload)
#include "tst_download.moc"
