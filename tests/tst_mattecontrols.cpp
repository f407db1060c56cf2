// Who stays in the matte and how its edge looks: regions, levels, choke, feather, smoothing and
// scene cuts, on synthetic mattes with known results and through the real CLI (a real cut
// between two shared clips, lossless x264 so that alpha can be compared exactly).
#include "matting/eyeframes.h"
#include "matting/matteadjuster.h"
#include "matting/mattecontrols.h"
#include "matting/scenecutdetector.h"
#include "media/framereader.h"
#include "media/mediainfo.h"
#include "pipeline/scenescan.h"
#include "pipeline/spacecheck.h"
#include "support/testmedia.h"
#include "util/error.h"
#include "util/timespan.h"

#include <QTemporaryDir>
#include <QTest>

#include <torch/types.h>

extern "C" {
#include <libavutil/frame.h>
}

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

using namespace passthrough;
using namespace passthrough::test;

namespace {

QString q(const std::filesystem::path& p)
{
    return QString::fromStdString(p.string());
}

// A matte of N eyes, h x w, all `value`.
torch::Tensor flat(int eyes, int h, int w, float value)
{
    return torch::full({ eyes, 1, h, w }, value);
}

// The matte packing's luma (limited range) back to alpha codes: 16 = alpha 0.
std::vector<torch::Tensor> lumaFrames(const std::filesystem::path& video)
{
    return decodeVideo(video, true).luma;
}

} // namespace

