// Probe on the shared VR clips and on every broken file: stream facts, frame index, VFR,
// bit depth, layout, and clear errors that name the file.
#include "media/mediainfo.h"
#include "support/testmedia.h"
#include "util/error.h"

#include <QTest>

using namespace passthrough;
using namespace passthrough::test;

class TestProbe : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fisheyeClip()
    {
        const MediaInfo info
            = probeMedia(sharedMedia("vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4").string());
        QCOMPARE(info.width, 2048);
        QCOMPARE(info.height, 1024);
        QCOMPARE(info.frameCount, 300);
        QCOMPARE(info.bitDepth, 8);
        QVERIFY(!info.variableFrameRate);
        QCOMPARE(info.frameRate, (Rational { 30, 1 }));
        QVERIFY(info.hasAudio);
        QCOMPARE(info.audioSampleRate, 48000);
        QCOMPARE(layoutTag(info.layout), std::string("LR_FISHEYE190"));
        QCOMPARE(info.layout.decidedBy, std::string("filename tags _LR, _FISHEYE190"));
        // Frame pts are strictly increasing and one frame (512 ticks of 1/15360) apart.
        for (std::size_t i = 1; i < info.framePts.size(); ++i) {
            QCOMPARE(info.framePts[i] - info.framePts[i - 1], 512);
        }
        QCOMPARE(info.endPts, 300 * 512);
    }

    void variableFrameRateClip()
    {
        const MediaInfo info = probeMedia(sharedMedia("vr/asl_signers_2048x1024_LR_180_vfr.mp4").string());
        QCOMPARE(info.frameCount, 196);
        QVERIFY(info.variableFrameRate);
        QCOMPARE(layoutTag(info.layout), std::string("LR_180"));
    }

    void tenBitClip()
    {
        const MediaInfo info
            = probeMedia(sharedMedia("vr/office_walkin_2048x1024_FISHEYE190_LR_hevc10.mp4").string());
        QCOMPARE(info.bitDepth, 10);
        QCOMPARE(info.codecName, std::string("hevc"));
        QCOMPARE(info.frameCount, 300);
    }

    void brokenFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("problem");
        QTest::newRow("empty") << "empty.mp4"
                               << "the file is empty";
        QTest::newRow("text") << "not_a_video.mp4"
                              << "not a video file";
        QTest::newRow("no moov") << "truncated_no_moov.mp4"
                                 << "not a video file";
        QTest::newRow("audio only") << "audio_only.mp4"
                                    << "has no video stream";
        QTest::newRow("truncated") << "truncated_tail.mp4"
                                   << "is truncated";
        QTest::newRow("missing") << "does_not_exist.mp4"
                                 << "no such file";
    }
    void brokenFiles()
    {
        QFETCH(QString, file);
        QFETCH(QString, problem);
        const std::string path = sharedMedia("broken/" + file.toStdString()).string();
        try {
            probeMedia(path);
            QFAIL("probe accepted a broken file");
        } catch (const Error& e) {
            QVERIFY(e.kind() == ErrorKind::InputUnusable);
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains(QString::fromStdString(path)), qPrintable(message));
            QVERIFY2(message.contains(problem), qPrintable(message));
        }
    }

    void imageSequence()
    {
        QTemporaryDir dir;
        const QString pattern = dir.filePath(QStringLiteral("frame_%03d.png"));
        runFfmpeg({ QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
            QStringLiteral("testsrc2=size=128x64:rate=25"), QStringLiteral("-frames:v"), QStringLiteral("12"),
            pattern });
        const MediaInfo info = probeMedia(pattern.toStdString());
        QCOMPARE(info.frameCount, 12);
        QCOMPARE(info.width, 128);
        QCOMPARE(layoutTag(info.layout), std::string("LR_180")); // 2:1 reads as side-by-side
    }
};

QTEST_GUILESS_MAIN(TestProbe)
#include "tst_probe.moc"
