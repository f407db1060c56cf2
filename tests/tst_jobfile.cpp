// Segment planning and the job file: coverage of every frame, warm-up ranges, JSON round trip,
// atomic and durable replacement, the migration ladder, refusal of hostile or damaged files
// (every field checked, named in the message), and the one-process-per-folder lock.
#include "job/jobfolderlock.h"
#include "job/jobmigration.h"
#include "job/jobstore.h"
#include "job/segmentplanner.h"
#include "media/mediainfo.h"
#include "support/testmedia.h"
#include "util/durablefile.h"
#include "util/error.h"

#include <QCoreApplication>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

#include <fstream>
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

// A complete, valid job of two segments over 20 frames.
JobRecord validJob()
{
    JobRecord job;
    job.id = "5a307c47-8472-4d99-b73a-d21afad1a6d1";
    job.createdAt = "2026-12-01T05:28:02.455Z";
    job.output = "/videos/out_matte.mp4";
    job.settings.packing = "matte";
    job.settings.layoutOverride = "TB_360";
    job.source.path = "/videos/in.mp4";
    job.source.fingerprint.sizeBytes = 1234;
    job.source.fingerprint.sampleSha256 = std::string(64, 'a');
    job.source.frameCount = 20;
    job.source.frameRate = Rational { 10, 1 };
    job.source.timeBase = Rational { 1, 10240 };
    job.source.width = 768;
    job.source.height = 432;
    job.source.layoutTag = "MONO_FLAT";
    job.model.path = "/models/rvm.pth";
    job.model.sha256 = std::string(64, 'b');
    for (int i = 0; i < 2; ++i) {
        SegmentRecord s;
        s.index = i;
        s.frameStart = 10 * i;
        s.frameEnd = 10 * i + 10;
        s.ptsStart = 10240 * i;
        s.ptsEnd = 10240 * (i + 1);
        s.warmupFrameStart = std::max(0, 10 * i - 5);
        s.warmupPtsStart = std::max(0, 10240 * i - 5120);
        job.segments.push_back(s);
    }
    return job;
}

