// Trust nothing on disk, as a user meets it through the real CLI: a hostile or old job.json,
// relative paths, a second process on a folder in use, job-wide failures (an encoder missing
// here, a full disk on a real small file system) that stop the job once and leave it
// resumable, durable commits seen in the system calls, and an output verified by its frames.
#include "job/jobstore.h"
#include "media/chunkjoiner.h"
#include "media/mediainfo.h"
#include "packing/outputencoding.h"
#include "support/testmedia.h"
#include "util/durablefile.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <map>
#include <thread>
#include <unistd.h>

using namespace passthrough;
using namespace passthrough::test;

namespace {

QString q(const std::filesystem::path& path)
{
    return QString::fromStdString(path.string());
}

std::map<int, std::filesystem::file_time_type> chunkTimes(const JobStore& store, const JobRecord& job)
{
    std::map<int, std::filesystem::file_time_type> times;
    for (const auto& s : job.segments) {
        if (s.status == SegmentStatus::Done) {
            times[s.index] = std::filesystem::last_write_time(store.chunkPath(job, s));
        }
    }
    return times;
}

int countOf(const QString& text, const QString& needle)
{
    return int(text.count(needle));
}

} // namespace

class TestJobSafety : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_model;
    std::filesystem::path m_clip; // 3 s, 320x180, mono, with audio

    std::filesystem::path path(const std::string& name) const
    {
        return std::filesystem::path(m_dir.path().toStdString()) / name;
    }

    QStringList processArgs(const std::filesystem::path& source, const std::filesystem::path& output) const
    {
        return { QStringLiteral("process"), q(source), QStringLiteral("-o"), q(output),
            QStringLiteral("--model"), m_model, QStringLiteral("--segment-seconds"), QStringLiteral("1"),
            QStringLiteral("--preset"), QStringLiteral("ultrafast") };
    }

    // A job folder an earlier release wrote (tests/fixtures/jobs/vN: killed after two of five
    // segments), placed in `where` beside a copy of its source with the modification time the
    // job recorded, and pointed at this checkout's model (same file, other folder). Version 1
    // kept relative paths; from version 2 on they are absolute, so they are moved with it, as
    // a user moving the folder would edit them.
    std::filesystem::path placeOldJob(const std::filesystem::path& where, int version = 1)
    {
        std::filesystem::create_directories(where);
        const auto folder = where / "out_matte.mp4.ptjob";
        std::filesystem::copy(fixturesDir() / ("jobs/v" + std::to_string(version) + "/out_matte.mp4.ptjob"),
            folder, std::filesystem::copy_options::recursive);
        if (version >= 2) {
            editJobFile(
                folder / "job.json", "/source/path", nlohmann::json((where / "src.mp4").string()).dump());
            editJobFile(
                folder / "job.json", "/output", nlohmann::json((where / "out_matte.mp4").string()).dump());
        }
        std::filesystem::copy_file(sharedMedia("clips/office_walkin_768x432_10fps.mp4"), where / "src.mp4");
        const auto job = nlohmann::json::parse(readWholeFile(folder / "job.json"));
        QFile source(q(where / "src.mp4"));
        source.open(QIODevice::ReadWrite);
        source.setFileTime(
            QDateTime::fromMSecsSinceEpoch(job.at("source").at("fingerprint").at("modifiedMs").get<qint64>()),
            QFileDevice::FileModificationTime);
        source.close();
        editJobFile(folder / "job.json", "/model/path",
            nlohmann::json((sharedDir() / "models/rvm_mobilenetv3.pth").string()).dump());
        return folder;
    }

    // Resumes an old job folder (`job` as the command line names it, run in `workingDirectory`)
    // and checks what every upgrade must keep: the job joins, job.json is upgraded to this
    // schema, the two finished segments are not redone (one attempt, chunk untouched), the
    // interrupted one is, and the output has all 100 frames. `stored` is job.json afterwards.
    void resumeOldJob(const std::filesystem::path& folder, const QString& job,
        const QString& workingDirectory, nlohmann::json& stored)
    {
        JobStore store(folder);
        const auto times = chunkTimes(store, store.load());
        QCOMPARE(times.size(), std::size_t(2));
        const ProcessResult r = runCli({ QStringLiteral("resume"), job }, 600000, workingDirectory);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const JobRecord after = store.load();
        QVERIFY(after.joined);
        stored = nlohmann::json::parse(readWholeFile(store.jobFile()));
        QCOMPARE(stored.at("schemaVersion").get<int>(), kJobSchemaVersion);
        for (const auto& [index, time] : times) {
            QCOMPARE(after.segments[std::size_t(index)].attempts, 1);
            QCOMPARE(
                std::filesystem::last_write_time(store.chunkPath(after, after.segments[std::size_t(index)])),
                time);
        }
        QCOMPARE(after.segments[2].attempts, 2); // it was running when the process was killed
        QCOMPARE(countVideoPackets(folder.parent_path() / "out_matte.mp4"), 100);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_model = q(writeTestModel(m_dir.path().toStdString()));
        m_clip = makeClip(m_dir.path().toStdString(), "clip.mp4", 320, 180, 3.0);
    }

    // A job written by the previous release resumes and finishes: its two done segments are
    // not redone, the interrupted one is, and job.json is upgraded with absolute paths.
    void versionOneJobResumesAndFinishes()
    {
        const auto where = path("v1");
        const auto folder = placeOldJob(where);
        nlohmann::json stored;
        // Relative paths of version 1 were relative to where the job was started.
        resumeOldJob(folder, QStringLiteral("out_matte.mp4.ptjob"), q(where), stored);
        if (QTest::currentTestFailed()) {
            return;
        }
        QCOMPARE(stored.at("source").at("path").get<std::string>(), (where / "src.mp4").string());
    }

    // The job folder of release 0.2 (schema 2, before matte controls) resumes and finishes the
    // same way, with no scene-cut resets in the segments it still has to do.
    void versionTwoJobResumesAndFinishes()
    {
        const auto folder = placeOldJob(path("v2"), 2);
        QVERIFY(!JobStore(folder).load().settings.matte.sceneCuts);
        nlohmann::json stored;
        resumeOldJob(folder, q(folder), {}, stored);
        if (QTest::currentTestFailed()) {
            return;
        }
        QCOMPARE(stored.at("settings").at("matte").at("sceneCuts").get<std::string>(), std::string("off"));
    }

    // The job folder of schema 3 (before the encoder's low-memory setting) resumes with the x265
    // settings it was started with, so that above 4K its remaining chunks would join the others.
    void versionThreeJobResumesAndFinishes()
    {
        const auto folder = placeOldJob(path("v3"), 3);
        const JobRecord before = JobStore(folder).load();
        QVERIFY(!before.settings.encoder.lowMemory);
        QVERIFY(before.settings.matte.sceneCuts); // version 3 knew scene cuts
        nlohmann::json stored;
        resumeOldJob(folder, q(folder), {}, stored);
        if (QTest::currentTestFailed()) {
            return;
        }
        QCOMPARE(stored.at("settings").at("encoder").at("lowMemory").get<bool>(), false);
    }

    // The job folder of schema 4 (before the person choices) resumes keeping everyone, as its
    // finished segments did, and needs no person model.
    void versionFourJobResumesAndFinishes()
    {
        const auto folder = placeOldJob(path("v4"), 4);
        const JobRecord before = JobStore(folder).load();
        QVERIFY(!before.settings.matte.people.active());
        nlohmann::json stored;
        resumeOldJob(folder, q(folder), {}, stored);
        if (QTest::currentTestFailed()) {
            return;
        }
        QCOMPARE(
            stored.at("settings").at("matte").at("people").at("pov").get<std::string>(), std::string("off"));
        QCOMPARE(stored.at("minReaderVersion").get<int>(), kJobMinReaderVersion);
        QVERIFY(!std::filesystem::exists(folder / "people.bin"));
    }

    // The job folder of schema 5 (before the person model's input size) found its people at 256:
    // it resumes at 256 from the people.bin it left, byte for byte, without the person model.
    void versionFiveJobResumesWithItsPeople()
    {
        const auto folder = placeOldJob(path("v5"), 5);
        const JobRecord before = JobStore(folder).load();
        QCOMPARE(before.settings.matte.people.maxPeople, 1);
        QCOMPARE(before.settings.matte.people.detectionSize, 256);
        const std::string people = readWholeFile(folder / "people.bin");
        nlohmann::json stored;
        resumeOldJob(folder, q(folder), {}, stored);
        if (QTest::currentTestFailed()) {
            return;
        }
        QCOMPARE(stored.at("settings").at("matte").at("people").at("detectionSize").get<int>(), 256);
        QCOMPARE(stored.at("minReaderVersion").get<int>(), kJobMinReaderVersion);
        QVERIFY(readWholeFile(folder / "people.bin") == people);
        const std::string log = readWholeFile(folder / "job.log");
        QVERIFY2(log.find("finding the people") == log.rfind("finding the people"), log.c_str());
    }

    // Version 1 trusted a segment's stored chunk name: a job.json from someone else could make
    // `resume` rename a chunk over any file. Names are derived now; the file stays untouched.
    void chunkNamesAreNeverReadFromTheJobFile()
    {
        const auto where = path("hostile_v1");
        const auto folder = placeOldJob(where);
        const auto victim = where / "precious.txt";
        std::ofstream(victim) << "precious";
        editJobFile(folder / "job.json", "/segments/3/chunk", nlohmann::json(victim.string()).dump());
        const ProcessResult r = runCli({ QStringLiteral("resume"), q(folder) }, 600000, q(where));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(readWholeFile(victim), std::string("precious"));
        QVERIFY(std::filesystem::exists(folder / "chunks/seg00003.nut"));
    }

    void hostileOutputIsRefused_data()
    {
        QTest::addColumn<QString>("output"); // relative to the test folder, or absolute
        QTest::addColumn<QString>("message");
        QTest::newRow("someone's file") << "victim_matte.mp4"
                                        << "already exists and is not this job's output";
        QTest::newRow("relative path") << "../../relative.mp4"
                                       << "output must be an absolute path";
        QTest::newRow("inside the job folder") << "refused_matte.mp4.ptjob/chunks/x.mp4"
                                               << "lies inside the job folder";
        QTest::newRow("a folder") << "afolder.mp4"
                                  << "is a folder";
        QTest::newRow("the source itself") << "clip.mp4"
                                           << "is the source itself";
    }
    void hostileOutputIsRefused()
    {
        QFETCH(QString, output);
        QFETCH(QString, message);
        static bool made = false;
        const auto target = path("refused_matte.mp4");
        const auto folder = path("refused_matte.mp4.ptjob");
        if (!made) {
            const ProcessResult r = runCli(processArgs(m_clip, target));
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            std::ofstream(path("victim_matte.mp4")) << "someone else's video";
            std::filesystem::create_directories(path("afolder.mp4"));
            made = true;
        }
        const std::string value = output.startsWith(QStringLiteral("../"))
            ? output.toStdString()
            : path(output.toStdString()).string();
        editJobFile(folder / "job.json", "/output", nlohmann::json(value).dump());
        editJobFile(folder / "job.json", "/joined", "false");
        const auto clipBefore = readWholeFile(m_clip);
        const ProcessResult r = runCli({ QStringLiteral("resume"), q(folder) });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(q(folder / "job.json")) && r.err.contains(message), qPrintable(r.err));
        QCOMPARE(readWholeFile(path("victim_matte.mp4")), std::string("someone else's video"));
        QVERIFY(readWholeFile(m_clip) == clipBefore);
        editJobFile(folder / "job.json", "/output", nlohmann::json(target.string()).dump());
    }

    // Paths are stored absolute: `resume` works from any folder, and the output lands where the
    // job was made for, not relative to wherever resume runs.
    void relativePathsAreStoredAbsolute()
    {
        const auto a = path("cwd_a");
        const auto b = path("cwd_b");
        std::filesystem::create_directories(a);
        std::filesystem::create_directories(b);
        std::filesystem::copy_file(m_clip, a / "in.mp4");
        QStringList args = processArgs("in.mp4", "out/in_matte.mp4");
        ProcessResult r = runCli(args, 600000, q(a));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        JobStore store(a / "out/in_matte.mp4.ptjob");
        const JobRecord job = store.load();
        QCOMPARE(job.source.path, (a / "in.mp4").string());
        QCOMPARE(job.output, (a / "out/in_matte.mp4").string());
        QCOMPARE(job.model.path, m_model.toStdString());
        std::filesystem::remove(a / "out/in_matte.mp4");
        r = runCli(
            { QStringLiteral("resume"), QStringLiteral("../cwd_a/out/in_matte.mp4.ptjob") }, 600000, q(b));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(countVideoPackets(a / "out/in_matte.mp4"), 90);
        QVERIFY(!std::filesystem::exists(b / "out"));
    }

    // One process per job folder: a second one refuses at once, naming who holds it; killing
    // the holder with SIGKILL frees the folder for `resume`.
    void secondProcessOnAFolderIsRefused()
    {
        // The plaza walk at half size (1024x512, all 300 frames): long enough to be caught running.
        const auto source = path("plaza_half_FISHEYE190_LR.mp4");
        makeScaledCopy(sharedMedia("vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4"), source, 1024, 512);
        const auto output = path("busy_matte.mp4");
        QProcess first;
        first.start(q(cliPath()), processArgs(source, output));
        QVERIFY(first.waitForStarted());
        JobStore store(path("busy_matte.mp4.ptjob"));
        bool running = false;
        for (int i = 0; i < 600 && !running; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            running = store.exists() && store.load().countWithStatus(SegmentStatus::Running) == 1;
        }
        QVERIFY(running);
        const auto started = std::chrono::steady_clock::now();
        const ProcessResult second = runCli({ QStringLiteral("resume"), q(store.folder()) });
        const double waited
            = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        QCOMPARE(second.exitCode, 2);
        QVERIFY2(second.err.contains(QStringLiteral("is in use by passthrough-cli (pid %1) on host %2")
                                         .arg(first.processId())
                                         .arg(QSysInfo::machineHostName())),
            qPrintable(second.err));
        QVERIFY2(waited < 10.0, qPrintable(QString::number(waited))); // at once, not after a timeout
        const ProcessResult third = runCli(processArgs(source, output));
        QCOMPARE(third.exitCode, 2);

        first.kill();
        first.waitForFinished();
        const ProcessResult resumed = runCli({ QStringLiteral("resume"), q(store.folder()) });
        QVERIFY2(resumed.exitCode == 0, qPrintable(resumed.err));
        QCOMPARE(countVideoPackets(output), 300);
    }

    // A job made with NVENC resumed on a machine without it stops before its first segment,
    // once, with one message; nothing is attempted, and once the encoder is there again (here:
    // the job set back to libx265) resume finishes without redoing anything done.
    void missingEncoderStopsTheJobOnce()
    {
        if (encoderUsable("hevc_nvenc")) {
            QSKIP("NVENC opens on this machine: the job's encoder is not missing here");
        }
        const auto output = path("encoder_matte.mp4");
        ProcessResult r = runCli(processArgs(m_clip, output));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        JobStore store(path("encoder_matte.mp4.ptjob"));
        JobRecord job = store.load();
        for (int index : { 1, 2 }) {
            std::filesystem::remove(store.chunkPath(job, job.segments[std::size_t(index)]));
            editJobFile(store.jobFile(), "/segments/" + std::to_string(index) + "/status", R"("pending")");
        }
        std::filesystem::remove(output);
        editJobFile(store.jobFile(), "/joined", "false");
        editJobFile(store.jobFile(), "/outputFingerprint", "null");
        editJobFile(store.jobFile(), "/settings/encoder/encoder", R"("hevc_nvenc")");
        job = store.load();
        const auto times = chunkTimes(store, job);

        r = runCli({ QStringLiteral("resume"), q(store.folder()) });
        QCOMPARE(r.exitCode, 5);
        QCOMPARE(countOf(r.err, QStringLiteral("stopped:")), 1);
        QVERIFY2(
            r.err.contains(QStringLiteral("hevc_nvenc does not open on this machine")), qPrintable(r.err));
        job = store.load();
        QCOMPARE(job.countWithStatus(SegmentStatus::Failed), 0);
        QCOMPARE(job.segments[1].attempts, 1); // not used up by the stop
        QVERIFY(job.segments[1].status == SegmentStatus::Pending);

        editJobFile(store.jobFile(), "/settings/encoder/encoder", R"("libx265")");
        r = runCli({ QStringLiteral("resume"), q(store.folder()) });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        job = store.load();
        QCOMPARE(job.segments[0].attempts, 1);
        QCOMPARE(job.segments[1].attempts, 2);
        QCOMPARE(chunkTimes(store, job)[0], times.at(0));
        QCOMPARE(countVideoPackets(output), 90);
    }

    // A full disk is a real small file system here (tmpfs, mounted by the test as root, as CI
    // runs): the job stops once, keeps what is done, and finishes after space is made.
    void fullDiskStopsTheJobOnce()
    {
        if (::geteuid() != 0) {
            QSKIP("mounting a small tmpfs needs root (CI runs as root)");
        }
        const auto small = path("small");
        // Chunks of this clip are about 300 KB: 1.2 MB holds the job file and a few of them.
        SmallDisk disk(small, "1200k");
        QVERIFY(disk.mounted());
        const auto source = sharedMedia("vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4");
        const auto output = small / "full_matte.mp4";
        QStringList args = processArgs(source, output);
        args[args.indexOf(QStringLiteral("1"))] = QStringLiteral("2"); // 2 s segments: five of them
        args << QStringLiteral("--no-space-check"); // the estimate would refuse it: this is about running out
        ProcessResult r = runCli(args);
        QCOMPARE(r.exitCode, 5);
        QCOMPARE(countOf(r.err, QStringLiteral("stopped:")), 1);
        QVERIFY2(r.err.contains(QStringLiteral("No space left on device")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("passthrough-cli resume")), qPrintable(r.err));
        JobStore store(small / "full_matte.mp4.ptjob");
        JobRecord job = store.load();
        QCOMPARE(job.countWithStatus(SegmentStatus::Failed), 0);
        const int done = job.countWithStatus(SegmentStatus::Done);
        QVERIFY2(done >= 1 && done < 5, qPrintable(QString::number(done)));
        for (const auto& s : job.segments) {
            // Done once each; the stopped segment did not use up an attempt (unless job.json
            // itself could not be written any more, which leaves it at its one attempt).
            QVERIFY(s.status == SegmentStatus::Done ? s.attempts == 1 : s.attempts <= 1);
        }
        const auto times = chunkTimes(store, job);

        QVERIFY(disk.resize("64m"));
        r = runCli({ QStringLiteral("resume"), q(store.folder()) });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        job = store.load();
        for (const auto& [index, time] : times) {
            QCOMPARE(job.segments[std::size_t(index)].attempts, 1);
            QCOMPARE(chunkTimes(store, job).at(index), time);
        }
        QCOMPARE(countVideoPackets(output), 300);
    }

    // The space check: a job whose estimate does not fit the output's disk (a real 6 MB tmpfs) is
    // refused before any work, naming the folder and the sizes, and nothing is written there;
    // --no-space-check starts it anyway, and it finishes (the estimate is the cautious side).
    void spaceCheckRefusesBeforeAnyWork()
    {
        if (::geteuid() != 0) {
            QSKIP("mounting a small tmpfs needs root (CI runs as root)");
        }
        const auto small = path("tiny");
        const SmallDisk disk(small, "6m");
        QVERIFY(disk.mounted());
        const auto source = sharedMedia("clips/office_walkin_768x432_10fps.mp4"); // 495 kB
        const auto output = small / "walkin_matte.mp4";
        QStringList args = processArgs(source, output);
        ProcessResult r = runCli(args);
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains(q(small)) && r.err.contains(QStringLiteral("free"))
                && r.err.contains(QStringLiteral("--no-space-check")),
            qPrintable(r.err));
        QVERIFY(std::filesystem::is_empty(small));
        r = runCli(args << QStringLiteral("--no-space-check"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(countVideoPackets(output), 100);
    }

    // Running out of memory in the model stops the job once and says what to lower; no segment
    // fails or uses up an attempt. The memory is limited as a small machine would be: the
    // process's address space capped at 4 GiB while the model runs at full resolution.
    void outOfMemoryStopsTheJobOnce()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("prlimit")).isEmpty()) {
            QSKIP("prlimit is not installed");
        }
        const auto output = path("oom_matte.mp4");
        QProcess cli;
        cli.start(QStringLiteral("prlimit"),
            { QStringLiteral("--as=%1").arg(4ll << 30), q(cliPath()), QStringLiteral("process"),
                q(sharedMedia("vr/asl_signers_3840x1920_FISHEYE190_LR.mp4")), QStringLiteral("-o"), q(output),
                QStringLiteral("--model"), q(sharedDir() / "models/rvm_mobilenetv3.pth"),
                QStringLiteral("--downsample"), QStringLiteral("1"), QStringLiteral("--segment-seconds"),
                QStringLiteral("1") });
        QVERIFY(cli.waitForFinished(300000));
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QCOMPARE(cli.exitCode(), 5);
        QCOMPARE(countOf(err, QStringLiteral("stopped:")), 1);
        QVERIFY2(
            err.contains(QStringLiteral("ran out of memory")) && err.contains(QStringLiteral("--downsample")),
            qPrintable(err));
        const JobRecord job = JobStore(path("oom_matte.mp4.ptjob")).load();
        QCOMPARE(job.countWithStatus(SegmentStatus::Pending), int(job.segments.size()));
        QCOMPARE(job.segments[0].attempts, 0);
    }

    // Durable commits, seen in the system calls the CLI makes: each chunk is flushed, renamed
    // and its folder flushed before job.json marks it done; the joined output the same.
    void commitsAreFlushedBeforeTheyCount()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("strace")).isEmpty()) {
            QSKIP("strace is not installed");
        }
        const auto output = path("durable_matte.mp4");
        const auto log = path("strace.log");
        QProcess traced;
        QStringList args { QStringLiteral("-f"), QStringLiteral("-y"), QStringLiteral("-e"),
            QStringLiteral("trace=fsync,fdatasync,rename,renameat,renameat2"), QStringLiteral("-o"), q(log),
            q(cliPath()) };
        args += processArgs(m_clip, output);
        traced.start(QStringLiteral("strace"), args);
        QVERIFY(traced.waitForFinished(300000));
        QCOMPARE(traced.exitCode(), 0);
        QStringList calls;
        for (const QString& line : QString::fromStdString(readWholeFile(log)).split(QLatin1Char('\n'))) {
            if (line.contains(QStringLiteral("fsync(")) || line.contains(QStringLiteral("rename"))) {
                calls << line;
            }
        }
        const QString folder = q(path("durable_matte.mp4.ptjob"));
        auto escaped = [](const QString& s) { return QRegularExpression::escape(s); };
        auto find = [&](const QString& pattern, int from) {
            const QRegularExpression re(pattern);
            for (int i = std::max(from, 0); i < calls.size(); ++i) {
                if (re.match(calls[i]).hasMatch()) {
                    return i;
                }
            }
            return -1;
        };
        // fsync(partial) < rename(partial -> final) < fsync(folder) < the next job.json write.
        auto checkCommit = [&](const QString& partial, const QString& final, const QString& parent) {
            const int flushed
                = find(QStringLiteral("fsync\\(\\d+<") + escaped(partial) + QStringLiteral(">"), 0);
            const int renamed = find(QStringLiteral("rename.*\"") + escaped(partial)
                    + QStringLiteral("\".*\"") + escaped(final) + QStringLiteral("\""),
                0);
            const int folderFlushed
                = find(QStringLiteral("fsync\\(\\d+<") + escaped(parent) + QStringLiteral(">"), renamed);
            const int marked = find(QStringLiteral("rename.*job\\.json\\.tmp-.*\"") + escaped(folder)
                    + QStringLiteral("/job\\.json\""),
                folderFlushed);
            QVERIFY2(flushed >= 0 && flushed < renamed && renamed < folderFlushed && folderFlushed < marked,
                qPrintable(final
                    + QStringLiteral(": %1 %2 %3 %4")
                          .arg(flushed)
                          .arg(renamed)
                          .arg(folderFlushed)
                          .arg(marked)));
        };
        for (int index = 0; index < 3; ++index) {
            checkCommit(folder + QStringLiteral("/chunks/seg0000%1.partial.nut").arg(index),
                folder + QStringLiteral("/chunks/seg0000%1.nut").arg(index),
                folder + QStringLiteral("/chunks"));
        }
        checkCommit(q(path("durable_matte.partial.mp4")), q(output), m_dir.path());
    }

    // `resume` checks the output's frames, not its existence: an empty file left by a power cut
    // is joined again; a file that changed since the job wrote it is not this job's any more.
    void finishedOutputIsVerified()
    {
        const auto output = path("verified_matte.mp4");
        ProcessResult r = runCli(processArgs(m_clip, output));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto folder = path("verified_matte.mp4.ptjob");
        std::filesystem::resize_file(output, 0);
        r = runCli({ QStringLiteral("resume"), q(folder) });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(countVideoPackets(output), 90);
        QVERIFY(JobStore(folder).load().joined);

        std::filesystem::copy_file(m_clip, output, std::filesystem::copy_options::overwrite_existing);
        r = runCli({ QStringLiteral("resume"), q(folder) });
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("it changed after this job wrote it")), qPrintable(r.err));
        QVERIFY(readWholeFile(output) == readWholeFile(m_clip));
    }
};

QTEST_GUILESS_MAIN(TestJobSafety)
#include "tst_jobsafety.moc"
