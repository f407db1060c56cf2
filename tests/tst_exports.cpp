// The packings beyond the fisheye blocks: real alpha exports (ProRes 4444, VP9 alpha, PNG
// sequence) checked against the matte and the source picture by decoding them with the real
// ffmpeg; equirect 180 sources converted to fisheye for the fisheye alpha packing; output names,
// size notes and the encoder rules.
#include "media/layout.h"
#include "packing/fisheyealpha.h"
#include "packing/outputencoding.h"
#include "packing/packing.h"
#include "support/testmedia.h"
#include "util/error.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <torch/types.h>

#include <cmath>

using namespace passthrough;
using namespace passthrough::test;

namespace {

// Every frame of `input` through ffmpeg as raw `pixFmt` planes, N x H x W x C uint8.
torch::Tensor rawFrames(const QStringList& inputArgs, const QString& filter, const QString& pixFmt, int width,
    int height, int channels)
{
    QProcess ffmpeg;
    QStringList args { QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error") };
    args += inputArgs;
    if (!filter.isEmpty()) {
        args += { QStringLiteral("-vf"), filter };
    }
    args += { QStringLiteral("-f"), QStringLiteral("rawvideo"), QStringLiteral("-pix_fmt"), pixFmt,
        QStringLiteral("-") };
    ffmpeg.start(QStringLiteral("ffmpeg"), args);
    ffmpeg.waitForFinished(300000);
    const QByteArray data = ffmpeg.readAllStandardOutput();
    const qint64 frameBytes = qint64(width) * height * channels;
    if (ffmpeg.exitCode() != 0 || data.isEmpty() || data.size() % frameBytes != 0) {
        qWarning("ffmpeg %s: %s", qPrintable(args.join(QLatin1Char(' '))),
            ffmpeg.readAllStandardError().constData());
        return {};
    }
    return torch::from_blob(const_cast<char*>(data.constData()),
        { data.size() / frameBytes, height, width, channels }, torch::kUInt8)
        .clone();
}

double psnr(const torch::Tensor& a, const torch::Tensor& b)
{
    const double mse = (a.to(torch::kFloat64) - b.to(torch::kFloat64)).pow(2).mean().item<double>();
    return mse == 0.0 ? 99.0 : 10.0 * std::log10(255.0 * 255.0 / mse);
}

QStringList input(const std::filesystem::path& path, const QString& decoder = {})
{
    QStringList args;
    if (!decoder.isEmpty()) {
        args += { QStringLiteral("-c:v"), decoder };
    }
    return args + QStringList { QStringLiteral("-i"), QString::fromStdString(path.string()) };
}

} // namespace

class TestExports : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::filesystem::path m_root;
    std::filesystem::path m_model;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_root = m_dir.path().toStdString();
        m_model = writeTestModel(m_root);
    }

    void alphaExportsCarryTheMatteAndThePicture()
    {
        constexpr int w = 320;
        constexpr int h = 160;
        const auto clip = makeClip(m_root, "people_LR_FISHEYE190.mp4", w, h, 1.0);
        auto process = [&](const QString& packing, const std::filesystem::path& out) {
            return runCli({ QStringLiteral("process"), str(clip), QStringLiteral("-o"), str(out),
                QStringLiteral("--packing"), packing, QStringLiteral("--model"), str(m_model),
                QStringLiteral("--segment-seconds"), QStringLiteral("1") });
        };
        // The reference: the matte alone as a lossless 8-bit gray PNG sequence.
        const ProcessResult matte = process(QStringLiteral("matte"), m_root / "matte" / "%05d.png");
        QVERIFY2(matte.exitCode == 0, qPrintable(matte.err));
        const torch::Tensor expectedAlpha
            = rawFrames(input(m_root / "matte" / "%05d.png"), {}, QStringLiteral("gray"), w, h, 1);
        QCOMPARE(expectedAlpha.size(0), 30);
        QVERIFY(expectedAlpha.max().item<int>() > 200 && expectedAlpha.min().item<int>() < 50);
        // The picture is compared in luma: 4:2:0 -> 4:4:4 chroma upsampling alone costs
        // testsrc2's sharp colour edges about 28 dB in RGB, whoever does it.
        const torch::Tensor sourceLuma = rawFrames(input(clip), {}, QStringLiteral("gray"), w, h, 1);

        struct Export {
            QString packing;
            std::filesystem::path output;
            QString decoder;
            double minAlphaPsnr;
            int maxAlphaError;
            double minPicturePsnr;
        };
        const Export exports[] = {
            // ProRes keeps alpha losslessly at 16 bits; reading it back as 8 bits rounds twice.
            { QStringLiteral("prores4444"), m_root / "out.mov", {}, 50.0, 2, 45.0 },
            { QStringLiteral("vp9-alpha"), m_root / "out.webm", QStringLiteral("libvpx-vp9"), 30.0, 255,
                30.0 },
            { QStringLiteral("png-alpha"), m_root / "png" / "%06d.png", {}, 99.0, 0, 35.0 },
        };
        for (const Export& e : exports) {
            const ProcessResult r = process(e.packing, e.output);
            QVERIFY2(r.exitCode == 0, qPrintable(e.packing + QStringLiteral(": ") + r.err));
            const torch::Tensor alpha = rawFrames(
                input(e.output, e.decoder), QStringLiteral("alphaextract"), QStringLiteral("gray"), w, h, 1);
            QVERIFY2(alpha.defined() && alpha.size(0) == 30, qPrintable(e.packing));
            const double alphaPsnr = psnr(alpha, expectedAlpha);
            const int maxError
                = (alpha.to(torch::kInt32) - expectedAlpha.to(torch::kInt32)).abs().max().item<int>();
            qInfo("%s: alpha PSNR %.1f dB, max error %d", qPrintable(e.packing), alphaPsnr, maxError);
            QVERIFY2(alphaPsnr >= e.minAlphaPsnr && maxError <= e.maxAlphaError, qPrintable(e.packing));
            const torch::Tensor luma
                = rawFrames(input(e.output, e.decoder), {}, QStringLiteral("gray"), w, h, 1);
            const double picturePsnr = psnr(luma, sourceLuma);
            qInfo("%s: picture PSNR %.1f dB against the source", qPrintable(e.packing), picturePsnr);
            QVERIFY2(picturePsnr >= e.minPicturePsnr, qPrintable(e.packing));
        }
        // ProRes in .mov keeps the source's AAC; WebM cannot take AAC and says so.
        QVERIFY(audioDurationSeconds(m_root / "out.mov") > 0.95);
        const ProcessResult again = process(QStringLiteral("vp9-alpha"), m_root / "again.webm");
        QVERIFY2(again.err.contains(QStringLiteral("has no audio")), qPrintable(again.err));
    }

    void equirectSourceIsConvertedToFisheye()
    {
        const auto source = sharedMedia("vr/office_walkin_2048x1024_LR_180.mp4");
        const auto folder = m_root / "equirect";
        std::filesystem::create_directories(folder);
        const ProcessResult r
            = runCli({ QStringLiteral("process"), str(source), QStringLiteral("-o"), str(folder),
                QStringLiteral("--packing"), QStringLiteral("fisheye-alpha"), QStringLiteral("--model"),
                str(m_model), QStringLiteral("--preset"), QStringLiteral("ultrafast") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("converted from equirectangular 180")), qPrintable(r.err));
        const auto output = folder / "office_walkin_2048x1024_LR_180_FISHEYE_F180_alpha.mp4";
        QVERIFY(std::filesystem::exists(output));
        // Players read the name as side-by-side fisheye 180.
        const auto layout = detectLayout(output.filename().string(), 2048, 1024, {});
        QVERIFY(layout.projection == Projection::Fisheye && layout.fisheyeFovDegrees == 180
            && layout.stereo == StereoMode::LeftRight);

        // The picture is the ffmpeg tool's own v360 conversion of the source (compared on frame
        // 150, inside the image circles, away from the six blocks), with the audio kept.
        const QString v360
            = QStringLiteral("select=eq(n\\,150),v360=input=hequirect:output=fisheye:in_stereo=sbs:"
                             "out_stereo=sbs:h_fov=180:v_fov=180:interp=cubic");
        const torch::Tensor expected = rawFrames(input(source), v360, QStringLiteral("gray"), 2048, 1024, 1);
        const torch::Tensor actual = rawFrames(
            input(output), QStringLiteral("select=eq(n\\,150)"), QStringLiteral("gray"), 2048, 1024, 1);
        QVERIFY(expected.defined() && actual.defined());
        const auto middle = torch::indexing::Slice(256, 768);
        const double picture
            = psnr(actual[0].index({ middle, middle }), expected[0].index({ middle, middle }));
        qInfo("equirect -> fisheye picture PSNR against ffmpeg's v360: %.1f dB", picture);
        QVERIFY(picture >= 35.0);
        // Outside the circles (and the blocks) the converted frame is black; inside it is not.
        QVERIFY(actual[0][100][200].item<int>() <= 20);
        QVERIFY(actual[0].index({ middle, middle }).to(torch::kFloat32).mean().item<float>() > 40.0f);
        // The six blocks hold the matte of both eyes.
        const auto tiles
            = unpackFisheyeAlpha(actual[0].squeeze(2).to(torch::kFloat32), {}, 8, AlphaChannel::Gray, 1);
        QVERIFY(tiles[0].max().item<float>() > 0.5f && tiles[1].max().item<float>() > 0.5f);
        QVERIFY(audioDurationSeconds(output) > 9.9);
    }

    void sizeChangeIsExplained()
    {
        const auto clip = makeClip(m_root, "odd_LR_FISHEYE190.mp4", 1000, 500, 0.5, false);
        const ProcessResult r = runCli({ QStringLiteral("process"), str(clip), QStringLiteral("-o"),
            str(m_root / "odd_alpha.mp4"), QStringLiteral("--packing"), QStringLiteral("fisheye-alpha"),
            QStringLiteral("--model"), str(m_model) });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("not 1000x500"))
                && r.err.contains(QStringLiteral("multiples of 32")),
            qPrintable(r.err));
        const DecodedVideo decoded = decodeVideo(m_root / "odd_alpha.mp4", true);
        QCOMPARE(decoded.luma.at(0).size(1) % 32, 0);
        QCOMPARE(decoded.luma.at(0).size(0) % 32, 0);
    }

    void outputNames()
    {
        const auto folder = m_root / "names";
        std::filesystem::create_directories(folder);
        const Layout equirect = *parseLayoutTag("LR_180");
        const Layout fisheye = *parseLayoutTag("LR_FISHEYE190");
        QCOMPARE(resolveOutputPath("/v/walk_LR_180.mp4", folder, PackingKind::FisheyeAlpha, equirect)
                     .filename()
                     .string(),
            std::string("walk_LR_180_FISHEYE_F180_alpha.mp4"));
        QCOMPARE(resolveOutputPath("/v/walk_MKX200_3dh.mp4", folder, PackingKind::FisheyeAlphaRed, fisheye)
                     .filename()
                     .string(),
            std::string("walk_MKX200_3dh_alpha.mp4"));
        QCOMPARE(resolveOutputPath("/v/walk_LR_180.mp4", folder, PackingKind::ProRes4444, equirect)
                     .filename()
                     .string(),
            std::string("walk_LR_180_alpha.mov"));
        QCOMPARE(resolveOutputPath("/v/walk_LR_180.mp4", folder, PackingKind::PngAlpha, equirect).string(),
            (folder / "walk_LR_180_alpha" / "%06d.png").string());
        QCOMPARE(stripLayoutTags("clip_2048x1024_LR_180"), std::string("clip_2048x1024"));
        QVERIFY(outputNameProblem(PackingKind::Vp9Alpha, "x.mp4").has_value());
        QVERIFY(outputNameProblem(PackingKind::PngAlpha, "x.mov").has_value());
        QVERIFY(outputNameProblem(PackingKind::FisheyeAlpha, "out/%05d.png").has_value());
        QVERIFY(!outputNameProblem(PackingKind::Matte, "out/%05d.png").has_value());
        QVERIFY(!outputNameProblem(PackingKind::ProRes4444, "x.MOV").has_value());
    }

    void encoderRules()
    {
        // H.264 only up to 4096 px wide; HEVC above.
        QVERIFY_THROWS_EXCEPTION(Error, chooseEncoder(PackingKind::FisheyeAlpha, { "libx264" }, 8192, 8));
        QCOMPARE(
            chooseEncoder(PackingKind::FisheyeAlpha, { "libx264" }, 4096, 8).encoder, std::string("libx264"));
        QCOMPARE(chooseEncoder(PackingKind::FisheyeAlpha, { "libx265" }, 8192, 10).bitDepth, 10);
        // auto: NVENC exactly when it opens on this machine, libx265 otherwise.
        const std::string chosen = chooseEncoder(PackingKind::Matte, { "auto" }, 2048, 8).encoder;
        QCOMPARE(chosen, std::string(encoderUsable("hevc_nvenc") ? "hevc_nvenc" : "libx265"));
        if (!encoderUsable("hevc_nvenc")) {
            QVERIFY_THROWS_EXCEPTION(Error, chooseEncoder(PackingKind::Matte, { "hevc_nvenc" }, 2048, 8));
        }
        // Alpha exports have one encoder each; a sequence is PNG whatever the packing.
        QCOMPARE(
            chooseEncoder(PackingKind::ProRes4444, { "auto" }, 8192, 8).encoder, std::string("prores_ks"));
        QCOMPARE(
            chooseEncoder(PackingKind::Vp9Alpha, { "auto" }, 4096, 8).encoder, std::string("libvpx-vp9"));
        QVERIFY_THROWS_EXCEPTION(Error, chooseEncoder(PackingKind::ProRes4444, { "libx265" }, 2048, 8));
        EncoderRequest sequence;
        sequence.imageSequence = true;
        QCOMPARE(chooseEncoder(PackingKind::Matte, sequence, 2048, 8).encoder, std::string("png"));
        QVERIFY_THROWS_EXCEPTION(Error, chooseEncoder(PackingKind::Matte, { "x265" }, 2048, 8));
    }
};

QTEST_GUILESS_MAIN(TestExports)
#include "tst_exports.moc"
