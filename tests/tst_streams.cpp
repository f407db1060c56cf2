// What a source holds besides its video reaches the output (every audio track, subtitles the
// container takes, chapters, titles and languages), a full-range source keeps its range, and
// the commands that read for a while stop on Ctrl-C: all through the real CLI and ffprobe.
#include "media/chunkjoiner.h"
#include "support/testmedia.h"
#include "util/durablefile.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <torch/types.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <thread>

using namespace passthrough;
using namespace passthrough::test;

namespace {

QString q(const std::filesystem::path& path)
{
    return QString::fromStdString(path.string());
}

QJsonArray streamsOf(const QJsonObject& probe, const QString& type)
{
    QJsonArray out;
    for (const auto& s : probe[QStringLiteral("streams")].toArray()) {
        if (s.toObject()[QStringLiteral("codec_type")].toString() == type) {
            out.append(s);
        }
    }
    return out;
}

QString tag(const QJsonValue& object, const QString& key)
{
    return object.toObject()[QStringLiteral("tags")].toObject()[key].toString();
}

// Every frame's brightness as a player converts it, honouring the range tag (gray, so that the
// chroma upsampling of players and encoders does not blur the comparison).
torch::Tensor grayFrames(const std::filesystem::path& file, int width, int height)
{
    QProcess ffmpeg;
    ffmpeg.start(QStringLiteral("ffmpeg"),
        { QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-i"),
            q(file), QStringLiteral("-f"), QStringLiteral("rawvideo"), QStringLiteral("-pix_fmt"),
            QStringLiteral("gray"), QStringLiteral("-") });
    ffmpeg.waitForFinished(120000);
    const QByteArray data = ffmpeg.readAllStandardOutput();
    const qint64 frame = qint64(width) * height;
    if (data.isEmpty() || data.size() % frame != 0) {
        return {};
    }
    return torch::from_blob(
        const_cast<char*>(data.constData()), { data.size() / frame, height, width }, torch::kUInt8)
        .clone();
}

// Whether the process has installed its own SIGINT handler (the SigCgt mask of
// /proc/PID/status). Before that, Ctrl-C ends it as the default action would: on a busy machine
// loading LibTorch alone can take longer than the wait below, and the test would then time the
// dynamic loader instead of the program (CI, under a CPU hog beside the suite).
bool catchesSigint(qint64 pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("SigCgt:", 0) == 0) {
            const unsigned long long mask = std::stoull(line.substr(7), nullptr, 16);
            return (mask >> (SIGINT - 1)) & 1ULL;
        }
    }
    return false;
}

// Sends SIGINT (Ctrl-C) `afterMs` after the process is ready for it and says how long the
// process took to end after it.
double interruptAfter(QProcess& process, int afterMs, int& exitCode)
{
    for (int i = 0; i < 600 && !catchesSigint(process.processId()); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(afterMs));
    ::kill(pid_t(process.processId()), SIGINT);
    const auto sent = std::chrono::steady_clock::now();
    process.waitForFinished(60000);
    exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count();
}

} // namespace

