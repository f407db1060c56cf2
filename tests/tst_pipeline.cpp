// The pipeline in-process on generated media with the state-dependent test model: frame-exact
// output for CFR, VFR and 10-bit sources, audio in sync, warm-up across segment boundaries,
// failure isolation for damaged data, retries, and refusal to resume a changed job.
#include "job/jobfolderlock.h"
#include "job/jobstore.h"
#include "matting/torchscriptbackend.h"
#include "media/mediainfo.h"
#include "pipeline/jobcreation.h"
#include "pipeline/jobresume.h"
#include "pipeline/jobrunner.h"
#include "support/testmedia.h"
#include "support/testmodels.h"
#include "util/durablefile.h"
#include "util/error.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <torch/types.h>

#include <atomic>
#include <fstream>
#include <map>
#include <random>

using namespace passthrough;
using namespace passthrough::test;

namespace {

RunResult run(const std::filesystem::path& folder)
{
    JobStore store(folder);
    const JobFolderLock lock(store.folder());
    prepareResume(store);
    RunOptions options;
    options.makeBackend = [](const JobRecord&) {
        return std::make_unique<TorchScriptBackend>(makeRecurrentTestModel(), torch::kCPU);
    };
    return runJob(store, options);
}

std::filesystem::path makeJob(const std::filesystem::path& source, const std::filesystem::path& output,
    const std::filesystem::path& model, JobSettings settings)
{
    NewJobRequest request;
    request.sourcePath = source.string();
    request.output = output;
    request.modelPath = model;
    request.settings = std::move(settings);
    return createJob(request);
}

JobSettings fastSettings(double segmentSeconds, double warmupSeconds = 1.0)
{
    JobSettings s;
    s.segmentSeconds = segmentSeconds;
    s.warmupSeconds = warmupSeconds;
    s.encoder.preset = "ultrafast";
    return s;
}

// The output has exactly the source's frames at exactly the source's times.
void compareTimestamps(const std::filesystem::path& source, const std::filesystem::path& output)
{
    const DecodedVideo in = decodeVideo(source);
    const DecodedVideo out = decodeVideo(output);
    QCOMPARE(out.seconds.size(), in.seconds.size());
    for (std::size_t i = 0; i < in.seconds.size(); ++i) {
        QVERIFY2(std::abs(out.seconds[i] - in.seconds[i]) < 1e-4,
            qPrintable(
                QStringLiteral("frame %1: %2 s vs %3 s").arg(i).arg(out.seconds[i]).arg(in.seconds[i])));
    }
}

void overwriteBytes(const std::filesystem::path& file, std::int64_t offset, std::int64_t count)
{
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(offset);
    std::mt19937 random(1234);
    for (std::int64_t i = 0; i < count; ++i) {
        f.put(char(random() & 0xff));
    }
}

} // namespace