class TestMatteControls : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    QString m_model;
    std::filesystem::path m_cutClip; // 2.5 s of the office clip, a hard cut, 2.5 s of the plaza clip
    std::filesystem::path m_clip; // a side-by-side test pattern

    std::filesystem::path path(const std::string& name) const
    {
        return m_dir.filePath(QString::fromStdString(name)).toStdString();
    }

    // process INPUT -o OUTPUT with the matte packing encoded losslessly, and `extra` options.
    void process(
        const std::filesystem::path& input, const std::filesystem::path& output, const QStringList& extra)
    {
        QStringList args { QStringLiteral("process"), q(input), QStringLiteral("-o"), q(output),
            QStringLiteral("--model"), m_model, QStringLiteral("--encoder"), QStringLiteral("libx264"),
            QStringLiteral("--crf"), QStringLiteral("0"), QStringLiteral("--preset"),
            QStringLiteral("ultrafast"), QStringLiteral("--threads"), QStringLiteral("1") };
        args += extra;
        const ProcessResult r = runCli(args);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_model = q(writeTestModel(m_dir.path().toStdString()));
        m_clip = makeClip(m_dir.path().toStdString(), "pattern_LR_180.mp4", 320, 180, 2.0, false);
        m_cutClip = path("cut.mp4");
        runFfmpeg({ QStringLiteral("-i"), q(sharedMedia("clips/office_walkin_768x432_10fps.mp4")),
            QStringLiteral("-i"), q(sharedMedia("clips/plaza_pedestrians_768x576_10fps.mp4")),
            QStringLiteral("-filter_complex"),
            QStringLiteral("[0:v]trim=duration=2.5,setpts=PTS-STARTPTS[a];"
                           "[1:v]scale=768:432,setsar=1,trim=duration=2.5,setpts=PTS-STARTPTS[b];"
                           "[a][b]concat=n=2:v=1:a=0[v]"),
            QStringLiteral("-map"), QStringLiteral("[v]"), QStringLiteral("-r"), QStringLiteral("10"),
            QStringLiteral("-c:v"), QStringLiteral("libx264"), QStringLiteral("-preset"),
            QStringLiteral("veryfast"), QStringLiteral("-crf"), QStringLiteral("18"),
            QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p"), q(m_cutClip) });
    }

    void defaultsChangeNothing()
    {
        MatteControls defaults;
        QVERIFY(defaults.changesNothing());
        MatteAdjuster adjuster(defaults, 64, 48);
        const torch::Tensor alpha = torch::rand({ 2, 1, 48, 64 });
        QVERIFY(torch::equal(adjuster.apply(alpha, 0.0), alpha));
        QVERIFY(torch::equal(adjuster.apply(alpha, 0.0), alpha));
    }

    void levelsMapTheBlackAndWhitePoints()
    {
        MatteControls c;
        c.black = 0.1;
        c.white = 0.9;
        MatteAdjuster adjuster(c, 5, 1);
        const torch::Tensor alpha
            = torch::tensor({ 0.0f, 0.1f, 0.5f, 0.9f, 1.0f, 0.3f }).view({ 1, 1, 1, 6 });
        const torch::Tensor out = adjuster.apply(alpha, 0.0);
        const torch::Tensor expected
            = torch::tensor({ 0.0f, 0.0f, 0.5f, 1.0f, 1.0f, 0.25f }).view({ 1, 1, 1, 6 });
        QVERIFY(torch::allclose(out, expected, 1e-6, 1e-6));
    }

    void chokeShrinksAndGrowsByEyePixels()
    {
        torch::Tensor square = flat(1, 64, 64, 0.0f);
        square.narrow(2, 22, 20).narrow(3, 22, 20).fill_(1.0f);
        MatteControls c;
        c.choke = 3;
        QCOMPARE(MatteAdjuster(c, 64, 64).apply(square, 0.0).sum().item<double>(), 14.0 * 14.0);
        c.choke = -3;
        QCOMPARE(MatteAdjuster(c, 64, 64).apply(square, 0.0).sum().item<double>(), 26.0 * 26.0);
        // At half the eye's size (a fisheye alpha tile) 4 eye pixels are 2 matte pixels.
        torch::Tensor half = flat(1, 32, 32, 0.0f);
        half.narrow(2, 11, 10).narrow(3, 11, 10).fill_(1.0f);
        c.choke = 4;
        QCOMPARE(MatteAdjuster(c, 64, 64).apply(half, 0.0).sum().item<double>(), 6.0 * 6.0);
    }

    void featherRampsSymmetricallyOverItsWidth()
    {
        torch::Tensor edge = flat(1, 8, 64, 0.0f);
        edge.narrow(3, 32, 32).fill_(1.0f);
        MatteControls c;
        c.feather = 8;
        const torch::Tensor out = MatteAdjuster(c, 64, 8).apply(edge, 0.0)[0][0][4];
        // Symmetric about the edge, monotonic, untouched beyond the feather's reach.
        for (int d = 0; d < 16; ++d) {
            QVERIFY(std::abs(out[31 - d].item<float>() + out[32 + d].item<float>() - 1.0f) < 1e-5f);
        }
        for (int x = 1; x < 64; ++x) {
            QVERIFY(out[x].item<float>() >= out[x - 1].item<float>() - 1e-6f);
        }
        QCOMPARE(out.narrow(0, 0, 24).abs().max().item<float>(), 0.0f);
        QVERIFY((out.narrow(0, 40, 24) - 1.0f).abs().max().item<float>() < 1e-5f);
        QVERIFY(out[28].item<float>() > 0.05f && out[28].item<float>() < 0.45f);
        // A matte touching the frame's edge does not fade there.
        QVERIFY((out[63] - 1.0f).abs().item<float>() < 1e-5f);
    }

    void removedRegionsAreExactlyZeroAndFeatheredOutside()
    {
        MatteControls c;
        c.regions.push_back(parseRectangleRegion("remove:0,0.5,1,1"));
        c.regionFeather = 8;
        MatteAdjuster adjuster(c, 100, 50);
        const torch::Tensor out = adjuster.apply(flat(2, 50, 100, 0.8f), 0.0);
        for (int eye = 0; eye < 2; ++eye) {
            QCOMPARE(out[eye][0].narrow(0, 25, 25).abs().max().item<float>(), 0.0f);
            QVERIFY(torch::equal(out[eye][0].narrow(0, 0, 17), torch::full({ 17, 100 }, 0.8f)));
            // Row 21's centre is 3.5 px above the edge: 1 - 3.5 / 8 of the region's effect is gone.
            QVERIFY(std::abs(out[eye][0][21][50].item<float>() - 0.8f * 3.5f / 8.0f) < 1e-5f);
        }
        // The same region on a matte stored at a third of the eye: the same place, normalised.
        const torch::Tensor small = MatteAdjuster(c, 300, 150).apply(flat(1, 50, 100, 1.0f), 0.0);
        QCOMPARE(small[0][0].narrow(0, 25, 25).max().item<float>(), 0.0f);
        QCOMPARE(small[0][0].narrow(0, 0, 22).min().item<float>(), 1.0f);
    }

    void keepRegionsAndEyes()
    {
        MatteControls c;
        c.regionFeather = 0;
        c.regions.push_back(parseRectangleRegion("keep:0.25,0,0.75,1:right"));
        c.regions.push_back(parseRectangleRegion("remove:0,0,0.1,0.1:left"));
        MatteAdjuster adjuster(c, 40, 40);
        const torch::Tensor out = adjuster.apply(flat(2, 40, 40, 1.0f), 0.0);
        // Left eye: only its own corner removed.
        QCOMPARE(out[0][0].sum().item<double>(), 40.0 * 40.0 - 16.0);
        QCOMPARE(out[0][0][0][0].item<float>(), 0.0f);
        // Right eye: only the keep region's columns 10..29 stay.
        QCOMPARE(out[1][0].sum().item<double>(), 20.0 * 40.0);
        QCOMPARE(out[1][0].narrow(1, 10, 20).min().item<float>(), 1.0f);
        // A mono source has one eye, which every region means.
        QCOMPARE(adjuster.apply(flat(1, 40, 40, 1.0f), 0.0)[0][0].sum().item<double>(), 20.0 * 40.0 - 0.0);
    }

    void polygonRegions()
    {
        MatteControls c;
        c.regionFeather = 4;
        c.regions.push_back(parsePolygonRegion("remove:0.5,0.1;0.9,0.9;0.1,0.9"));
        const torch::Tensor out = MatteAdjuster(c, 100, 100).apply(flat(1, 100, 100, 1.0f), 0.0)[0][0];
        QCOMPARE(out[60][50].item<float>(), 0.0f); // inside the triangle
        QCOMPARE(out[85][15].item<float>(), 0.0f); // near a corner, inside
        QCOMPARE(out[5][5].item<float>(), 1.0f); // far outside
        QCOMPARE(out[95][50].item<float>(), 1.0f); // 5.5 px below the base: beyond the feather
        // 1.5 px below the base (y = 90): 1.5 / 4 of the way out of the ramp.
        QVERIFY(std::abs(out[91][50].item<float>() - 1.5f / 4.0f) < 1e-5f);
    }

    void smoothingCalmsFlickerButFollowsMotion()
    {
        MatteControls c;
        c.smooth = 1.0;
        MatteAdjuster adjuster(c, 8, 8);
        // Flicker: alpha alternating 0.50 / 0.54 in place.
        double before = 0.0;
        double after = 0.0;
        torch::Tensor last = adjuster.apply(flat(1, 8, 8, 0.5f), 0.0);
        for (int i = 1; i < 20; ++i) {
            const torch::Tensor out = adjuster.apply(flat(1, 8, 8, i % 2 ? 0.54f : 0.5f), 0.0);
            before += 0.04;
            after += (out - last).abs().max().item<double>();
            last = out;
        }
        QVERIFY2(after < 0.2 * before, qPrintable(QString::number(after / before)));
        // Motion: a step from 0 to 1 is taken at once, with no trail.
        adjuster.reset();
        adjuster.apply(flat(1, 8, 8, 0.0f), 0.0);
        QCOMPARE(adjuster.apply(flat(1, 8, 8, 1.0f), 0.0).min().item<float>(), 1.0f);
        // Half strength leaves half of a small change through.
        c.smooth = 0.5;
        MatteAdjuster half(c, 8, 8);
        half.apply(flat(1, 8, 8, 0.5f), 0.0);
        QVERIFY(std::abs(half.apply(flat(1, 8, 8, 0.52f), 0.0).max().item<float>() - 0.51f) < 1e-5f);
    }

    void parsesTheCommandLineForms()
    {
        const MatteRegion r = parseRectangleRegion("keep:0.1,0.2,0.3,0.4:left");
        QVERIFY(r.action == MatteRegion::Action::Keep && r.eye == MatteRegion::Eye::Left);
        QCOMPARE(r.points.size(), std::size_t(2));
        QCOMPARE(r.points[1].second, 0.4);
        QVERIFY(parsePolygonRegion("remove:0,0;1,0;1,1").eye == MatteRegion::Eye::Both);
        for (const char* bad : { "remove:0,0,1", "erase:0,0,1,1", "remove:0,0,1,1:middle",
                 "remove:0.5,0,0.2,1", "remove:0,0,1,1.5", "keep:a,b,c,d" }) {
            try {
                parseRectangleRegion(bad);
                QFAIL(bad);
            } catch (const Error& e) {
                QCOMPARE(e.kind(), ErrorKind::Usage);
                QVERIFY(std::string(e.what()).find("--region") != std::string::npos);
            }
        }
        QVERIFY_THROWS_EXCEPTION(Error, parsePolygonRegion("remove:0,0;1,1"));
        QCOMPARE(parseLevels("0.1,0.9"), std::make_pair(0.1, 0.9));
        QVERIFY_THROWS_EXCEPTION(Error, parseLevels("0.9,0.1"));
        QVERIFY_THROWS_EXCEPTION(Error, parseLevels("half"));
    }

    void timesAndSpansReadAsTyped()
    {
        QCOMPARE(parseTimeText("12.5"), std::optional<double>(12.5));
        QCOMPARE(parseTimeText("1:05"), std::optional<double>(65.0));
        QCOMPARE(parseTimeText("01:02:03.250"), std::optional<double>(3723.25));
        for (const char* bad : { "", "-1", "1:60", "1.5:00", "1:2:3:4", "ten", "1e400", " 1" }) {
            QVERIFY2(!parseTimeText(bad), bad);
        }
        const TimeSpan span = parseTimeSpan("1:00-1:30.5", "--region", "x");
        QCOMPARE(span.from, 60.0);
        QCOMPARE(*span.to, 90.5);
        QVERIFY(span.contains(60.0) && span.contains(90.49) && !span.contains(90.5) && !span.contains(59.9));
        QVERIFY(!parseTimeSpan("10-", "--region", "x").to);
        QCOMPARE(parseTimeSpan("-4", "--region", "x").from, 0.0);
        // A frame meant to sit on a bound lands a hair either side of it in floating point.
        QVERIFY(span.contains(59.9999999) && !span.contains(90.4999999));
        for (const char* bad : { "5-2", "3-3", "-", "1-2-3", "a-2" }) {
            try {
                parseTimeSpan(bad, "--region", std::string("remove:0,0,1,1@") + bad);
                QFAIL(bad);
            } catch (const Error& e) {
                QCOMPARE(e.kind(), ErrorKind::Usage);
                QVERIFY2(std::string(e.what()).starts_with("--region 'remove:0,0,1,1@"), e.what());
            }
        }
        try {
            parseTimeSpan("20-10", "--keep-person", "0.5,0.5@12@20-10");
            QFAIL("a span that ends before it starts");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("ends (10 s) before it starts (20 s)") != std::string::npos,
                e.what());
        }
    }

    void regionsHoldDuringTheirSpansAndMoveBetweenKeyShapes()
    {
        const MatteRegion still = parseRectangleRegion("remove:0,0.5,1,1:left@2-4");
        QVERIFY(still.eye == MatteRegion::Eye::Left && !still.moves());
        QCOMPARE(still.span.from, 2.0);
        QVERIFY(!still.activeAt(1.9) && still.activeAt(2.0) && still.activeAt(3.9) && !still.activeAt(4.0));

        // Times may be hh:mm:ss, which holds colons of its own; the eye is still read at the end.
        const MatteRegion moving
            = parseRectangleRegion("remove:1=0,0,0.2,0.5/0:00:03=0.4,0,0.6,0.5/5=0.8,0.5,1,1:right");
        QVERIFY(moving.moves() && moving.eye == MatteRegion::Eye::Right && moving.span.whole());
        QCOMPARE(moving.keys.size(), std::size_t(3));
        QCOMPARE(moving.points, moving.keys.front().points);
        QCOMPARE(moving.shapeAt(0.0), moving.keys[0].points); // held before the first key
        QCOMPARE(moving.shapeAt(9.0), moving.keys[2].points); // and after the last
        const RegionPoints mid = moving.shapeAt(2.0);
        QVERIFY(std::abs(mid[0].first - 0.2) < 1e-12 && std::abs(mid[1].first - 0.4) < 1e-12);
        const RegionPoints late = moving.shapeAt(4.5);
        QVERIFY(std::abs(late[0].first - 0.7) < 1e-12 && std::abs(late[0].second - 0.375) < 1e-12);
        QVERIFY(describe(moving).find("moving through 3 key shapes from 1 s to 5 s") != std::string::npos);

        const MatteRegion polygon = parsePolygonRegion("keep:0=0,0;1,0;1,1/2=0,0;0.5,0;0.5,1@1-");
        QVERIFY(polygon.moves() && !polygon.span.to && polygon.span.from == 1.0);
        for (const char* bad : { "remove:1=0,0,0.2,0.5/2=0.4,0,0.3,0.5", // corners crossed in a key
                 "remove:2=0,0,0.2,0.5/1=0.4,0,0.6,0.5", // keys out of order
                 "remove:1=0,0,0.2,0.5/x=0.4,0,0.6,0.5", "remove:1=0,0,0.2,0.5/0.4,0,0.6,0.5",
                 "remove:0,0,1,1@4-2" }) {
            try {
                parseRectangleRegion(bad);
                QFAIL(bad);
            } catch (const Error& e) {
                QVERIFY2(std::string(e.what()).starts_with("--region '"), e.what());
            }
        }
        try {
            parsePolygonRegion("remove:1=0,0;1,0;1,1/2=0,0;1,0;1,1;0,1");
            QFAIL("key shapes with different vertex counts");
        } catch (const Error& e) {
            QVERIFY2(std::string(e.what()).find("same number of points") != std::string::npos, e.what());
        }

        // The adjuster draws each frame's regions: a removed band that moves from the left edge
        // to the right edge between 1 s and 3 s, and a still one in force from 2 s to 2.5 s only.
        MatteControls c;
        c.regionFeather = 0;
        c.regions.push_back(parseRectangleRegion("remove:1=0,0,0.25,1/3=0.75,0,1,1"));
        c.regions.push_back(parseRectangleRegion("remove:0,0,1,0.1@2-2.5"));
        MatteAdjuster adjuster(c, 40, 40);
        const auto removedColumns = [&](double seconds) {
            const torch::Tensor out = adjuster.apply(flat(1, 40, 40, 1.0f), seconds)[0][0];
            return (out.narrow(0, 20, 20).sum(0) == 0).nonzero().flatten();
        };
        QCOMPARE(int(removedColumns(0.5).size(0)), 10); // columns 0..9, before the first key
        QCOMPARE(removedColumns(0.5)[0].item<int>(), 0);
        QCOMPARE(removedColumns(2.0)[0].item<int>(), 15); // halfway: 0.375..0.625 of the eye
        QCOMPARE(int(removedColumns(2.0).size(0)), 10);
        QCOMPARE(removedColumns(3.5)[0].item<int>(), 30);
        // The top band, in force from 2 s to 2.5 s, in the top rows away from the moving band.
        const auto topRows = [&](double seconds, int column, int width) {
            return adjuster.apply(flat(1, 40, 40, 1.0f), seconds)[0][0].narrow(0, 0, 4).narrow(
                1, column, width);
        };
        QCOMPARE(topRows(1.99, 28, 12).min().item<float>(), 1.0f);
        QCOMPARE(topRows(2.2, 0, 40).max().item<float>(), 0.0f);
        QCOMPARE(topRows(2.5, 0, 20).min().item<float>(), 1.0f);
        // Outside every region's span nothing is touched at all.
        MatteControls later;
        later.regions.push_back(parseRectangleRegion("remove:0,0,1,1@10-"));
        QCOMPARE(MatteAdjuster(later, 40, 40).apply(flat(1, 40, 40, 0.7f), 9.0).min().item<float>(), 0.7f);
        QCOMPARE(MatteAdjuster(later, 40, 40).apply(flat(1, 40, 40, 0.7f), 10.0).max().item<float>(), 0.0f);
    }

    // The window's gesture: a region drawn at one frame and moved at another gets a key shape
    // there; moved again at a key's frame, that key changes.
    void movingARegionAtAnotherFrameAddsAKeyShape()
    {
        MatteRegion r = parseRectangleRegion("remove:0.1,0.1,0.2,0.2");
        r.keys = { RegionKey { 1.0, r.points } };
        QVERIFY(!r.moves());
        r.setKeyShape(3.0, { { 0.5, 0.1 }, { 0.6, 0.2 } }, 3.0, 0.001);
        QVERIFY(r.moves());
        QCOMPARE(r.keys.size(), std::size_t(2));
        QCOMPARE(r.shapeAt(2.0)[0].first, 0.3);
        r.setKeyShape(2.0, { { 0.3, 0.5 }, { 0.4, 0.6 } }, 2.0, 0.001);
        QCOMPARE(r.keys.size(), std::size_t(3));
        QCOMPARE(r.keys[1].seconds, 2.0);
        r.setKeyShape(1.0005, { { 0.0, 0.0 }, { 0.1, 0.1 } }, 1.0005, 0.001);
        QCOMPARE(r.keys.size(), std::size_t(3));
        QCOMPARE(r.points, (RegionPoints { { 0.0, 0.0 }, { 0.1, 0.1 } }));
        MatteControls c;
        c.regions = { r };
        validateMatteControls(c);
        // A region without a recorded frame (from the command line) just moves.
        MatteRegion still = parseRectangleRegion("remove:0.1,0.1,0.2,0.2");
        still.setKeyShape(5.0, { { 0.2, 0.1 }, { 0.3, 0.2 } }, 0.0, 0.001);
        QVERIFY(still.moves());
        QCOMPARE(still.keys[0].seconds, 0.0);
    }

    void personPicksTakeASpan()
    {
        const PersonPick pick = parsePersonPick("0.4,0.6@1:05@1:00-1:30", PersonPick::Action::Remove);
        QCOMPARE(pick.seconds, 65.0);
        QCOMPARE(pick.span.from, 60.0);
        QCOMPARE(*pick.span.to, 90.0);
        QVERIFY(parsePersonPick("0.4,0.6@12.5", PersonPick::Action::Keep).span.whole());
        for (const char* bad : { "0.4,0.6@12@20-10", "0.4,0.6@12@", "0.4,0.6@x", "0.4,0.6@12@1-2-3" }) {
            try {
                parsePersonPick(bad, PersonPick::Action::Keep);
                QFAIL(bad);
            } catch (const Error& e) {
                QVERIFY2(std::string(e.what()).starts_with("--keep-person '"), e.what());
            }
        }
        PersonChoices c;
        c.picks = { pick };
        QVERIFY(describe(c).front().find("from 1:00 to 1:30") != std::string::npos);
    }

    // On real footage: the cut between the two clips is found at its frame and nowhere else
    // (people walking, a camera that moves).
    void sceneCutDetectorFindsTheCutOnly()
    {
        const MediaInfo info = probeMedia(m_cutClip.string(), parseLayoutTag("MONO_FLAT"), false);
        FrameReader reader(m_cutClip.string(), info.videoStreamIndex);
        std::unique_ptr<EyeFrames> eyes;
        SceneCutDetector detector;
        std::vector<int> cuts;
        double quietHistogram = 0.0;
        double quietPixels = 0.0;
        for (int frame = 0;; ++frame) {
            DecodedFrame decoded = reader.next();
            if (!decoded.frame) {
                QCOMPARE(frame, 50);
                break;
            }
            if (!eyes) {
                eyes = std::make_unique<EyeFrames>(info, decoded.frame->format);
            }
            if (detector.isCut(eyes->toBatch(decoded.frame.get()))) {
                cuts.push_back(frame);
            } else {
                quietHistogram = std::max(quietHistogram, detector.lastHistogramDistance());
                quietPixels = std::max(quietPixels, detector.lastPixelDifference());
            }
        }
        qInfo("largest change between frames of one shot: histogram %.3f, pixels %.3f", quietHistogram,
            quietPixels);
        QCOMPARE(cuts, std::vector<int> { 25 });
        // Other real footage: one shot each, no cut anywhere. The signers clip joins three takes
        // of one person in one office: the join at frame 198 (0.26 / 0.09) is found; the one at
        // frame 109, a retake with the same framing and light (0.07 / 0.03, against 0.04 / 0.01
        // within a take), is not, and the model's memory, which holds the same room, is kept.
        const std::map<std::string, std::vector<int>> expected {
            { "vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4", {} },
            { "clips/asl_signers_640x480_30fps.mp4", { 198 } },
            { "truth/office_pan_p3m-bd6af989_1280x720_composite.mp4", {} },
            { "truth/asphalt_car_p3m-09ba26b4_1280x720_composite.mp4", {} },
        };
        for (const auto& [clip, cutsThere] : expected) {
            const MediaInfo other = probeMedia(sharedMedia(clip).string(), std::nullopt, false);
            FrameReader frames(other.path, other.videoStreamIndex);
            std::unique_ptr<EyeFrames> otherEyes;
            SceneCutDetector detectorThere;
            std::vector<int> found;
            int count = 0;
            for (DecodedFrame decoded = frames.next(); decoded.frame; decoded = frames.next()) {
                if (!otherEyes) {
                    otherEyes = std::make_unique<EyeFrames>(other, decoded.frame->format);
                }
                if (detectorThere.isCut(otherEyes->toBatch(decoded.frame.get()))) {
                    found.push_back(count);
                }
                if (qEnvironmentVariableIsSet("PTS_PRINT_CUTS")) {
                    qInfo("%s %d %.3f %.3f", clip.c_str(), count, detectorThere.lastHistogramDistance(),
                        detectorThere.lastPixelDifference());
                }
                ++count;
            }
            QVERIFY(count > 90);
            QCOMPARE(found, cutsThere);
        }
    }

    // Regions through the CLI: alpha exactly 0 where removed (luma 16 in the matte packing),
    // unchanged far from the region, feathered at its border; a right-eye region leaves the
    // left eye alone.
    // The timeline's scan of a whole video finds the same cut a job does, and nothing else.
    void sceneScanFindsTheCutOfTheWholeVideo()
    {
        const MediaInfo info = probeMedia(m_cutClip.string());
        std::int64_t seen = 0;
        const std::vector<std::int64_t> cuts
            = findSceneCuts(info, nullptr, [&](std::int64_t done, std::int64_t) { seen = done; });
        QCOMPARE(seen, std::int64_t(50));
        QCOMPARE(cuts.size(), std::size_t(1));
        QCOMPARE(info.ptsToSeconds(cuts[0]), 2.5);
        std::atomic<bool> cancel { true };
        QVERIFY_THROWS_EXCEPTION(Error, findSceneCuts(info, &cancel));
    }

    void regionsThroughTheCli()
    {
        const auto plain = path("plain.mp4");
        const auto cut = path("region.mp4");
        process(m_clip, plain, {});
        process(m_clip, cut,
            { QStringLiteral("--region"), QStringLiteral("remove:0,0.6,1,1"), QStringLiteral("--region"),
                QStringLiteral("remove:0,0,0.5,0.2:right") });
        const auto before = lumaFrames(plain);
        const auto after = lumaFrames(cut);
        QCOMPARE(after.size(), std::size_t(60));
        QCOMPARE(before.size(), after.size());
        bool someFeathered = false;
        for (std::size_t i = 0; i < after.size(); ++i) {
            const torch::Tensor& a = after[i];
            const torch::Tensor& b = before[i];
            // Eyes are 160x180: rows from 108 down are removed, rows above 100 are untouched.
            QCOMPARE(a.narrow(0, 108, 72).min().item<float>(), 16.0f);
            QCOMPARE(a.narrow(0, 108, 72).max().item<float>(), 16.0f);
            QVERIFY(
                torch::equal(a.narrow(0, 40, 60).narrow(1, 0, 160), b.narrow(0, 40, 60).narrow(1, 0, 160)));
            QVERIFY(
                torch::equal(a.narrow(0, 0, 100).narrow(1, 0, 160), b.narrow(0, 0, 100).narrow(1, 0, 160)));
            // The right eye's top-left corner (x < 80, y < 36) is removed there only.
            QCOMPARE(a.narrow(0, 0, 36).narrow(1, 160, 80).max().item<float>(), 16.0f);
            QVERIFY(
                torch::equal(a.narrow(0, 0, 36).narrow(1, 250, 70), b.narrow(0, 0, 36).narrow(1, 250, 70)));
            // The border rows fade: never above the plain matte, strictly between somewhere.
            const torch::Tensor border = a.narrow(0, 100, 8);
            const torch::Tensor plainBorder = b.narrow(0, 100, 8);
            QVERIFY((border <= plainBorder + 1.0f).all().item<bool>());
            someFeathered |= ((border > 16.0f) & (border < plainBorder - 2.0f)).any().item<bool>();
        }
        QVERIFY(someFeathered);
    }

    // A hard cut resets the recurrent state: the frames after it no longer depend on where the
    // segments start. A run in 1 s segments equals a one-segment run from the cut on, for the
    // frames whose warm-up reaches back to the cut; without the reset they differ.
    void sceneCutsMakeSegmentsEqualAContinuousRun()
    {
        const auto continuous = path("continuous.mp4");
        const auto segmented = path("segmented.mp4");
        const auto noReset = path("noreset.mp4");
        const QStringList oneSegment { QStringLiteral("--layout"), QStringLiteral("MONO_FLAT"),
            QStringLiteral("--segment-seconds"), QStringLiteral("10") };
        const QStringList seconds { QStringLiteral("--layout"), QStringLiteral("MONO_FLAT"),
            QStringLiteral("--segment-seconds"), QStringLiteral("1"), QStringLiteral("--warmup-seconds"),
            QStringLiteral("1") };
        process(m_cutClip, continuous, oneSegment);
        process(m_cutClip, segmented, seconds);
        process(m_cutClip, noReset,
            seconds + QStringList { QStringLiteral("--scene-cuts"), QStringLiteral("off") });
        const auto c = lumaFrames(continuous);
        const auto s = lumaFrames(segmented);
        const auto n = lumaFrames(noReset);
        QCOMPARE(c.size(), std::size_t(50));
        QCOMPARE(s.size(), c.size());
        for (std::size_t i = 25; i < 40; ++i) {
            QVERIFY2(torch::equal(s[i], c[i]), qPrintable(QStringLiteral("frame %1").arg(i)));
        }
        double differs = 0.0;
        for (std::size_t i = 30; i < 40; ++i) {
            differs = std::max(differs, (n[i] - c[i]).abs().max().item<double>());
        }
        QVERIFY2(differs > 4.0, qPrintable(QString::number(differs)));
        // The cut is in the job log, once, at its time.
        std::ifstream log(path("segmented.mp4.ptjob/job.log"));
        std::stringstream text;
        text << log.rdbuf();
        const std::string all = text.str();
        const auto first = all.find("scene cut at 2.500 s");
        QVERIFY2(first != std::string::npos, all.c_str());
        QVERIFY(all.find("scene cut at", first + 1) == std::string::npos);
    }

    // `sample` renders exactly N seconds through the pipeline, with the warm-up before them,
    // equal to the same frames of a full `process`, and leaves no job behind.
    void sampleRendersItsSecondsLikeProcess()
    {
        const auto full = path("full.mp4");
        const auto sample = path("samples/sample.mp4");
        std::filesystem::create_directories(sample.parent_path());
        const QStringList options { QStringLiteral("--model"), m_model, QStringLiteral("--encoder"),
            QStringLiteral("libx264"), QStringLiteral("--crf"), QStringLiteral("0"),
            QStringLiteral("--preset"), QStringLiteral("ultrafast"), QStringLiteral("--threads"),
            QStringLiteral("1"), QStringLiteral("--segment-seconds"), QStringLiteral("1"),
            QStringLiteral("--region"), QStringLiteral("remove:0,0.8,1,1") };
        process(m_clip, full,
            { QStringLiteral("--segment-seconds"), QStringLiteral("1"), QStringLiteral("--region"),
                QStringLiteral("remove:0,0.8,1,1") });
        ProcessResult r = runCli(
            QStringList { QStringLiteral("sample"), q(m_clip), QStringLiteral("--start"), QStringLiteral("1"),
                QStringLiteral("--seconds"), QStringLiteral("0.5"), QStringLiteral("-o"), q(sample) }
            + options);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const DecodedVideo s = decodeVideo(sample, true);
        const DecodedVideo f = decodeVideo(full, true);
        QCOMPARE(s.luma.size(), std::size_t(15)); // 0.5 s at 30 frames/s
        QCOMPARE(s.seconds.front(), 0.0);
        // The whole video's size at the sample's rate, as the window's estimate takes it.
        const std::int64_t frames = probeMedia(m_clip.string()).frameCount;
        const std::string whole
            = humanBytes(std::llround(double(std::filesystem::file_size(sample)) / 15.0 * double(frames)));
        QVERIFY2(r.out.contains(
                     QStringLiteral("at this sample's rate the whole video (%1 frames) comes to about %2")
                         .arg(frames)
                         .arg(QString::fromStdString(whole))),
            qPrintable(r.out));
        for (std::size_t i = 0; i < s.luma.size(); ++i) {
            QVERIFY2(torch::equal(s.luma[i], f.luma[30 + i]), qPrintable(QStringLiteral("frame %1").arg(i)));
        }
        // Nothing but the sample in its folder.
        QCOMPARE(std::distance(std::filesystem::directory_iterator(sample.parent_path()),
                     std::filesystem::directory_iterator()),
            std::ptrdiff_t(1));
        // It never replaces a file, and a start past the end is refused by name.
        r = runCli(QStringList { QStringLiteral("sample"), q(m_clip), QStringLiteral("--start"),
                       QStringLiteral("1"), QStringLiteral("-o"), q(sample) }
            + options);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("already exists")));
        r = runCli(QStringList { QStringLiteral("sample"), q(m_clip), QStringLiteral("--start"),
                       QStringLiteral("9"), QStringLiteral("-o"), q(path("late.mp4")) }
            + options);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("after the end")));
    }
};

QTEST_GUILESS_MAIN(TestMatteControls)
#include "tst_mattecontrols.moc"