class TestStreams : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_model;

    std::filesystem::path path(const std::string& name) const
    {
        return std::filesystem::path(m_dir.path().toStdString()) / name;
    }
    ProcessResult process(const std::filesystem::path& source, const std::filesystem::path& output,
        const QString& packing = QStringLiteral("matte"))
    {
        return runCli({ QStringLiteral("process"), q(source), QStringLiteral("-o"), q(output),
            QStringLiteral("--model"), m_model, QStringLiteral("--packing"), packing,
            QStringLiteral("--segment-seconds"), QStringLiteral("1"), QStringLiteral("--preset"),
            QStringLiteral("ultrafast") });
    }

    // A 3 s source with two audio tracks (English, German), a subtitle track, two chapters and a
    // title, in `container` (mp4: mov_text subtitles, mkv: subrip).
    std::filesystem::path richSource(const std::string& name, const QString& subtitleCodec)
    {
        std::ofstream(path("subs.srt")) << "1\n00:00:00,500 --> 00:00:01,500\nHello\n\n"
                                           "2\n00:00:02,000 --> 00:00:02,800\nAgain\n";
        std::ofstream(path("meta.txt"))
            << ";FFMETADATA1\ntitle=Two tracks\n"
               "[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1500\ntitle=Opening\n"
               "[CHAPTER]\nTIMEBASE=1/1000\nSTART=1500\nEND=3000\ntitle=Closing\n";
        const auto source = path(name);
        runFfmpeg({ QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
            QStringLiteral("testsrc2=size=320x240:rate=25"), QStringLiteral("-f"), QStringLiteral("lavfi"),
            QStringLiteral("-i"), QStringLiteral("sine=frequency=440:sample_rate=48000"),
            QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
            QStringLiteral("sine=frequency=660:sample_rate=48000"), QStringLiteral("-i"), q(path("subs.srt")),
            QStringLiteral("-i"), q(path("meta.txt")), QStringLiteral("-map"), QStringLiteral("0:v"),
            QStringLiteral("-map"), QStringLiteral("1:a"), QStringLiteral("-map"), QStringLiteral("2:a"),
            QStringLiteral("-map"), QStringLiteral("3:s"), QStringLiteral("-map_metadata"),
            QStringLiteral("4"), QStringLiteral("-map_chapters"), QStringLiteral("4"),
            QStringLiteral("-metadata:s:a:0"), QStringLiteral("language=eng"),
            QStringLiteral("-metadata:s:a:1"), QStringLiteral("language=deu"),
            QStringLiteral("-metadata:s:s:0"), QStringLiteral("language=eng"), QStringLiteral("-c:v"),
            QStringLiteral("libx264"), QStringLiteral("-preset"), QStringLiteral("veryfast"),
            QStringLiteral("-c:a"), QStringLiteral("aac"), QStringLiteral("-c:s"), subtitleCodec,
            QStringLiteral("-t"), QStringLiteral("3"), q(source) });
        return source;
    }

    void checkEverythingKept(const std::filesystem::path& output, const QString& subtitleCodec)
    {
        const QJsonObject probe = ffprobe(output);
        QCOMPARE(streamsOf(probe, QStringLiteral("video")).size(), 1);
        const QJsonArray audio = streamsOf(probe, QStringLiteral("audio"));
        QCOMPARE(audio.size(), 2);
        QCOMPARE(tag(audio[0], QStringLiteral("language")), QStringLiteral("eng"));
        QCOMPARE(tag(audio[1], QStringLiteral("language")), QStringLiteral("deu"));
        const QJsonArray subtitles = streamsOf(probe, QStringLiteral("subtitle"));
        QCOMPARE(subtitles.size(), 1);
        QCOMPARE(subtitles[0].toObject()[QStringLiteral("codec_name")].toString(), subtitleCodec);
        const QJsonArray chapters = probe[QStringLiteral("chapters")].toArray();
        QCOMPARE(chapters.size(), 2);
        QCOMPARE(tag(chapters[1], QStringLiteral("title")), QStringLiteral("Closing"));
        QCOMPARE(tag(probe[QStringLiteral("format")], QStringLiteral("title")), QStringLiteral("Two tracks"));
        QCOMPARE(countVideoPackets(output), 75);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_model = q(writeTestModel(m_dir.path().toStdString()));
    }

    void everyStreamIsKeptInMp4()
    {
        const auto source = richSource("rich.mp4", QStringLiteral("mov_text"));
        const ProcessResult r = process(source, path("rich_matte.mp4"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        checkEverythingKept(path("rich_matte.mp4"), QStringLiteral("mov_text"));
    }

    void everyStreamIsKeptInMatroska()
    {
        const auto source = richSource("rich.mkv", QStringLiteral("srt"));
        const ProcessResult r = process(source, path("rich_matte.mkv"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        checkEverythingKept(path("rich_matte.mkv"), QStringLiteral("subrip"));
    }

    // --range 1.02-2.3 of the 3 s, 25 fps source: frames 25 (shown at 1.02 s) to 57 (the last to
    // start before 2.3 s), the model warmed up on frames 0-24, and every other stream cut to the
    // part and moved back by 1 s. Lossless, so that frames compare exactly with the whole job's.
    void rangeCutsEveryStreamFrameExact()
    {
        const auto source = richSource("ranged.mp4", QStringLiteral("mov_text"));
        const auto run = [&](const std::string& output, const QStringList& extra) {
            const ProcessResult r = runCli(
                QStringList { QStringLiteral("process"), q(source), QStringLiteral("-o"), q(path(output)),
                    QStringLiteral("--model"), m_model, QStringLiteral("--packing"), QStringLiteral("matte"),
                    QStringLiteral("--segment-seconds"), QStringLiteral("1"), QStringLiteral("--encoder"),
                    QStringLiteral("libx264"), QStringLiteral("--crf"), QStringLiteral("0"),
                    QStringLiteral("--preset"), QStringLiteral("ultrafast") }
                + extra);
            return r;
        };
        ProcessResult r = run("whole.mp4", {});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = run("part.mp4", { QStringLiteral("--range"), QStringLiteral("1.02-2.3") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = run("cold.mp4",
            { QStringLiteral("--range"), QStringLiteral("0:01.02-0:02.3"), QStringLiteral("--warmup-seconds"),
                QStringLiteral("0") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        const DecodedVideo whole = decodeVideo(path("whole.mp4"), true);
        const DecodedVideo part = decodeVideo(path("part.mp4"), true);
        const DecodedVideo cold = decodeVideo(path("cold.mp4"), true);
        QCOMPARE(whole.luma.size(), std::size_t(75));
        QCOMPARE(part.luma.size(), std::size_t(33));
        QCOMPARE(part.seconds.front(), 0.0);
        // The whole job's second segment (frames 25-49) warmed up on the same frames 0-24: the
        // part's first 25 frames are those, bit for bit, and not their neighbours.
        for (std::size_t i = 0; i < 25; ++i) {
            QVERIFY2(torch::equal(part.luma[i], whole.luma[25 + i]), qPrintable(QString::number(i)));
        }
        QVERIFY(!torch::equal(part.luma[0], whole.luma[24]) && !torch::equal(part.luma[0], whole.luma[26]));
        // Without the warm-up the model starts cold at frame 25.
        QCOMPARE(cold.luma.size(), std::size_t(33));
        QVERIFY(!torch::equal(cold.luma[0], part.luma[0]));

        const QJsonObject probe = ffprobe(path("part.mp4"));
        const double video = 33.0 / 25.0;
        const QJsonArray audio = streamsOf(probe, QStringLiteral("audio"));
        QCOMPARE(audio.size(), 2);
        // Audio starts and ends within one AAC packet (1024 samples at 48 kHz: 21.3 ms) of the video.
        const double audioSeconds = audioDurationSeconds(path("part.mp4"));
        QVERIFY2(std::abs(audioSeconds - video) <= 1024.0 / 48000.0 + 1e-3,
            qPrintable(QString::number(audioSeconds)));
        QVERIFY(audio[0].toObject()[QStringLiteral("start_time")].toString().toDouble() < 1024.0 / 48000.0);
        // "Hello" (0.5-1.5 s of the source) is shown from the part's start to 0.5 s; "Again"
        // (2.0-2.8 s) from 1.0 s to the video's end.
        QProcess packets;
        packets.start(QStringLiteral("ffprobe"),
            { QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-select_streams"),
                QStringLiteral("s"), QStringLiteral("-show_entries"),
                QStringLiteral("packet=pts_time,duration_time,size"), QStringLiteral("-of"),
                QStringLiteral("csv=p=0"), q(path("part.mp4")) });
        QVERIFY(packets.waitForFinished(60000));
        QStringList shown;
        for (const QString& line :
            QString::fromUtf8(packets.readAllStandardOutput()).split(QLatin1Char('\n'))) {
            const QStringList v = line.split(QLatin1Char(','));
            if (v.size() == 3 && v[2].toInt() > 2) { // mov_text writes empty (2-byte) samples for the gaps
                shown << QStringLiteral("%1+%2")
                             .arg(v[0].toDouble(), 0, 'f', 2)
                             .arg(v[1].toDouble(), 0, 'f', 2);
            }
        }
        QCOMPARE(shown, (QStringList { QStringLiteral("0.00+0.50"), QStringLiteral("1.00+0.32") }));
        const QJsonArray chapters = probe[QStringLiteral("chapters")].toArray();
        QCOMPARE(chapters.size(), 2);
        QCOMPARE(chapters[0].toObject()[QStringLiteral("end_time")].toString().toDouble(), 0.5);
        QCOMPARE(chapters[1].toObject()[QStringLiteral("start_time")].toString().toDouble(), 0.5);
        QCOMPARE(chapters[1].toObject()[QStringLiteral("end_time")].toString().toDouble(), video);
        QCOMPARE(tag(chapters[1], QStringLiteral("title")), QStringLiteral("Closing"));

        // Refused before any work, the option named: a range past the end, one that ends first.
        r = run("late.mp4", { QStringLiteral("--range"), QStringLiteral("5-") });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(
            r.err.contains(QStringLiteral("--range from 5 s starts after the end of")), qPrintable(r.err));
        r = run("late.mp4", { QStringLiteral("--range"), QStringLiteral("2-1") });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("--range '2-1': the span ends (1 s) before it starts (2 s)")),
            qPrintable(r.err));
        QVERIFY(!std::filesystem::exists(path("late.mp4.ptjob/job.json")));
    }

    // A container that cannot take a stream says so, once per stream, and keeps the rest.
    void streamsAContainerCannotTakeAreNamed()
    {
        const auto source = path("rich.mkv");
        QVERIFY(std::filesystem::exists(source));
        const ProcessResult r = process(source, path("rich_alpha.webm"), QStringLiteral("vp9-alpha"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        // Both AAC tracks and the SubRip subtitles (WebM takes Opus/Vorbis and WebVTT only).
        QCOMPARE(int(r.err.count(QStringLiteral("cannot be copied into webm"))), 3);
        const QJsonObject probe = ffprobe(path("rich_alpha.webm"));
        QCOMPARE(streamsOf(probe, QStringLiteral("audio")).size(), 0);
        QCOMPARE(probe[QStringLiteral("chapters")].toArray().size(), 2);
    }

    // A full-range (JPEG levels) source keeps its range where the codec can say so (tagged
    // full range; the picture a player shows equals the source's), and is converted for ProRes,
    // which is video range by definition.
    void fullRangeSourceKeepsItsRange_data()
    {
        QTest::addColumn<QString>("packing");
        QTest::addColumn<QString>("output");
        QTest::addColumn<QString>("range");
        QTest::newRow("fisheye alpha") << "fisheye-alpha"
                                       << "full_FISHEYE190_LR_alpha.mp4"
                                       << "pc";
        QTest::newRow("prores") << "prores4444"
                                << "full_FISHEYE190_LR_alpha.mov"
                                << "tv";
    }
    void fullRangeSourceKeepsItsRange()
    {
        QFETCH(QString, packing);
        QFETCH(QString, output);
        QFETCH(QString, range);
        const auto source = path("full_FISHEYE190_LR.mp4");
        if (!std::filesystem::exists(source)) {
            runFfmpeg({ QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                QStringLiteral("testsrc2=size=640x320:rate=25"), QStringLiteral("-t"), QStringLiteral("1"),
                QStringLiteral("-pix_fmt"), QStringLiteral("yuvj420p"), QStringLiteral("-c:v"),
                QStringLiteral("libx264"), QStringLiteral("-crf"), QStringLiteral("10"), q(source) });
        }
        const auto out = path(output.toStdString());
        const ProcessResult r = process(source, out, packing);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonArray video = streamsOf(ffprobe(out), QStringLiteral("video"));
        QCOMPARE(video[0].toObject()[QStringLiteral("color_range")].toString(), range);
        // Rows 80..239 hold no alpha blocks (they sit within 0.2 H of the top and bottom).
        const torch::Tensor in = grayFrames(source, 640, 320).narrow(1, 80, 160).to(torch::kFloat64);
        const torch::Tensor shown = grayFrames(out, 640, 320).narrow(1, 80, 160).to(torch::kFloat64);
        QCOMPARE(in.sizes(), shown.sizes());
        const double mse = (in - shown).pow(2).mean().item<double>();
        const double psnr = 10.0 * std::log10(255.0 * 255.0 / std::max(mse, 1e-9));
        QVERIFY2(psnr > 38.0, qPrintable(QStringLiteral("PSNR %1 dB").arg(psnr)));
    }

    // Ctrl-C stops probe while it reads a slow stream (a FIFO fed in real time).
    void ctrlCStopsProbe()
    {
        const auto fifo = path("live.nut");
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        QProcess feeder;
        feeder.start(QStringLiteral("ffmpeg"),
            { QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"),
                QStringLiteral("-re"), QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
                QStringLiteral("testsrc2=size=320x240:rate=30"), QStringLiteral("-t"), QStringLiteral("60"),
                QStringLiteral("-c:v"), QStringLiteral("mpeg4"), QStringLiteral("-f"), QStringLiteral("nut"),
                QStringLiteral("-y"), q(fifo) });
        QProcess probe;
        probe.start(q(cliPath()), { QStringLiteral("probe"), q(fifo) });
        QVERIFY(probe.waitForStarted());
        int exitCode = -2;
        const double took = interruptAfter(probe, 2000, exitCode);
        feeder.kill();
        feeder.waitForFinished();
        QCOMPARE(exitCode, 4);
        QVERIFY2(took < 5.0, qPrintable(QString::number(took)));
        QVERIFY(QString::fromUtf8(probe.readAllStandardError()).contains(QStringLiteral("interrupted")));
    }

    // Ctrl-C stops a model download (a server that sends very slowly); nothing lands.
    void ctrlCStopsFetchModel()
    {
        QProcess server;
        server.start(QStringLiteral("python3"),
            { QStringLiteral("-u"),
                QString::fromStdString((testsDir() / "support/slow_http_server.py").string()) });
        for (int i = 0; i < 100 && !server.canReadLine(); ++i) {
            server.waitForReadyRead(100);
        }
        QVERIFY(server.canReadLine());
        const QString port = QString::fromUtf8(server.readLine()).trimmed().section(QLatin1Char(' '), 1);
        QTemporaryDir cache;
        QProcess fetch;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_CACHE_HOME"), cache.path());
        fetch.setProcessEnvironment(env);
        fetch.start(q(cliPath()),
            { QStringLiteral("fetch-model"), QStringLiteral("--url"),
                QStringLiteral("http://127.0.0.1:%1/rvm_mobilenetv3.pth").arg(port) });
        QVERIFY(fetch.waitForStarted());
        int exitCode = -2;
        const double took = interruptAfter(fetch, 2000, exitCode);
        server.kill();
        server.waitForFinished();
        QVERIFY2(exitCode == 4, fetch.readAllStandardError().constData());
        QVERIFY2(took < 5.0, qPrintable(QString::number(took)));
        QVERIFY(QDir(cache.path() + QStringLiteral("/passthrough-studio")).isEmpty());
    }

    // Ctrl-C stops a preview while the model warms up over the frames before the one asked for.
    void ctrlCStopsPreview()
    {
        QProcess preview;
        const auto png = path("stopped.png");
        const QString source = q(sharedMedia("vr/asl_signers_3840x1920_FISHEYE190_LR.mp4"));
        preview.start(q(cliPath()),
            { QStringLiteral("preview"), source, QStringLiteral("--frame"), QStringLiteral("200"),
                QStringLiteral("-o"), q(png) });
        QVERIFY(preview.waitForStarted());
        int exitCode = -2;
        const double took = interruptAfter(preview, 4000, exitCode);
        QCOMPARE(exitCode, 4);
        QVERIFY(!std::filesystem::exists(png));
        // The preview looks at the flag before each frame, so it stops within the frame in flight.
        // The bound is this machine's own frame time, as a four-frame preview of the same video
        // prints it, not a figure from another processor: four frames (the one in flight, a
        // slower first one, room for a busy machine) and 2 s to end the process.
        const ProcessResult timing = runCli({ QStringLiteral("preview"), source, QStringLiteral("--frame"),
            QStringLiteral("3"), QStringLiteral("--warmup-seconds"), QStringLiteral("0"),
            QStringLiteral("-o"), q(path("timing.png")) });
        QVERIFY2(timing.exitCode == 0, qPrintable(timing.err));
        const auto speed
            = QRegularExpression(QStringLiteral(R"(matting ran at ([0-9.]+) frames/s)")).match(timing.out);
        QVERIFY2(speed.hasMatch() && speed.captured(1).toDouble() > 0.0, qPrintable(timing.out));
        const double bound = 2.0 + 4.0 / speed.captured(1).toDouble();
        QVERIFY2(took < bound, qPrintable(QStringLiteral("%1 s, bound %2 s").arg(took).arg(bound)));
    }

    void badDownsampleIsAUsageError()
    {
        const ProcessResult r
            = runCli({ QStringLiteral("preview"), q(sharedMedia("clips/office_walkin_768x432_10fps.mp4")),
                QStringLiteral("--frame"), QStringLiteral("3"), QStringLiteral("-o"), q(path("x.png")),
                QStringLiteral("--model"), m_model, QStringLiteral("--downsample"), QStringLiteral("abc") });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("--downsample must be auto or a ratio")), qPrintable(r.err));
    }

    // --hwdec: probe names what decodes; a device this machine lacks falls back to software,
    // says why in probe and in the job log, and the job still finishes; an unknown name is a
    // usage error. (A GPU machine shows "cuda (hardware)" here.)
    void hardwareDecodingFallsBackToSoftware()
    {
        const auto clip = sharedMedia("clips/office_walkin_768x432_10fps.mp4");
        ProcessResult r
            = runCli({ QStringLiteral("probe"), q(clip), QStringLiteral("--hwdec"), QStringLiteral("none") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("decoding: software\n")), qPrintable(r.out));

        r = runCli(
            { QStringLiteral("probe"), q(clip), QStringLiteral("--hwdec=vaapi"), QStringLiteral("--json") });
        QCOMPARE(r.exitCode, 0);
        const QString decoding
            = QJsonDocument::fromJson(r.out.toUtf8()).object().value(QStringLiteral("decoding")).toString();
        qInfo("vaapi asked for: %s", qPrintable(decoding));
        QVERIFY2(decoding.startsWith(QStringLiteral("software (vaapi: "))
                || decoding == QStringLiteral("vaapi (hardware)"),
            qPrintable(decoding));

        r = runCli(
            { QStringLiteral("probe"), q(clip), QStringLiteral("--hwdec"), QStringLiteral("warp-drive") });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(
            r.err.contains(QStringLiteral("--hwdec takes auto, none or a device type")), qPrintable(r.err));

        // A short job asked to decode with VAAPI: finished, and its log says how it decoded.
        const auto source = path("hw_source.mp4");
        runFfmpeg({ QStringLiteral("-i"), q(clip), QStringLiteral("-t"), QStringLiteral("1"),
            QStringLiteral("-an"), QStringLiteral("-c:v"), QStringLiteral("libx264"),
            QStringLiteral("-preset"), QStringLiteral("ultrafast"), q(source) });
        const auto output = path("hw_matte.mp4");
        r = runCli({ QStringLiteral("process"), q(source), QStringLiteral("-o"), q(output),
            QStringLiteral("--model"), m_model, QStringLiteral("--preset"), QStringLiteral("ultrafast"),
            QStringLiteral("--hwdec"), QStringLiteral("vaapi") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        std::ifstream logFile(output.string() + ".ptjob/job.log");
        const std::string log((std::istreambuf_iterator<char>(logFile)), std::istreambuf_iterator<char>());
        QVERIFY2(log.find("decoding: " + decoding.toStdString()) != std::string::npos, log.c_str());
    }
};

QTEST_GUILESS_MAIN(TestStreams)
#include "tst_streams.moc"