class TestPipeline : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::filesystem::path m_model;
    std::filesystem::path path(const char* name) const
    {
        return m_dir.filePath(QString::fromUtf8(name)).toStdString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_model = writeTestModel(m_dir.path().toStdString());
    }

    void constantFrameRateWithAudio()
    {
        const auto source = makeClip(m_dir.path().toStdString(), "cfr_LR_180.mp4", 256, 128, 4.0);
        const auto output = path("cfr_out.mp4");
        const RunResult result = run(makeJob(source, output, m_model, fastSettings(1.0)));
        QCOMPARE(result.done, 4);
        QCOMPARE(result.failed, 0);
        QVERIFY(result.joined);
        compareTimestamps(source, output);
        const MediaInfo info = probeMedia(output.string());
        QCOMPARE(info.codecName, std::string("hevc"));
        QVERIFY(info.hasAudio);
        const double video = info.ptsToSeconds(info.endPts - info.framePts.front());
        QVERIFY2(std::abs(audioDurationSeconds(output) - video) <= 1.0 / 30.0,
            qPrintable(
                QStringLiteral("audio %1 s, video %2 s").arg(audioDurationSeconds(output)).arg(video)));
    }

    void variableFrameRate()
    {
        // Dropping every fourth frame and keeping the timestamps makes a VFR stream.
        const auto source = makeClip(m_dir.path().toStdString(), "vfr_LR_180.mp4", 256, 128, 4.0, true,
            { QStringLiteral("-vf"), QStringLiteral("select='not(eq(mod(n\\,4)\\,1))'"),
                QStringLiteral("-fps_mode"), QStringLiteral("vfr") });
        QVERIFY(probeMedia(source.string()).variableFrameRate);
        const auto output = path("vfr_out.mp4");
        const RunResult result = run(makeJob(source, output, m_model, fastSettings(1.0)));
        QCOMPARE(result.failed, 0);
        QVERIFY(result.joined);
        compareTimestamps(source, output);
        QVERIFY(probeMedia(output.string()).variableFrameRate);
    }

    void tenBitStaysTenBit()
    {
        const auto source = makeClip(m_dir.path().toStdString(), "ten_LR_180.mp4", 256, 128, 2.0, false,
            { QStringLiteral("-c:v"), QStringLiteral("libx265"), QStringLiteral("-pix_fmt"),
                QStringLiteral("yuv420p10le"), QStringLiteral("-x265-params"),
                QStringLiteral("log-level=error") });
        QCOMPARE(probeMedia(source.string()).bitDepth, 10);
        const auto output = path("ten_out.mp4");
        const RunResult result = run(makeJob(source, output, m_model, fastSettings(1.0)));
        QCOMPARE(result.failed, 0);
        const DecodedVideo out = decodeVideo(output, true);
        QCOMPARE(out.pixelFormat, std::string("yuv420p10le"));
        QCOMPARE(out.seconds.size(), std::size_t(60));
        // 10-bit code values: the matte uses more than 256 distinct levels' range (64..940).
        QVERIFY(out.luma.at(30).max().item<float>() > 255.0f);
    }

    void imageSequenceInput()
    {
        const QString pattern = m_dir.filePath(QStringLiteral("seq_%04d.png"));
        runFfmpeg({ QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
            QStringLiteral("testsrc2=size=256x128:rate=25"), QStringLiteral("-frames:v"),
            QStringLiteral("60"), pattern });
        const auto output = path("seq_out.mp4");
        const RunResult result = run(makeJob(pattern.toStdString(), output, m_model, fastSettings(1.0)));
        QCOMPARE(result.segmentCount, 2);
        QVERIFY(result.joined);
        compareTimestamps(pattern.toStdString(), output);
    }

    void warmupRemovesTheSeam()
    {
        const auto source = makeClip(m_dir.path().toStdString(), "warm_LR_180.mp4", 256, 128, 4.0, false);
        // Lossless encoding (x264 CRF 0) so that the comparison sees the matte itself.
        auto lossless = [](double segment, double warmup) {
            JobSettings s = fastSettings(segment, warmup);
            s.encoder.encoder = "libx264";
            s.encoder.crf = 0;
            return s;
        };
        QVERIFY(run(makeJob(source, path("warm_whole.mp4"), m_model, lossless(600.0, 1.0))).joined);
        QVERIFY(run(makeJob(source, path("warm_seg.mp4"), m_model, lossless(1.0, 1.0))).joined);
        QVERIFY(run(makeJob(source, path("warm_none.mp4"), m_model, lossless(1.0, 0.0))).joined);
        const DecodedVideo whole = decodeVideo(path("warm_whole.mp4"), true);
        const DecodedVideo seg = decodeVideo(path("warm_seg.mp4"), true);
        const DecodedVideo none = decodeVideo(path("warm_none.mp4"), true);
        QCOMPARE(seg.luma.size(), whole.luma.size());
        float worstWithWarmup = 0.0f;
        float worstSeamWithoutWarmup = 0.0f;
        for (std::size_t i = 30; i < whole.luma.size(); ++i) {
            worstWithWarmup
                = std::max(worstWithWarmup, (seg.luma[i] - whole.luma[i]).abs().max().item<float>());
            if (i % 30 == 0) { // first frame of each later segment
                worstSeamWithoutWarmup = std::max(
                    worstSeamWithoutWarmup, (none.luma[i] - whole.luma[i]).abs().max().item<float>());
            }
        }
        qInfo("max luma difference to a continuous run: %.1f with 1 s warm-up, %.1f at seams without",
            worstWithWarmup, worstSeamWithoutWarmup);
        // The test model forgets 20 % per frame: after 30 warm-up frames the state differs by
        // 0.8^30 = 0.1 %, under one code value after the x3 alpha stretch (219 levels).
        QVERIFY(worstWithWarmup <= 1.0f);
        QVERIFY(worstSeamWithoutWarmup >= 20.0f);
    }

    void damagedDataFailsOnlyItsSegment()
    {
        auto source = makeClip(m_dir.path().toStdString(), "damaged_LR_180.mp4", 256, 128, 6.0, true,
            { QStringLiteral("-g"), QStringLiteral("30"), QStringLiteral("-sc_threshold"),
                QStringLiteral("0"), QStringLiteral("-movflags"), QStringLiteral("+faststart") });
        // Find the bytes of the video frames shown between 3.0 and 3.2 s and scramble them.
        QProcess ffprobe;
        ffprobe.start(QStringLiteral("ffprobe"),
            { QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-select_streams"),
                QStringLiteral("v"), QStringLiteral("-show_entries"),
                QStringLiteral("packet=pts_time,pos,size"), QStringLiteral("-of"),
                QStringLiteral("compact=p=0"), QString::fromStdString(source.string()) });
        QVERIFY(ffprobe.waitForFinished());
        int scrambled = 0;
        for (const QString& line :
            QString::fromUtf8(ffprobe.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            std::map<QString, QString> field; // "pts_time=3.000000|size=1234|pos=5678"
            for (const QString& pair : line.split(QLatin1Char('|'))) {
                field[pair.section(QLatin1Char('='), 0, 0)] = pair.section(QLatin1Char('='), 1);
            }
            const double t = field[QStringLiteral("pts_time")].toDouble();
            if (t >= 3.0 && t < 3.2) {
                overwriteBytes(source, field[QStringLiteral("pos")].toLongLong() + 8,
                    std::max(1LL, field[QStringLiteral("size")].toLongLong() - 8));
                ++scrambled;
            }
        }
        QVERIFY(scrambled >= 5);

        const auto output = path("damaged_out.mp4");
        const auto folder = makeJob(source, output, m_model, fastSettings(1.0, 0.5));
        RunResult result = run(folder);
        for (const auto& s : JobStore(folder).load().segments) {
            qInfo("segment %d: %s %s", s.index, toString(s.status).c_str(), s.lastError.c_str());
        }
        QCOMPARE(result.segmentCount, 6);
        QCOMPARE(result.failed, 1);
        QCOMPARE(result.done, 5);
        QVERIFY(!result.joined);
        QVERIFY(!std::filesystem::exists(output));
        JobRecord job = JobStore(folder).load();
        QVERIFY(job.segments[3].status == SegmentStatus::Failed);
        const QString error = QString::fromStdString(job.segments[3].lastError);
        QVERIFY2(error.contains(QStringLiteral("segment 3"))
                && error.contains(QString::fromStdString(source.string())),
            qPrintable(error));

        JobStore store(folder);
        const auto doneChunk = store.chunkPath(job, job.segments[2]);
        const auto doneTime = std::filesystem::last_write_time(doneChunk);
        retryFailed(store);
        result = run(folder);
        job = store.load();
        QCOMPARE(result.failed, 1);
        QCOMPARE(job.segments[3].attempts, 2);
        for (int i : { 0, 1, 2, 4, 5 }) {
            QCOMPARE(job.segments[std::size_t(i)].attempts, 1); // finished segments are never redone
        }
        QCOMPARE(std::filesystem::last_write_time(doneChunk), doneTime);
    }

    void changedSourceOrSettingsAreRefused()
    {
        const auto source = makeClip(m_dir.path().toStdString(), "changed_LR_180.mp4", 256, 128, 2.0, false);
        const auto output = path("changed_out.mp4");
        const auto folder = makeJob(source, output, m_model, fastSettings(1.0));

        JobSettings other = fastSettings(1.0);
        other.encoder.crf = 30;
        try {
            makeJob(source, output, m_model, other);
            QFAIL("a job with other settings was reused");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::Usage);
            QVERIFY2(
                QString::fromUtf8(e.what()).contains(QStringLiteral("encoder/crf was 20, now 30")), e.what());
        }
        QCOMPARE(makeJob(source, output, m_model, fastSettings(1.0)), folder); // same settings: same job

        std::ofstream(source, std::ios::app) << "appended";
        JobStore store(folder);
        try {
            prepareResume(store);
            QFAIL("resume accepted a changed source");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::JobMismatch);
            QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("its size changed")), e.what());
        }
    }

    void missingChunkIsRedone()
    {
        const auto source = makeClip(m_dir.path().toStdString(), "redo_LR_180.mp4", 256, 128, 3.0, false);
        const auto output = path("redo_out.mp4");
        const auto folder = makeJob(source, output, m_model, fastSettings(1.0));
        QVERIFY(run(folder).joined);
        JobStore store(folder);
        JobRecord job = store.load();
        const auto keptTime = std::filesystem::last_write_time(store.chunkPath(job, job.segments[0]));
        std::filesystem::remove(output);
        QVERIFY(!prepareResume(store).joined); // a deleted output is joined again
        QVERIFY(run(folder).joined);
        QVERIFY(std::filesystem::exists(output));
        std::filesystem::remove(store.chunkPath(job, job.segments[1]));
        std::filesystem::remove(output);
        job = prepareResume(store);
        QVERIFY(job.segments[1].status == SegmentStatus::Pending);
        QVERIFY(job.segments[0].status == SegmentStatus::Done);
        QVERIFY(run(folder).joined);
        job = store.load();
        QCOMPARE(job.segments[1].attempts, 2);
        QCOMPARE(job.segments[0].attempts, 1);
        QCOMPARE(std::filesystem::last_write_time(store.chunkPath(job, job.segments[0])), keptTime);
        compareTimestamps(source, output);
    }

    void stopBetweenSegmentsIsLogged()
    {
        // A stop that lands after one segment is committed and before the next is claimed (the
        // window's Quit on a busy machine) ends the run as interrupted, says so in the job log
        // like a stop inside a segment, and leaves the rest pending for resume.
        const auto source = makeClip(m_dir.path().toStdString(), "between_LR_180.mp4", 256, 128, 3.0, false);
        const auto folder = makeJob(source, path("between_out.mp4"), m_model, fastSettings(1.0));
        JobStore store(folder);
        std::atomic<bool> cancel { false };
        RunOptions options;
        options.makeBackend = [](const JobRecord&) {
            return std::make_unique<TorchScriptBackend>(makeRecurrentTestModel(), torch::kCPU);
        };
        options.cancel = &cancel;
        options.onProgress = [&](const ProgressEvent& event) {
            if (event.kind == ProgressEvent::Kind::SegmentDone && event.segment == 0) {
                cancel = true;
            }
        };
        RunResult result;
        {
            const JobFolderLock lock(store.folder());
            result = runJob(store, options);
        }
        QVERIFY(result.cancelled);
        QCOMPARE(result.done, 1);
        QVERIFY(!result.joined);
        const std::string log = readWholeFile(folder / "job.log");
        QVERIFY2(log.find("interrupted by the user: 1 of 3 segments done") != std::string::npos, log.c_str());
        const JobRecord job = store.load();
        QVERIFY(job.segments[1].status == SegmentStatus::Pending);
        QVERIFY(job.segments[2].status == SegmentStatus::Pending);
        QVERIFY(run(folder).joined);
        compareTimestamps(source, path("between_out.mp4"));
    }
};

QTEST_GUILESS_MAIN(TestPipeline)
#include "tst_pipeline.moc"
