// Segment planning and the job file: coverage of every frame, warm-up ranges, JSON round trip,
// atomic replacement, schema checks, and concurrent updates through the lock.
#include "job/jobstore.h"
#include "job/segmentplanner.h"
#include "media/mediainfo.h"
#include "support/testmedia.h"
#include "util/atomicfile.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <thread>

using namespace passthrough;
using namespace passthrough::test;

namespace {

void checkCoverage(const MediaInfo& info, const std::vector<SegmentRecord>& segments, double warmupSeconds)
{
    QVERIFY(!segments.empty());
    QCOMPARE(segments.front().frameStart, 0);
    QCOMPARE(segments.back().frameEnd, info.frameCount);
    QCOMPARE(segments.back().ptsEnd, info.endPts);
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const auto& s = segments[i];
        QCOMPARE(s.index, int(i));
        QVERIFY(s.frameEnd > s.frameStart);
        QCOMPARE(s.ptsStart, info.framePts[std::size_t(s.frameStart)]);
        if (i > 0) {
            QCOMPARE(s.frameStart, segments[i - 1].frameEnd);
            QCOMPARE(s.ptsStart, segments[i - 1].ptsEnd);
            const double warmup = info.ptsToSeconds(s.ptsStart - s.warmupPtsStart);
            QVERIFY2(warmup <= warmupSeconds + 1e-9 && warmup > warmupSeconds - 0.1,
                qPrintable(QString::number(warmup)));
        } else {
            QCOMPARE(s.warmupFrameStart, 0); // the first segment has no warm-up
        }
    }
}

} // namespace

class TestJobFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void planConstantFrameRate()
    {
        const MediaInfo info
            = probeMedia(sharedMedia("vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4").string());
        const auto segments = planSegments(info, 3.0, 1.0);
        checkCoverage(info, segments, 1.0);
        QCOMPARE(segments.size(), std::size_t(3)); // 3 + 3 + 4 s: a 1 s tail is folded in
        QCOMPARE(segments[1].frameCount(), 90);
        QCOMPARE(segments[1].warmupFrameStart, 60);
    }

    void planVariableFrameRate()
    {
        const MediaInfo info = probeMedia(sharedMedia("vr/asl_signers_2048x1024_LR_180_vfr.mp4").string());
        const auto segments = planSegments(info, 2.0, 0.5);
        checkCoverage(info, segments, 0.5);
        QVERIFY(segments.size() >= 4);
    }

    void planRejectsBadLengths()
    {
        const MediaInfo info
            = probeMedia(sharedMedia("vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4").string());
        QVERIFY_THROWS_EXCEPTION(Error, planSegments(info, 0.5, 1.0));
        QVERIFY_THROWS_EXCEPTION(Error, planSegments(info, 601.0, 1.0));
    }

    void roundTrip()
    {
        QTemporaryDir dir;
        JobStore store(dir.path().toStdString());
        JobRecord job;
        job.id = "abc";
        job.output = "/x/out.mp4";
        job.settings.packing = "matte";
        job.settings.layoutOverride = "TB_360";
        job.source.path = "/x/in.mp4";
        job.source.fingerprint.sizeBytes = 1234;
        job.source.timeBase = Rational { 1, 15360 };
        SegmentRecord s;
        s.index = 0;
        s.frameEnd = 10;
        s.status = SegmentStatus::Failed;
        s.lastError = "damaged";
        s.worker = WorkerId { "host", 42 };
        job.segments.push_back(s);
        store.create(job);
        const JobRecord back = store.load();
        QCOMPARE(back.id, job.id);
        QCOMPARE(back.settings, job.settings);
        QCOMPARE(back.source.fingerprint, job.source.fingerprint);
        QVERIFY(back.segments.at(0).status == SegmentStatus::Failed);
        QCOMPARE(back.segments.at(0).worker->pid, 42);
        const auto json = nlohmann::json::parse(readWholeFile(store.jobFile()));
        QCOMPARE(json.at("schemaVersion").get<int>(), kJobSchemaVersion);
        QCOMPARE(json.at("segments").at(0).at("status").get<std::string>(), std::string("failed"));
    }

    void newerSchemaIsRefused()
    {
        QTemporaryDir dir;
        JobStore store(dir.path().toStdString());
        writeFileAtomically(store.jobFile(), R"({"schemaVersion": 9, "minReaderVersion": 9})");
        try {
            store.load();
            QFAIL("a job from a newer version was accepted");
        } catch (const Error& e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("newer Passthrough Studio")));
        }
        writeFileAtomically(store.jobFile(), "{ not json");
        QVERIFY_THROWS_EXCEPTION(Error, store.load());
    }

    void atomicWriteLeavesNoTemporaryFiles()
    {
        QTemporaryDir dir;
        const std::filesystem::path file = dir.filePath(QStringLiteral("a.json")).toStdString();
        writeFileAtomically(file, "one");
        writeFileAtomically(file, "two");
        QCOMPARE(readWholeFile(file), std::string("two"));
        QCOMPARE(std::distance(std::filesystem::directory_iterator(dir.path().toStdString()), {}), 1);
    }

    void concurrentUpdatesAreNotLost()
    {
        QTemporaryDir dir;
        JobStore store(dir.path().toStdString());
        JobRecord job;
        job.segments.resize(2);
        store.create(job);
        auto bump = [&](int index) {
            for (int i = 0; i < 50; ++i) {
                JobStore(dir.path().toStdString()).update([&](JobRecord& j) {
                    j.segments[std::size_t(index)].attempts++;
                });
            }
        };
        std::thread a(bump, 0);
        std::thread b(bump, 1);
        a.join();
        b.join();
        const JobRecord back = store.load();
        QCOMPARE(back.segments[0].attempts, 50);
        QCOMPARE(back.segments[1].attempts, 50);
    }
};

QTEST_GUILESS_MAIN(TestJobFile)
#include "tst_jobfile.moc"
