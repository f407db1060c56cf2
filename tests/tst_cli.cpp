// passthrough-cli as a user and a render farm meet it: real processes, the shared VR clips,
// kill -9 in the middle of a job and resume, every broken file, exit codes and output formats.
#include "job/jobstore.h"
#include "media/chunkjoiner.h"
#include "media/mediainfo.h"
#include "pipeline/folderwatch.h"
#include "support/testmedia.h"
#include "util/error.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QTime>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <random>
#include <thread>

using namespace passthrough;
using namespace passthrough::test;

class TestCli : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_model;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_model = QString::fromStdString(writeTestModel(m_dir.path().toStdString()).string());
    }

    void helpAndUsage()
    {
        ProcessResult r = runCli({ QStringLiteral("--help") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("resume JOB")) && r.out.contains(QStringLiteral("Exit codes")));
        r = runCli({ QStringLiteral("--version") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.startsWith(QStringLiteral("passthrough-cli ")));
        QCOMPARE(runCli({ QStringLiteral("frobnicate") }).exitCode, 1);
        QCOMPARE(runCli({ QStringLiteral("process"), QStringLiteral("x.mp4") }).exitCode, 1);
        r = runCli({ QStringLiteral("process"), QStringLiteral("--help") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("--segment-seconds")));
        r = runCli({ QStringLiteral("process"),
            QString::fromStdString(sharedMedia("clips/office_walkin_768x432_10fps.mp4").string()),
            QStringLiteral("-o"), path(QStringLiteral("x.mp4")), QStringLiteral("--model"), m_model,
            QStringLiteral("--packing"), QStringLiteral("sparkles") });
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("sparkles")));
        QVERIFY(runCli({ QStringLiteral("process"), QStringLiteral("--help") })
                    .out.contains(QStringLiteral("--roi <auto|off>")));
        r = runCli({ QStringLiteral("process"),
            QString::fromStdString(sharedMedia("clips/office_walkin_768x432_10fps.mp4").string()),
            QStringLiteral("-o"), path(QStringLiteral("x.mp4")), QStringLiteral("--model"), m_model,
            QStringLiteral("--roi"), QStringLiteral("sharp") });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("--roi takes auto or off, not 'sharp'")), qPrintable(r.err));
        // A span that ends before it starts is refused with the option named, before any work.
        const std::pair<QString, QString> backwards[]
            = { { QStringLiteral("--region"), QStringLiteral("remove:0,0.8,1,1@1:05-12") },
                  { QStringLiteral("--remove-person"), QStringLiteral("0.5,0.5@3@2:00-1:30") } };
        for (const auto& [option, value] : backwards) {
            r = runCli({ QStringLiteral("process"),
                QString::fromStdString(sharedMedia("clips/office_walkin_768x432_10fps.mp4").string()),
                QStringLiteral("-o"), path(QStringLiteral("x.mp4")), QStringLiteral("--model"), m_model,
                option, value });
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(option + QStringLiteral(" '") + value + QStringLiteral("'"))
                    && r.err.contains(QStringLiteral("before it starts")),
                qPrintable(r.err));
        }
        QVERIFY(!QFileInfo::exists(path(QStringLiteral("x.mp4.ptjob"))));
    }

    void probeJson()
    {
        const ProcessResult r = runCli({ QStringLiteral("probe"),
            QString::fromStdString(sharedMedia("vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4").string()),
            QStringLiteral("--json") });
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o[QStringLiteral("frameCount")].toInt(), 300);
        QCOMPARE(o[QStringLiteral("layout")].toObject()[QStringLiteral("tag")].toString(),
            QStringLiteral("LR_FISHEYE190"));
        QCOMPARE(o[QStringLiteral("layout")].toObject()[QStringLiteral("decidedBy")].toString(),
            QStringLiteral("filename tags _LR, _FISHEYE190"));
    }

    // The issue's central promise: kill -9 a worker mid-job, resume, lose nothing finished.
    // The shared plaza walk at half size (1024x512, all 300 frames, its audio copied): what is
    // tested is the kill and the resume, and the full size made this the slowest function of the
    // suite under the sanitizers (216 s; their allocator maps every large tensor afresh).
    void killDashNineThenResume()
    {
        const QString source = path(QStringLiteral("plaza_half_FISHEYE190_LR.mp4"));
        makeScaledCopy(
            sharedMedia("vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4"), source.toStdString(), 1024, 512);
        const QString output = path(QStringLiteral("plaza_matte.mp4"));
        QProcess worker;
        worker.start(QString::fromStdString(cliPath().string()),
            { QStringLiteral("process"), source, QStringLiteral("-o"), output, QStringLiteral("--model"),
                m_model, QStringLiteral("--segment-seconds"), QStringLiteral("2"), QStringLiteral("--preset"),
                QStringLiteral("ultrafast") });
        QVERIFY(worker.waitForStarted());
        JobStore store(output.toStdString() + ".ptjob");
        JobRecord atKill;
        bool killed = false;
        for (int i = 0; i < 1200 && !killed; ++i) { // up to 2 minutes
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            if (!store.exists()) {
                continue;
            }
            atKill = store.load();
            if (atKill.countWithStatus(SegmentStatus::Done) >= 2
                && atKill.countWithStatus(SegmentStatus::Running) == 1) {
                worker.kill(); // SIGKILL: no chance to clean up
                killed = true;
            }
        }
        QVERIFY2(killed, "the worker never reached two finished segments");
        QVERIFY(worker.waitForFinished());
        QCOMPARE(worker.exitStatus(), QProcess::CrashExit);
        atKill = store.load(); // what was on disk when the process died
        QVERIFY(!QFile::exists(output));

        std::map<int, std::filesystem::file_time_type> finished;
        int interrupted = -1;
        for (const auto& s : atKill.segments) {
            if (s.status == SegmentStatus::Done) {
                finished[s.index] = std::filesystem::last_write_time(store.chunkPath(atKill, s));
            } else if (s.status == SegmentStatus::Running) {
                interrupted = s.index;
            }
        }
        QVERIFY(finished.size() >= 2);
        QVERIFY(interrupted >= 0);

        const ProcessResult status = runCli({ QStringLiteral("status"), output + QStringLiteral(".ptjob") });
        QCOMPARE(status.exitCode, 0);
        QVERIFY(status.out.contains(QStringLiteral("1 running")));

        const ProcessResult resumed
            = runCli({ QStringLiteral("resume"), output + QStringLiteral(".ptjob/job.json") });
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        const JobRecord after = store.load();
        for (const auto& [index, time] : finished) {
            const auto& s = after.segments[std::size_t(index)];
            QCOMPARE(s.attempts, 1); // not redone
            QCOMPARE(std::filesystem::last_write_time(store.chunkPath(after, s)), time); // not rewritten
        }
        QCOMPARE(after.segments[std::size_t(interrupted)].attempts, 2);
        QCOMPARE(after.countWithStatus(SegmentStatus::Done), int(after.segments.size()));

        // The output equals a straight run: every source frame at its time, audio in sync.
        const DecodedVideo in = decodeVideo(source.toStdString());
        const DecodedVideo out = decodeVideo(output.toStdString());
        QCOMPARE(out.seconds.size(), std::size_t(300));
        for (std::size_t i = 0; i < in.seconds.size(); ++i) {
            QVERIFY(std::abs(out.seconds[i] - in.seconds[i]) < 1e-4);
        }
        const MediaInfo info = probeMedia(output.toStdString());
        const double video = info.ptsToSeconds(info.endPts - info.framePts.front());
        QVERIFY(std::abs(audioDurationSeconds(output.toStdString()) - video) <= 1.0 / 30.0);
        for (const auto& entry : std::filesystem::directory_iterator(store.chunkFolder())) {
            QVERIFY2(entry.path().filename().string().find(".partial") == std::string::npos,
                entry.path().c_str()); // no partial chunk is left
        }
    }

    void brokenFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("problem");
        QTest::newRow("empty") << "empty.mp4" << 2 << "the file is empty";
        QTest::newRow("text") << "not_a_video.mp4" << 2 << "not a video file";
        QTest::newRow("no moov") << "truncated_no_moov.mp4" << 2 << "not a video file";
        QTest::newRow("audio only") << "audio_only.mp4" << 2 << "has no video stream";
        QTest::newRow("truncated") << "truncated_tail.mp4" << 2 << "is truncated";
        QTest::newRow("corrupt middle") << "corrupt_middle.mp4" << 3 << "is damaged";
        // The same damage (16 KiB of pseudo-random bytes over the middle) in a 512x256 copy of
        // the office walk-in: the damaged-segment path at a size the sanitizers run in seconds.
        QTest::newRow("corrupt middle, small") << "" << 3 << "is damaged";
    }
    void brokenFiles()
    {
        QFETCH(QString, file);
        QFETCH(int, exitCode);
        QFETCH(QString, problem);
        QString source;
        if (file.isEmpty()) {
            source = path(QStringLiteral("small_corrupt_LR_180.mp4"));
            makeScaledCopy(
                sharedMedia("vr/office_walkin_2048x1024_LR_180.mp4"), source.toStdString(), 512, 256);
            QFile damaged(source);
            QVERIFY(damaged.open(QIODevice::ReadWrite));
            QVERIFY(damaged.seek(damaged.size() / 2 / 4096 * 4096));
            std::mt19937 random(7);
            QByteArray noise(16384, Qt::Uninitialized);
            for (char& c : noise) {
                c = char(random() & 0xff);
            }
            QCOMPARE(damaged.write(noise), noise.size());
        } else {
            // The shared 2048x1024 file takes 184 s under the sanitizers (their allocator maps
            // every large tensor afresh); the small row above runs the same path there.
            if (file == QStringLiteral("corrupt_middle.mp4") && qEnvironmentVariableIsSet("PTS_SANITIZED")) {
                QSKIP("the full-size damaged file runs in the release suite");
            }
            source = QString::fromStdString(sharedMedia("broken/" + file.toStdString()).string());
        }
        const QString output
            = path(QStringLiteral("broken_") + (file.isEmpty() ? QStringLiteral("small.mp4") : file));
        const ProcessResult r = runCli({ QStringLiteral("process"), source, QStringLiteral("-o"), output,
            QStringLiteral("--model"), m_model, QStringLiteral("--segment-seconds"), QStringLiteral("2"),
            QStringLiteral("--preset"), QStringLiteral("ultrafast") });
        QVERIFY2(r.exitCode == exitCode, qPrintable(QString::number(r.exitCode) + QLatin1Char(' ') + r.err));
        QVERIFY2(r.err.contains(source) && r.err.contains(problem), qPrintable(r.err));
        QVERIFY(!QFile::exists(output));
        QVERIFY(!r.err.contains(QStringLiteral("[h264 @"))); // libav noise stays hidden
    }

    void videoWithoutAudio()
    {
        const QString source = QString::fromStdString(
            sharedMedia("broken/video_no_audio_2048x1024_FISHEYE190_LR.mp4").string());
        const QString output = path(QStringLiteral("no_audio.mkv"));
        const ProcessResult r = runCli(
            { QStringLiteral("process"), source, QStringLiteral("-o"), output, QStringLiteral("--model"),
                m_model, QStringLiteral("--preset"), QStringLiteral("ultrafast"), QStringLiteral("--json") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(audioDurationSeconds(output.toStdString()), -1.0);
        QCOMPARE(probeMedia(output.toStdString()).frameCount, 90);
        // --json: one object per line, ending with "finished".
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.size() >= 3);
        for (const QString& line : lines) {
            QVERIFY2(QJsonDocument::fromJson(line.toUtf8()).isObject(), qPrintable(line));
        }
        QCOMPARE(QJsonDocument::fromJson(lines.last().toUtf8()).object()[QStringLiteral("event")].toString(),
            QStringLiteral("finished"));
    }

    // Each output target (--preset-target) through a real job on a small stereo fisheye clip: the
    // job records the target and the settings it stands for, and the output is what it names.
    void presetTargetsMakeWhatTheyName_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("packing");
        QTest::addColumn<int>("crf");
        QTest::addColumn<QString>("codec");
        QTest::addColumn<QString>("extension");
        QTest::newRow("headset") << QStringLiteral("headset") << QStringList {}
                                 << QStringLiteral("fisheye-alpha") << 20 << QStringLiteral("hevc")
                                 << QStringLiteral("mp4");
        QTest::newRow("skybox, fast")
            << QStringLiteral("skybox") << QStringList { QStringLiteral("--quality"), QStringLiteral("fast") }
            << QStringLiteral("greenscreen") << 23 << QStringLiteral("hevc") << QStringLiteral("mp4");
        QTest::newRow("greenscreen, best, own CRF")
            << QStringLiteral("greenscreen")
            << QStringList { QStringLiteral("--quality"), QStringLiteral("best"), QStringLiteral("--crf"),
                   QStringLiteral("30") }
            << QStringLiteral("greenscreen") << 30 << QStringLiteral("hevc") << QStringLiteral("mp4");
        QTest::newRow("editing") << QStringLiteral("editing") << QStringList {}
                                 << QStringLiteral("prores4444") << 20 << QStringLiteral("prores")
                                 << QStringLiteral("mov");
        QTest::newRow("matte") << QStringLiteral("matte") << QStringList {} << QStringLiteral("matte") << 20
                               << QStringLiteral("hevc") << QStringLiteral("mp4");
    }

    void presetTargetsMakeWhatTheyName()
    {
        QFETCH(QString, target);
        QFETCH(QStringList, extra);
        QFETCH(QString, packing);
        QFETCH(int, crf);
        QFETCH(QString, codec);
        QFETCH(QString, extension);
        static const std::filesystem::path clip
            = makeClip(m_dir.path().toStdString(), "presets_LR_FISHEYE190.mp4", 256, 128, 1.0);
        const QString output = path(QStringLiteral("preset_%1_%2.%3").arg(target).arg(crf).arg(extension));
        const ProcessResult r
            = runCli(QStringList { QStringLiteral("process"), QString::fromStdString(clip.string()),
                         QStringLiteral("-o"), output, QStringLiteral("--model"), m_model,
                         QStringLiteral("--preset-target"), target }
                + extra);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile file(output + QStringLiteral(".ptjob/job.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject settings
            = QJsonDocument::fromJson(file.readAll()).object()[QStringLiteral("settings")].toObject();
        QCOMPARE(settings[QStringLiteral("target")].toString(), target);
        QCOMPARE(settings[QStringLiteral("packing")].toString(), packing);
        QCOMPARE(settings[QStringLiteral("encoder")].toObject()[QStringLiteral("crf")].toInt(), crf);
        const QJsonObject stream
            = ffprobe(output.toStdString())[QStringLiteral("streams")].toArray().first().toObject();
        QCOMPARE(stream[QStringLiteral("codec_name")].toString(), codec);
        if (target == QLatin1String("editing")) {
            QCOMPARE(stream[QStringLiteral("pix_fmt")].toString().left(6), QStringLiteral("yuva44"));
        }
    }

    void unknownTargetAndLoneQualityAreRefused()
    {
        const QString clip
            = QString::fromStdString(sharedMedia("clips/office_walkin_768x432_10fps.mp4").string());
        ProcessResult r = runCli({ QStringLiteral("process"), clip, QStringLiteral("-o"),
            path(QStringLiteral("t.mp4")), QStringLiteral("--model"), m_model,
            QStringLiteral("--preset-target"), QStringLiteral("cardboard") });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("cardboard")) && r.err.contains(QStringLiteral("headset")),
            qPrintable(r.err));
        r = runCli({ QStringLiteral("process"), clip, QStringLiteral("-o"), path(QStringLiteral("t.mp4")),
            QStringLiteral("--model"), m_model, QStringLiteral("--quality"), QStringLiteral("best") });
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("--preset-target")), qPrintable(r.err));
        r = runCli({ QStringLiteral("process"), QStringLiteral("--help") });
        QVERIFY2(r.out.simplified().contains(
                     QStringLiteral("headset: Quest / Pico / Vision Pro in HereSphere or DeoVR.")),
            qPrintable(r.out));
    }

    // The folder watch's rules with the clock in the test's hand: a file is ready once its size
    // has not changed for the settle time, a growing one is waited for, each is reported once;
    // time windows, past midnight too.
    void folderWatchRules()
    {
        QTemporaryDir in;
        const std::filesystem::path folder = in.path().toStdString();
        FolderWatch watch(folder, 10.0);
        std::ofstream(folder / "a.mp4", std::ios::binary) << std::string(1000, 'a');
        std::ofstream(folder / "notes.txt") << "not a video";
        std::ofstream(folder / ".b.mp4.partial", std::ios::binary) << "hidden";
        QVERIFY(watch.scan(0.0).empty()); // first seen
        QCOMPARE(watch.pending(), 1);
        QVERIFY(watch.scan(9.0).empty()); // not settled yet
        std::ofstream(folder / "c.MOV", std::ios::binary) << std::string(10, 'c');
        QCOMPARE(watch.scan(10.0), std::vector<std::filesystem::path> { folder / "a.mp4" });
        // c grows: its clock starts again at each change.
        std::ofstream(folder / "c.MOV", std::ios::app | std::ios::binary) << std::string(10, 'c');
        QVERIFY(watch.scan(15.0).empty());
        QVERIFY(watch.scan(24.0).empty());
        QCOMPARE(watch.scan(25.0), std::vector<std::filesystem::path> { folder / "c.MOV" });
        QVERIFY(watch.scan(100.0).empty()); // each file once
        QCOMPARE(watch.pending(), 0);

        const TimeWindow night = parseTimeWindow("22:00-06:00");
        QVERIFY(night.contains(23 * 60) && night.contains(0) && night.contains(5 * 60 + 59));
        QVERIFY(!night.contains(6 * 60) && !night.contains(12 * 60) && !night.contains(21 * 60 + 59));
        const TimeWindow day = parseTimeWindow("09:30-17:00");
        QVERIFY(day.contains(9 * 60 + 30) && !day.contains(17 * 60) && !day.contains(9 * 60 + 29));
        QVERIFY_THROWS_EXCEPTION(Error, parseTimeWindow("25:00-06:00"));
        QVERIFY_THROWS_EXCEPTION(Error, parseTimeWindow("tonight"));
    }

    // `watch --once` on a real folder: a file being copied in (written in three parts, a second
    // apart) is waited for and comes out whole; a second run skips what is done and touches
    // nothing; a new file outside --between waits.
    void watchFolderRunsEachFileOnce()
    {
        QTemporaryDir work;
        const std::filesystem::path root = work.path().toStdString();
        const std::filesystem::path in = root / "in";
        const std::filesystem::path out = root / "out";
        std::filesystem::create_directories(in);
        const auto made = makeClip(root, "made.mp4", 256, 128, 1.0);
        std::filesystem::copy_file(made, in / "first.mp4");
        std::ifstream whole(made, std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(whole)), {});
        const auto part = std::streamsize(bytes.size() / 3);
        std::ofstream(in / "growing.mp4", std::ios::binary).write(bytes.data(), part);
        const QStringList common { QStringLiteral("-o"), QString::fromStdString(out.string()),
            QStringLiteral("--model"), m_model, QStringLiteral("--packing"), QStringLiteral("matte"),
            QStringLiteral("--preset"), QStringLiteral("ultrafast"), QStringLiteral("--settle-seconds"),
            QStringLiteral("2"), QStringLiteral("--poll-seconds"), QStringLiteral("0.3"),
            QStringLiteral("--once") };
        QProcess watch;
        watch.start(QString::fromStdString(cliPath().string()),
            QStringList { QStringLiteral("watch"), QString::fromStdString(in.string()) } + common);
        QVERIFY(watch.waitForStarted());
        for (int i = 1; i < 3; ++i) {
            QTest::qWait(1000);
            std::ofstream(in / "growing.mp4", std::ios::app | std::ios::binary)
                .write(bytes.data() + i * part, i == 2 ? std::streamsize(bytes.size()) - 2 * part : part);
        }
        QVERIFY(watch.waitForFinished(180000));
        const QString said = QString::fromUtf8(watch.readAllStandardOutput())
            + QString::fromUtf8(watch.readAllStandardError());
        QVERIFY2(watch.exitCode() == 0, qPrintable(said));
        for (const char* name : { "first_matte.mp4", "growing_matte.mp4" }) {
            QVERIFY2(std::filesystem::exists(out / name), qPrintable(said));
            QCOMPARE(countVideoPackets(out / name), 30);
        }
        const auto firstTime = std::filesystem::last_write_time(out / "first_matte.mp4");

        // Again: both skipped, nothing written.
        ProcessResult again
            = runCli(QStringList { QStringLiteral("watch"), QString::fromStdString(in.string()) } + common);
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QCOMPARE(again.out.count(QStringLiteral("skipped")), 2);
        QCOMPARE(std::filesystem::last_write_time(out / "first_matte.mp4"), firstTime);

        // A new file with a window that is not now: it waits, and --once leaves it for later.
        std::filesystem::copy_file(made, in / "later.mp4");
        const QTime now = QTime::currentTime();
        const QString closed
            = QStringLiteral("%1-%2").arg(now.addSecs(2 * 3600).toString(QStringLiteral("HH:mm")),
                now.addSecs(3 * 3600).toString(QStringLiteral("HH:mm")));
        again = runCli(QStringList { QStringLiteral("watch"), QString::fromStdString(in.string()) } + common
            + QStringList { QStringLiteral("--between"), closed });
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QVERIFY2(again.out.contains(QStringLiteral("outside")), qPrintable(again.out));
        QVERIFY(!std::filesystem::exists(out / "later_matte.mp4"));
        const QString open = QStringLiteral("%1-%2").arg(now.addSecs(-3600).toString(QStringLiteral("HH:mm")),
            now.addSecs(3600).toString(QStringLiteral("HH:mm")));
        again = runCli(QStringList { QStringLiteral("watch"), QString::fromStdString(in.string()) } + common
            + QStringList { QStringLiteral("--between"), open });
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        QCOMPARE(countVideoPackets(out / "later_matte.mp4"), 30);
    }

    void previewWritesFourPanels()
    {
        const QString png = path(QStringLiteral("preview.png"));
        const ProcessResult r = runCli({ QStringLiteral("preview"),
            QString::fromStdString(sharedMedia("vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4").string()),
            QStringLiteral("--frame"), QStringLiteral("45"), QStringLiteral("-o"), png,
            QStringLiteral("--model"), m_model, QStringLiteral("--preset-target"), QStringLiteral("headset"),
            QStringLiteral("--quality"), QStringLiteral("fast") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const MediaInfo info = probeMedia(png.toStdString());
        QCOMPARE(info.width, 4 * 960);
        QCOMPARE(info.height, 480);
        // The cost of the whole job at these settings, as the window shows it before Start.
        const QRegularExpression estimate(QStringLiteral(
            R"(matting ran at ([0-9.]+) frames/s here; the whole video \(300 frames\) at these settings: )"
            R"(about (\d+) min, \d+ [kM]B)"));
        const auto match = estimate.match(r.out);
        QVERIFY2(match.hasMatch(), qPrintable(r.out));
        // 300 frames at the printed speed (two decimals) with encoding on top, in whole minutes up.
        const double fps = match.captured(1).toDouble();
        const auto minutesAt = [](double f) { return std::max(1, int(std::ceil(300.0 / f * 1.25 / 60.0))); };
        const int said = match.captured(2).toInt();
        QVERIFY2(
            fps > 0.0 && said >= minutesAt(fps + 0.005) && said <= minutesAt(fps - 0.005), qPrintable(r.out));
        const ProcessResult outside = runCli({ QStringLiteral("preview"),
            QString::fromStdString(sharedMedia("vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4").string()),
            QStringLiteral("--frame"), QStringLiteral("300"), QStringLiteral("-o"), png,
            QStringLiteral("--model"), m_model });
        QCOMPARE(outside.exitCode, 1);
        QVERIFY(outside.err.contains(QStringLiteral("has 300 frames")));
        const ProcessResult noJob = runCli({ QStringLiteral("preview"),
            QString::fromStdString(sharedMedia("vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4").string()),
            QStringLiteral("--frame"), QStringLiteral("3"), QStringLiteral("-o"), png,
            QStringLiteral("--model"), m_model, QStringLiteral("--job-dir"), path(QStringLiteral("job")) });
        QCOMPARE(noJob.exitCode, 1);
        QVERIFY2(noJob.err.contains(QStringLiteral("takes no --job-dir")), qPrintable(noJob.err));
        // With a range, the cost of its frames only: 2 s to 5 s at 30 frames/s.
        const ProcessResult part = runCli({ QStringLiteral("preview"),
            QString::fromStdString(sharedMedia("vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4").string()),
            QStringLiteral("--frame"), QStringLiteral("75"), QStringLiteral("-o"), png,
            QStringLiteral("--model"), m_model, QStringLiteral("--range"), QStringLiteral("2-5") });
        QVERIFY2(part.exitCode == 0, qPrintable(part.err));
        QVERIFY2(part.out.contains(
                     QStringLiteral("; the range from 2 s to 5 s (90 frames) at these settings: about")),
            qPrintable(part.out));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