std::string messageOf(const nlohmann::json& json)
{
    try {
        jobFromJson(json, "job.json", MigrationContext { "/work" });
    } catch (const Error& e) {
        if (e.kind() != ErrorKind::JobMismatch) {
            return "wrong kind: " + std::string(e.what());
        }
        return e.what();
    }
    return "accepted";
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
        JobRecord job = validJob();
        job.segments[0].status = SegmentStatus::Failed;
        job.segments[0].lastError = "damaged";
        job.segments[0].worker = "host:42";
        job.segments[1].commit = ChunkCommit { "render-07", 3 };
        store.create(job);
        const JobRecord back = store.load();
        QCOMPARE(back.id, job.id);
        QCOMPARE(back.settings, job.settings);
        QCOMPARE(back.source.fingerprint, job.source.fingerprint);
        QVERIFY(back.segments.at(0).status == SegmentStatus::Failed);
        QCOMPARE(back.segments.at(0).worker, std::string("host:42"));
        QVERIFY(back.segments.at(1).commit == job.segments[1].commit);
        const auto json = nlohmann::json::parse(readWholeFile(store.jobFile()));
        QCOMPARE(json.at("schemaVersion").get<int>(), kJobSchemaVersion);
        QCOMPARE(json.at("minReaderVersion").get<int>(), kJobMinReaderVersion);
        QCOMPARE(json.at("segments").at(0).at("status").get<std::string>(), std::string("failed"));
        QVERIFY(!json.at("segments").at(0).contains("chunk")); // chunk names are derived, never stored
        QCOMPARE(store.chunkPath(back, back.segments[0]), store.chunkFolder() / "seg00000.nut");
        QCOMPARE(store.chunkPath(back, back.segments[1]), store.chunkFolder() / "seg00001.render-07.3.nut");
    }

    void newerSchemaIsRefused()
    {
        QTemporaryDir dir;
        JobStore store(dir.path().toStdString());
        const std::string next = std::to_string(kJobSchemaVersion + 1);
        writeFileAtomically(
            store.jobFile(), R"({"schemaVersion": )" + next + R"(, "minReaderVersion": )" + next + "}");
        try {
            (void)store.load();
            QFAIL("a job from a newer version was accepted");
        } catch (const Error& e) {
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("newer Passthrough Studio")));
        }
        writeFileAtomically(store.jobFile(), "{ not json");
        QVERIFY_THROWS_EXCEPTION(Error, (void)store.load());

        // A newer file that older readers may read is read, but never written back without the
        // fields this build does not know.
        nlohmann::json newer = toJson(validJob());
        newer["schemaVersion"] = kJobSchemaVersion + 1;
        newer["somethingNew"] = 1;
        writeFileAtomically(store.jobFile(), newer.dump());
        QCOMPARE(store.load().schemaVersion, kJobSchemaVersion + 1);
        QVERIFY_THROWS_EXCEPTION(Error, store.update([](JobRecord&) {}));
        QVERIFY(nlohmann::json::parse(readWholeFile(store.jobFile())).contains("somethingNew"));
    }

    // Every field of a hostile or damaged job.json is refused with the field's name, never
    // trusted: paths, numbers out of range, wrong types, segments out of order.
    void hostileFieldsAreRefused_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("named");
        QTest::newRow("relative output") << "/output"
                                         << R"("../../.bashrc")"
                                         << "output";
        QTest::newRow("output not a video") << "/output"
                                            << R"("/home/u/.bashrc")"
                                            << "output";
        QTest::newRow("relative source") << "/source/path"
                                         << R"("in.mp4")"
                                         << "source.path";
        QTest::newRow("relative model") << "/model/path"
                                        << R"("rvm.pth")"
                                        << "model.path";
        QTest::newRow("id not a uuid") << "/id"
                                       << R"("x/../../y")"
                                       << "id";
        QTest::newRow("worker with a slash") << "/segments/1/commit"
                                             << R"({"worker": "../x", "attempt": 1})"
                                             << "segments[1].commit.worker";
        QTest::newRow("index out of place") << "/segments/1/index"
                                            << "0"
                                            << "segments[1].index";
        QTest::newRow("gap between segments") << "/segments/1/frameStart"
                                              << "11"
                                              << "segments[1].frameStart";
        QTest::newRow("frames past the source") << "/segments/1/frameEnd"
                                                << "25"
                                                << "segments";
        QTest::newRow("huge frame number") << "/segments/0/frameEnd"
                                           << "1e300"
                                           << "segments[0].frameEnd";
        QTest::newRow("negative attempts") << "/segments/0/attempts"
                                           << "-1"
                                           << "segments[0].attempts";
        QTest::newRow("string for a number") << "/source/frameCount"
                                             << R"("20")"
                                             << "source.frameCount";
        QTest::newRow("unknown status") << "/segments/0/status"
                                        << R"("finished")"
                                        << "segments[0].status";
        QTest::newRow("unknown encoder") << "/settings/encoder/encoder"
                                         << R"("evil")"
                                         << "settings.encoder.encoder";
        QTest::newRow("preset with spaces") << "/settings/encoder/preset"
                                            << R"("fast -x")"
                                            << "settings.encoder.preset";
        QTest::newRow("zero time base") << "/source/timeBase/den"
                                        << "0"
                                        << "source.timeBase.den";
        QTest::newRow("segments not a list") << "/segments"
                                             << R"({"a": 1})"
                                             << "segments";
        QTest::newRow("no segments") << "/segments"
                                     << "[]"
                                     << "segments";
        QTest::newRow("unknown layout") << "/source/layoutTag"
                                        << R"("SIDEWAYS")"
                                        << "source.layoutTag";
        QTest::newRow("bad segment length") << "/settings/segmentSeconds"
                                            << "0.01"
                                            << "settings";
    }
    void hostileFieldsAreRefused()
    {
        QFETCH(QString, pointer);
        QFETCH(QString, value);
        QFETCH(QString, named);
        nlohmann::json json = toJson(validJob());
        QCOMPARE(QString::fromStdString(messageOf(json)), QStringLiteral("accepted"));
        json[nlohmann::json::json_pointer(pointer.toStdString())]
            = nlohmann::json::parse(value.toStdString());
        const QString message = QString::fromStdString(messageOf(json));
        QVERIFY2(message.startsWith(QStringLiteral("job.json is not a valid job file: ") + named),
            qPrintable(message));
    }

    void versionOneIsUpgraded()
    {
        nlohmann::json v1
            = nlohmann::json::parse(readWholeFile(fixturesDir() / "jobs/v1/out_matte.mp4.ptjob/job.json"));
        QCOMPARE(v1.at("schemaVersion").get<int>(), 1);
        const JobRecord job = jobFromJson(v1, "job.json", MigrationContext { "/somewhere" });
        QCOMPARE(job.schemaVersion, kJobSchemaVersion);
        QCOMPARE(job.source.path, std::string("/somewhere/src.mp4")); // relative to the working folder
        QCOMPARE(job.output, std::string("/somewhere/out_matte.mp4"));
        QCOMPARE(job.segments.size(), std::size_t(5));
        QVERIFY(job.segments[1].status == SegmentStatus::Done);
        QVERIFY(job.segments[2].status == SegmentStatus::Running);
        QVERIFY(QString::fromStdString(job.segments[2].worker).endsWith(QStringLiteral(":6895")));
        QVERIFY(!job.segments[0].commit);
        QVERIFY(!job.outputFingerprint);
        // Each step is its own function; a file at the current version passes through untouched.
        nlohmann::json current = toJson(job);
        const nlohmann::json before = current;
        QCOMPARE(upgradeJob(current, "job.json", MigrationContext {}), kJobSchemaVersion);
        QVERIFY(current == before);
    }

    // Version 2 (before matte controls) rendered without scene-cut resets: its upgrade says so,
    // so that the segments still to do match the ones already done.
    void versionTwoIsUpgraded()
    {
        const nlohmann::json v2
            = nlohmann::json::parse(readWholeFile(fixturesDir() / "jobs/v2/out_matte.mp4.ptjob/job.json"));
        QCOMPARE(v2.at("schemaVersion").get<int>(), 2);
        QVERIFY(!v2.at("settings").contains("matte"));
        const JobRecord job = jobFromJson(v2, "job.json", MigrationContext { "/elsewhere" });
        QCOMPARE(job.schemaVersion, kJobSchemaVersion);
        QCOMPARE(job.source.path, std::string("/tmp/v2fix/src.mp4")); // absolute since version 2
        QVERIFY(!job.settings.matte.sceneCuts);
        QVERIFY(job.settings.matte.changesNothing());
        QCOMPARE(job.countWithStatus(SegmentStatus::Done), 2);
        QVERIFY(job.segments[2].status == SegmentStatus::Running);
        // A new job looks for cuts unless told not to; its controls survive the round trip.
        JobRecord fresh = job;
        fresh.settings.matte = MatteControls {};
        fresh.settings.matte.regions.push_back(parsePolygonRegion("remove:0,0.7;1,0.7;0.5,1:left"));
        fresh.settings.matte.smooth = 0.5;
        const JobRecord back = jobFromJson(toJson(fresh), "job.json", MigrationContext {});
        QVERIFY(back.settings.matte == fresh.settings.matte);
        QVERIFY(back.settings.matte.sceneCuts);
    }

    // Version 3 encoded chunks above 4K without x265's low-memory settings: its upgrade keeps
    // them off, so the chunks still to do join the finished ones; new jobs have them on.
    void versionThreeIsUpgraded()
    {
        const nlohmann::json v3
            = nlohmann::json::parse(readWholeFile(fixturesDir() / "jobs/v3/out_matte.mp4.ptjob/job.json"));
        QCOMPARE(v3.at("schemaVersion").get<int>(), 3);
        QVERIFY(!v3.at("settings").at("encoder").contains("lowMemory"));
        const JobRecord job = jobFromJson(v3, "job.json", MigrationContext { "/elsewhere" });
        QCOMPARE(job.schemaVersion, kJobSchemaVersion);
        QVERIFY(!job.settings.encoder.lowMemory);
        QVERIFY(job.settings.matte.sceneCuts);
        QCOMPARE(job.countWithStatus(SegmentStatus::Done), 2);
        QVERIFY(EncoderSettings {}.lowMemory);
        JobRecord fresh = job;
        fresh.settings.encoder.lowMemory = true;
        QVERIFY(jobFromJson(toJson(fresh), "job.json", MigrationContext {}).settings.encoder.lowMemory);
        // Settings the window saved before version 4 are a new job's: low memory on.
        nlohmann::json saved = toJson(job.settings);
        saved["encoder"].erase("lowMemory");
        QVERIFY(settingsFromJson(saved).encoder.lowMemory);
    }

    // Version 5 found people at 256 (the only size then): its upgrade says so. A size other
    // than 256 or 384 is refused, naming the field; settings the window saved before version 6
    // read as 256.
    void versionFiveIsUpgraded()
    {
        const nlohmann::json v5
            = nlohmann::json::parse(readWholeFile(fixturesDir() / "jobs/v5/out_matte.mp4.ptjob/job.json"));
        QCOMPARE(v5.at("schemaVersion").get<int>(), 5);
        QVERIFY(!v5.at("settings").at("matte").at("people").contains("detectionSize"));
        const JobRecord job = jobFromJson(v5, "job.json", MigrationContext { "/elsewhere" });
        QCOMPARE(job.schemaVersion, kJobSchemaVersion);
        QCOMPARE(job.settings.matte.people.detectionSize, 256);
        QCOMPARE(job.settings.matte.people.maxPeople, 1);

        JobRecord large = job;
        large.settings.matte.people.detectionSize = 384;
        nlohmann::json written = toJson(large);
        QVERIFY(written.at("minReaderVersion").get<int>() >= 6);
        QCOMPARE(
            jobFromJson(written, "job.json", MigrationContext {}).settings.matte.people.detectionSize, 384);
        written["settings"]["matte"]["people"]["detectionSize"] = 300;
        try {
            (void)jobFromJson(written, "job.json", MigrationContext {});
            QFAIL("a person size of 300 was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("detectionSize") != std::string::npos, e.what());
        }
        nlohmann::json saved = toJson(large.settings);
        saved["matte"]["people"].erase("detectionSize");
        QCOMPARE(settingsFromJson(saved).matte.people.detectionSize, 256);
    }

    // Version 6 kept the matte no person explains (the only way then): its upgrade says so, and
    // a job that removes it needs a reader of version 7. Settings the window saved before version
    // 7 read as "keep"; a value other than keep or remove is refused, naming the field.
    void versionSixIsUpgraded()
    {
        const nlohmann::json v6
            = nlohmann::json::parse(readWholeFile(fixturesDir() / "jobs/v6/out_matte.mp4.ptjob/job.json"));
        QCOMPARE(v6.at("schemaVersion").get<int>(), 6);
        QVERIFY(!v6.at("settings").at("matte").at("people").contains("outsidePeople"));
        const JobRecord job = jobFromJson(v6, "job.json", MigrationContext { "/elsewhere" });
        QCOMPARE(job.schemaVersion, kJobSchemaVersion);
        QVERIFY(!job.settings.matte.people.removeOutside);
        QCOMPARE(job.settings.matte.people.detectionSize, 384);
        QCOMPARE(job.countWithStatus(SegmentStatus::Done), 2);

        JobRecord outside = job;
        outside.settings.matte.people.removeOutside = true;
        nlohmann::json written = toJson(outside);
        QVERIFY(written.at("minReaderVersion").get<int>() >= 7);
        QCOMPARE(written.at("settings").at("matte").at("people").at("outsidePeople").get<std::string>(),
            std::string("remove"));
        QVERIFY(jobFromJson(written, "job.json", MigrationContext {}).settings.matte.people.removeOutside);
        written["settings"]["matte"]["people"]["outsidePeople"] = "maybe";
        try {
            (void)jobFromJson(written, "job.json", MigrationContext {});
            QFAIL("outsidePeople 'maybe' was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("outsidePeople") != std::string::npos, e.what());
        }
        nlohmann::json saved = toJson(outside.settings);
        saved["matte"]["people"].erase("outsidePeople");
        QVERIFY(!settingsFromJson(saved).matte.people.removeOutside);
    }

    // Version 7 (a job that removes the matte outside the person it keeps, killed after two of
    // five segments) matted small people with the rest of the eye (the only way then): its upgrade
    // says --roi off and keeps every other choice; --roi auto needs a reader of version 8.
    // Settings the window saved before version 8 read as off; another value is refused, naming it.
    void versionSevenIsUpgraded()
    {
        const nlohmann::json v7
            = nlohmann::json::parse(readWholeFile(fixturesDir() / "jobs/v7/out_matte.mp4.ptjob/job.json"));
        QCOMPARE(v7.at("schemaVersion").get<int>(), 7);
        QVERIFY(!v7.at("settings").at("matte").at("people").contains("roi"));
        const JobRecord job = jobFromJson(v7, "job.json", MigrationContext { "/elsewhere" });
        QCOMPARE(job.schemaVersion, kJobSchemaVersion);
        QVERIFY(!job.settings.matte.people.roiAuto);
        QVERIFY(job.settings.matte.people.removeOutside);
        QCOMPARE(job.settings.matte.people.maxPeople, 1);
        QCOMPARE(job.countWithStatus(SegmentStatus::Done), 2);

        JobRecord roi = job;
        roi.settings.matte.people.roiAuto = true;
        nlohmann::json written = toJson(roi);
        QCOMPARE(written.at("minReaderVersion").get<int>(), kJobMinReaderVersion);
        QCOMPARE(written.at("settings").at("matte").at("people").at("roi").get<std::string>(),
            std::string("auto"));
        QVERIFY(jobFromJson(written, "job.json", MigrationContext {}).settings.matte.people.roiAuto);
        written["settings"]["matte"]["people"]["roi"] = "sharp";
        try {
            (void)jobFromJson(written, "job.json", MigrationContext {});
            QFAIL("roi 'sharp' was accepted");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("roi") != std::string::npos, e.what());
        }
        nlohmann::json saved = toJson(roi.settings);
        saved["matte"]["people"].erase("roi");
        QVERIFY(!settingsFromJson(saved).matte.people.roiAuto);
    }

    // A job made before time spans: its region and pick hold for the whole video and stand
    // still, and a span or key shape written today needs a reader of this schema.
    void versionEightIsUpgraded()
    {
        const nlohmann::json v8
            = nlohmann::json::parse(readWholeFile(fixturesDir() / "jobs/v8/out_matte.mp4.ptjob/job.json"));
        QCOMPARE(v8.at("schemaVersion").get<int>(), 8);
        const JobRecord job = jobFromJson(v8, "job.json", MigrationContext { "/elsewhere" });
        QCOMPARE(job.schemaVersion, kJobSchemaVersion);
        const MatteControls& matte = job.settings.matte;
        QCOMPARE(matte.regions.size(), std::size_t(1));
        QVERIFY(matte.regions[0].span.whole() && !matte.regions[0].moves() && matte.regions[0].keys.empty());
        QCOMPARE(matte.people.picks.size(), std::size_t(1));
        QVERIFY(matte.people.picks[0].span.whole());
        QCOMPARE(job.countWithStatus(SegmentStatus::Done), 2);
        // Written back unchanged, nothing new appears in the region or the pick.
        const nlohmann::json same = toJson(job);
        QVERIFY(!same.at("settings").at("matte").at("regions")[0].contains("keys"));
        QVERIFY(!same.at("settings").at("matte").at("regions")[0].contains("from"));
        QVERIFY(!same.at("settings").at("matte").at("people").at("picks")[0].contains("to"));

        JobRecord timed = job;
        timed.settings.matte.regions[0] = parseRectangleRegion("remove:1=0,0.8,0.5,1/2.5=0.5,0.8,1,1@0.5-3");
        timed.settings.matte.people.picks[0].span = TimeSpan { 2.0, 4.0 };
        nlohmann::json written = toJson(timed);
        QCOMPARE(written.at("minReaderVersion").get<int>(), 9);
        const nlohmann::json& region = written.at("settings").at("matte").at("regions")[0];
        QCOMPARE(region.at("from").get<double>(), 0.5);
        QCOMPARE(region.at("to").get<double>(), 3.0);
        QCOMPARE(region.at("keys").size(), std::size_t(2));
        QCOMPARE(region.at("keys")[1].at("seconds").get<double>(), 2.5);
        const JobRecord back = jobFromJson(written, "job.json", MigrationContext {});
        QVERIFY(back.settings == timed.settings);

        // Refused with the field named: a span that ends before it starts, keys out of order.
        nlohmann::json backwards = written;
        backwards["settings"]["matte"]["people"]["picks"][0]["to"] = 1.0;
        nlohmann::json unordered = written;
        unordered["settings"]["matte"]["regions"][0]["keys"][1]["seconds"] = 0.5;
        nlohmann::json uneven = written;
        uneven["settings"]["matte"]["regions"][0]["keys"][1]["points"]
            = { { 0.5, 0.8 }, { 1, 1 }, { 0.6, 1 } };
        for (const auto& [bad, field] : { std::pair { backwards, "picks[0].to" },
                 std::pair { unordered, "regions[0]" }, std::pair { uneven, "regions[0]" } }) {
            try {
                (void)jobFromJson(bad, "job.json", MigrationContext {});
                QFAIL(field);
            } catch (const Error& e) {
                QVERIFY2(std::string(e.what()).find(field) != std::string::npos, e.what());
            }
        }
    }

    void atomicWriteLeavesNoTemporaryFiles()
    {
        QTemporaryDir dir;
        const std::filesystem::path file = dir.filePath(QStringLiteral("a.json")).toStdString();
        writeFileAtomically(file, "one");
        writeFileAtomically(file, "two");
        QCOMPARE(readWholeFile(file), std::string("two"));
        QCOMPARE(std::distance(std::filesystem::directory_iterator(dir.path().toStdString()), {}), 1);
        QVERIFY_THROWS_EXCEPTION(
            Error, writeFileAtomically(dir.filePath(QStringLiteral("missing/a.json")).toStdString(), "x"));
    }

    void renameNoReplaceKeepsTheTarget()
    {
        QTemporaryDir dir;
        const std::filesystem::path a = dir.filePath(QStringLiteral("a")).toStdString();
        const std::filesystem::path b = dir.filePath(QStringLiteral("b")).toStdString();
        std::ofstream(a) << "new";
        std::ofstream(b) << "someone else's";
        QVERIFY(!commitRenameNoReplace(a, b));
        QCOMPARE(readWholeFile(b), std::string("someone else's"));
        std::filesystem::remove(b);
        QVERIFY(commitRenameNoReplace(a, b));
        QCOMPARE(readWholeFile(b), std::string("new"));
        QVERIFY(!std::filesystem::exists(a));
    }

    void concurrentUpdatesAreNotLost()
    {
        QTemporaryDir dir;
        JobStore store(dir.path().toStdString());
        store.create(validJob());
        auto bump = [&](int index) {
            for (int i = 0; i < 50; ++i) {
                store.update([&](JobRecord& j) { j.segments[std::size_t(index)].attempts++; });
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

    // One process per job folder: a second lock is refused at once, naming who holds it, and a
    // holder killed with SIGKILL leaves nothing stale behind.
    void folderLockNamesItsHolder()
    {
        QTemporaryDir dir;
        const std::filesystem::path folder = dir.path().toStdString();
        {
            const JobFolderLock first(folder);
            try {
                const JobFolderLock second(folder);
                QFAIL("a second lock on one folder was granted");
            } catch (const Error& e) {
                QVERIFY(e.kind() == ErrorKind::Busy);
                const QString message = QString::fromUtf8(e.what());
                QVERIFY2(message.contains(QStringLiteral("pid %1").arg(QCoreApplication::applicationPid()))
                        && message.contains(QSysInfo::machineHostName()),
                    e.what());
            }
        }
        const JobFolderLock again(folder); // released with its holder
    }

    void folderLockDiesWithItsProcess()
    {
        QTemporaryDir dir;
        // flock(1) holds the same kind of lock on job.lock from another process (-o: only flock
        // itself holds it, not the command it waits for).
        QProcess holder;
        holder.start(QStringLiteral("flock"),
            { QStringLiteral("-x"), QStringLiteral("-o"), dir.filePath(QStringLiteral("job.lock")),
                QStringLiteral("sleep"), QStringLiteral("10") });
        QVERIFY(holder.waitForStarted());
        bool refused = false;
        for (int i = 0; i < 50 && !refused; ++i) {
            try {
                const JobFolderLock lock(dir.path().toStdString());
                QTest::qWait(100);
            } catch (const Error& e) {
                refused = e.kind() == ErrorKind::Busy;
            }
        }
        QVERIFY(refused);
        holder.kill(); // SIGKILL
        holder.waitForFinished();
        QTest::qWait(200);
        const JobFolderLock lock(dir.path().toStdString());
    }
};

QTEST_GUILESS_MAIN(TestJobFile)
#include "tst_jobfile.moc"
