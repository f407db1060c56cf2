// Layout detection: filename tags players use, stream side data, aspect ratio, user choice,
// and the rule that decided each result.
#include "media/layout.h"

#include <QTest>

using namespace passthrough;

class TestLayout : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fileNameTags_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("decidedBy");
        QTest::newRow("fisheye190") << "clip_FISHEYE190_LR.mp4"
                                    << "LR_FISHEYE190"
                                    << "filename tags _LR, _FISHEYE190";
        QTest::newRow("deovr 180 + lens") << "scene_LR_180_FISHEYE190.mp4"
                                          << "LR_FISHEYE190"
                                          << "filename tags _LR, _FISHEYE190";
        QTest::newRow("mkx200 dashes") << "My-Scene-MKX200-3dh.mkv"
                                       << "LR_FISHEYE200"
                                       << "filename tags _3DH, _MKX200";
        QTest::newRow("rf52 dots") << "a.b.RF52.sbs.mp4"
                                   << "LR_FISHEYE190"
                                   << "filename tags _SBS, _RF52";
        QTest::newRow("vrca220 spaces") << "x VRCA220 LR.mp4"
                                        << "LR_FISHEYE220"
                                        << "filename tags _LR, _VRCA220";
        QTest::newRow("plain fisheye is 180") << "x_LR_FISHEYE.mp4"
                                              << "LR_FISHEYE180"
                                              << "filename tags _LR, _FISHEYE";
        QTest::newRow("f180") << "x_F180_LR.mp4"
                              << "LR_FISHEYE180"
                              << "filename tags _LR, _F180";
        QTest::newRow("equirect 180") << "office_LR_180.mp4"
                                      << "LR_180"
                                      << "filename tags _LR, _180";
        QTest::newRow("tb 360") << "city_360_TB.mp4"
                                << "TB_360"
                                << "filename tags _TB, _360";
        QTest::newRow("3dv") << "x_3dv_360.mp4"
                             << "TB_360"
                             << "filename tags _3DV, _360";
        QTest::newRow("rl") << "x_RL_180.mp4"
                            << "RL_180"
                            << "filename tags _RL, _180";
        QTest::newRow("case insensitive") << "x_lr_fisheye190.mp4"
                                          << "LR_FISHEYE190"
                                          << "filename tags _LR, _FISHEYE190";
    }
    void fileNameTags()
    {
        QFETCH(QString, name);
        QFETCH(QString, tag);
        QFETCH(QString, decidedBy);
        const Layout layout = detectLayout(name.toStdString(), 3840, 1920, {});
        QCOMPARE(QString::fromStdString(layoutTag(layout)), tag);
        QCOMPARE(QString::fromStdString(layout.decidedBy), decidedBy);
    }

    void tagsInsideWordsAreIgnored()
    {
        // "flr" or "tbd" are not tags: only whole tokens count.
        const Layout layout = detectLayout("tbd_flr_video.mp4", 1920, 1080, {});
        QVERIFY(layout.stereo == StereoMode::Mono);
        QVERIFY(layout.projection == Projection::Flat);
    }

    void aspectRatioFallback()
    {
        const Layout sbs = detectLayout("holiday.mp4", 4096, 2048, {});
        QCOMPARE(layoutTag(sbs), std::string("LR_180"));
        QCOMPARE(sbs.decidedBy, std::string("aspect ratio 2:1"));
        const Layout flat = detectLayout("holiday.mp4", 1920, 1080, {});
        QCOMPARE(layoutTag(flat), std::string("MONO_FLAT"));
    }

    void streamMetadataBeatsFileName()
    {
        StreamLayoutHints hints;
        hints.stereo = StereoMode::TopBottom;
        hints.projection = Projection::Equirect360;
        const Layout layout = detectLayout("x_LR_180.mp4", 4096, 4096, hints);
        QCOMPARE(layoutTag(layout), std::string("TB_360"));
        QCOMPARE(layout.decidedBy, std::string("stream stereo metadata; stream spherical metadata"));
    }

    void userChoiceBeatsEverything()
    {
        const Layout chosen = *parseLayoutTag("TB_FISHEYE200");
        const Layout layout = detectLayout("x_LR_180.mp4", 4096, 2048, {}, chosen);
        QCOMPARE(layoutTag(layout), std::string("TB_FISHEYE200"));
        QCOMPARE(layout.decidedBy, std::string("chosen by the user"));
    }

    void tagRoundTrip()
    {
        for (const char* tag :
            { "LR_FISHEYE190", "TB_360", "LR_180", "MONO_FLAT", "RL_FISHEYE200", "BT_360" }) {
            const auto layout = parseLayoutTag(tag);
            QVERIFY2(layout.has_value(), tag);
            QCOMPARE(layoutTag(*layout), std::string(tag));
        }
        QVERIFY(!parseLayoutTag("nonsense").has_value());
    }
};

QTEST_APPLESS_MAIN(TestLayout)
#include "tst_layout.moc"
