// The fisheye alpha ("6-block") packing: exact geometry, round trip through libx265 and the
// unpacker at 2048x1024, 4096x2048 (odd D) and 8192x4096, the picture outside the blocks
// untouched, the red variant, and the packing through the real CLI.
#include "media/chunkencoder.h"
#include "media/ffmpegptr.h"
#include "media/mediainfo.h"
#include "packing/fisheyealpha.h"
#include "packing/fisheyegeometry.h"
#include "packing/packer.h"
#include "support/testmedia.h"
#include "util/error.h"

#include <QTemporaryDir>
#include <QTest>

#include <torch/types.h>
#include <torch/utils.h>

#include <cmath>

using namespace passthrough;
using namespace passthrough::test;

namespace {

// A soft, person-like matte for each eye: an upright ellipse with a 3 % ramp, 0 outside the
// fisheye circle, shifted per eye and per frame.
torch::Tensor syntheticMatte(int width, int height, int frame)
{
    const int eye = width / 2;
    auto ys = torch::arange(height, torch::kFloat32).view({ -1, 1 }) / float(height);
    auto xs = torch::arange(eye, torch::kFloat32).view({ 1, -1 }) / float(eye);
    std::vector<torch::Tensor> eyes;
    for (int e = 0; e < 2; ++e) {
        const float cx = 0.45f + 0.03f * float(e) + 0.01f * float(frame);
        auto d = ((xs - cx) / 0.12).pow(2) + ((ys - 0.55) / 0.3).pow(2);
        auto circle = ((xs - 0.5).pow(2) + (ys - 0.5).pow(2)).sqrt() < 0.5;
        eyes.push_back(((1.0 - d) / 0.06).clamp(0.0, 1.0) * circle);
    }
    return torch::cat(eyes, 1);
}

// A picture: noise in every plane, so that any stray write shows.
ff::FramePtr noisePicture(int width, int height, int bitDepth)
{
    ff::FramePtr frame = ff::makeFrame();
    frame->width = width;
    frame->height = height;
    frame->format = bitDepth > 8 ? AV_PIX_FMT_YUV420P10LE : AV_PIX_FMT_YUV420P;
    av_frame_get_buffer(frame.get(), 0);
    const int bytes = bitDepth > 8 ? 2 : 1;
    for (int p = 0; p < 3; ++p) {
        const int h = p == 0 ? height : height / 2;
        auto plane = torch::from_blob(
            frame->data[p], { h, frame->linesize[p] / bytes }, bitDepth > 8 ? torch::kInt16 : torch::kUInt8);
        plane.copy_(
            torch::randint(bitDepth > 8 ? 64 : 16, bitDepth > 8 ? 940 : 235, plane.sizes(), plane.options()));
    }
    return frame;
}

torch::Tensor planeCopy(const AVFrame* frame, int p, int bitDepth)
{
    const int bytes = bitDepth > 8 ? 2 : 1;
    const int h = p == 0 ? frame->height : frame->height / 2;
    const int w = p == 0 ? frame->width : frame->width / 2;
    return torch::from_blob(
        frame->data[p], { h, frame->linesize[p] / bytes }, bitDepth > 8 ? torch::kInt16 : torch::kUInt8)
        .narrow(1, 0, w)
        .to(torch::kFloat32)
        .clone();
}

double psnrInsideDiscs(const torch::Tensor& got, const torch::Tensor& expected, const torch::Tensor& disc)
{
    const auto inside = (disc > 0.99).expand_as(got);
    const double mse = (got - expected).pow(2).masked_select(inside).mean().item<double>();
    return mse <= 0.0 ? 99.0 : 10.0 * std::log10(1.0 / mse);
}

MediaInfo fakeSource(int width, int height)
{
    MediaInfo info;
    info.width = width;
    info.height = height;
    info.timeBase = { 1, 30 };
    info.frameRate = { 30, 1 };
    info.color.matrix = 1; // BT.709
    return info;
}

} // namespace

class TestPacking : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void geometryWorkedExample()
    {
        // design.md: 8192x4096 -> D = 1638, R = 819; left halves at x in [3277, 4915); right
        // quadrants at x in [0, 819) and [7373, 8192), y in [0, 819) and [3277, 4096).
        FisheyeAlphaGeometry g(8192, 4096);
        QCOMPARE(g.diameter(), 1638);
        const auto rows = g.rows();
        const auto left = g.columns(0);
        const auto right = g.columns(1);
        QCOMPARE(left.min().item<int64_t>(), 3277);
        QCOMPARE(left.max().item<int64_t>(), 4914);
        QCOMPARE(rows[0].item<int64_t>(), 3277); // the disc's top half wraps to the bottom
        QCOMPARE(rows[1637].item<int64_t>(), 818);
        QCOMPARE(right[0].item<int64_t>(), 7373);
        QCOMPARE(right[819].item<int64_t>(), 0);
        QCOMPARE(right[1637].item<int64_t>(), 818);
        QCOMPARE(FisheyeAlphaGeometry(4096, 2048).diameter(), 819);
    }

    void outputSizeIsAMultipleOf32()
    {
        const PackedSize a = fisheyeAlphaOutputSize(3400, 1700);
        QCOMPARE(a.height % 32, 0);
        QCOMPARE(a.width, 2 * a.height);
        const PackedSize b = fisheyeAlphaOutputSize(8192, 4096);
        QCOMPARE(b.width, 8192);
        QCOMPARE(b.height, 4096);
    }

    void pictureOutsideTheBlocksIsUntouched()
    {
        torch::manual_seed(7);
        const int w = 4096, h = 2048;
        ff::FramePtr source = noisePicture(w, h, 8);
        auto packer = makePacker(PackingKind::FisheyeAlpha, PackerConfig { w, h, 8, 1 });
        ff::FramePtr packed = packer->pack(source.get(), syntheticMatte(w, h, 0));
        const int d = FisheyeAlphaGeometry(w, h).diameter();
        const int r = d / 2 + 1; // blocks reach D/2 (+1 for an odd D) from the seam and the corners
        for (int p = 0; p < 3; ++p) {
            const int s = p == 0 ? 1 : 2;
            auto before = planeCopy(source.get(), p, 8);
            auto after = planeCopy(packed.get(), p, 8);
            auto outside = torch::ones_like(before, torch::kBool);
            const int bh = (r + s) / s, bw = (r + s) / s;
            const int H = int(before.size(0)), W = int(before.size(1));
            for (auto [y0, y1] : { std::pair { 0, bh }, std::pair { H - bh, H } }) {
                outside.narrow(0, y0, y1 - y0).narrow(1, 0, bw).fill_(false);
                outside.narrow(0, y0, y1 - y0).narrow(1, W - bw, bw).fill_(false);
                outside.narrow(0, y0, y1 - y0).narrow(1, W / 2 - bw, 2 * bw).fill_(false);
            }
            QVERIFY2(before.masked_select(outside).equal(after.masked_select(outside)),
                qPrintable(QString::number(p)));
            QVERIFY(!before.equal(after)); // and the blocks were written
        }
    }

    void roundTripThroughX265_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::newRow("2048x1024") << 2048 << 1024;
        QTest::newRow("4096x2048 (odd D)") << 4096 << 2048;
        QTest::newRow("8192x4096") << 8192 << 4096;
    }
    void roundTripThroughX265()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QTemporaryDir dir;
        const auto chunk = dir.filePath(QStringLiteral("packed.nut")).toStdString();
        const MediaInfo source = fakeSource(width, height);
        auto packer = makePacker(PackingKind::FisheyeAlpha, PackerConfig { width, height, 8, 1 });
        const FisheyeAlphaGeometry geometry(width, height);
        std::vector<torch::Tensor> expected;
        {
            EncoderSettings settings; // the defaults a user gets: libx265, CRF 20
            ChunkEncoder encoder(chunk,
                ChunkFormat { packer->outputWidth(), packer->outputHeight(), AV_PIX_FMT_YUV420P }, source,
                settings);
            ff::FramePtr black = noisePicture(width, height, 8);
            for (int p = 0; p < 3; ++p) {
                std::memset(black->data[p], p == 0 ? 16 : 128,
                    std::size_t(black->linesize[p]) * (p == 0 ? height : height / 2));
            }
            for (int f = 0; f < 3; ++f) {
                const auto matte = syntheticMatte(width, height, f);
                expected.push_back(geometry.shrinkEyes(matte));
                auto packed = packer->pack(black.get(), matte);
                encoder.encode(packed.get(), f);
            }
            encoder.finish();
        }
        const DecodedVideo decoded = decodeVideo(chunk, true);
        QCOMPARE(decoded.luma.size(), std::size_t(3));
        for (int f = 0; f < 3; ++f) {
            const auto tiles = unpackFisheyeAlpha(decoded.luma[std::size_t(f)], {}, 8, AlphaChannel::Gray, 1);
            const double psnr = psnrInsideDiscs(tiles, expected[std::size_t(f)], geometry.discMask());
            qInfo("%dx%d frame %d: matte PSNR %.1f dB inside the discs", width, height, f, psnr);
            QVERIFY(psnr >= 40.0);
        }
    }

    // Above 4K UHD x265 runs with its low-memory settings (no B-frames, so no packet is
    // reordered) unless the job predates them (schema 3), whose chunks keep B-frames so that the
    // rest of such a job still joins the chunks it already has.
    void x265LowMemoryAboveUhd_data()
    {
        QTest::addColumn<bool>("lowMemory");
        QTest::addColumn<bool>("reordered");
        QTest::newRow("low memory (new jobs)") << true << false;
        QTest::newRow("schema 3 jobs") << false << true;
    }
    void x265LowMemoryAboveUhd()
    {
        QFETCH(bool, lowMemory);
        QFETCH(bool, reordered);
        const int width = 4352, height = 2176; // 9.47 Mpx, just above 4096 x 2304
        QTemporaryDir dir;
        const auto chunk = dir.filePath(QStringLiteral("huge.nut")).toStdString();
        {
            EncoderSettings settings;
            settings.preset = "ultrafast"; // its own defaults have B-frames
            settings.lowMemory = lowMemory;
            ChunkEncoder encoder(chunk, ChunkFormat { width, height, AV_PIX_FMT_YUV420P },
                fakeSource(width, height), settings);
            ff::FramePtr picture = noisePicture(width, height, 8);
            for (int f = 0; f < 8; ++f) {
                std::memset(picture->data[0] + std::size_t(f) * 64 * picture->linesize[0], 235,
                    std::size_t(picture->linesize[0]) * 64); // something moves
                encoder.encode(picture.get(), f);
            }
            encoder.finish();
        }
        auto input = ff::openInput(chunk);
        AVPacket* packet = av_packet_alloc();
        int packets = 0;
        bool anyReordered = false;
        while (av_read_frame(input.get(), packet) >= 0) {
            anyReordered = anyReordered || packet->pts != packet->dts;
            ++packets;
            av_packet_unref(packet);
        }
        av_packet_free(&packet);
        QCOMPARE(packets, 8);
        QCOMPARE(anyReordered, reordered);
    }

    void redVariantRoundTrip()
    {
        const int w = 2048, h = 1024;
        ff::FramePtr black = noisePicture(w, h, 8);
        for (int p = 0; p < 3; ++p) {
            std::memset(
                black->data[p], p == 0 ? 16 : 128, std::size_t(black->linesize[p]) * (p == 0 ? h : h / 2));
        }
        auto packer = makePacker(PackingKind::FisheyeAlphaRed, PackerConfig { w, h, 8, 1 });
        const auto matte = syntheticMatte(w, h, 0);
        auto packed = packer->pack(black.get(), matte);
        const auto tiles = unpackFisheyeAlpha(
            planeCopy(packed.get(), 0, 8), planeCopy(packed.get(), 2, 8), 8, AlphaChannel::Red, 1);
        const FisheyeAlphaGeometry geometry(w, h);
        // Before encoding the red channel carries the matte to within the 4:2:0 chroma
        // resolution at its edges: well above 25 dB, and the luma holds only Kr of it.
        const double psnr = psnrInsideDiscs(tiles, geometry.shrinkEyes(matte), geometry.discMask());
        qInfo("red variant: matte PSNR %.1f dB before encoding", psnr);
        QVERIFY(psnr >= 25.0);
        const auto luma = planeCopy(packed.get(), 0, 8);
        QVERIFY(luma.max().item<float>() < 16 + 219 * 0.2126 + 1.5); // red, not gray
    }

    void greenScreenKeysTheBackground()
    {
        const int w = 256, h = 200; // more than three of the packer's 64-row bands
        ff::FramePtr source = noisePicture(w, h, 8);
        auto packer = makePacker(PackingKind::GreenScreen, PackerConfig { w, h, 8, 1, "#00B140" });
        torch::Tensor matte = torch::zeros({ h, w });
        matte.narrow(1, 0, w / 2).fill_(1.0); // subject on the left, background on the right
        ff::FramePtr packed = packer->pack(source.get(), matte);
        // #00B140 in BT.709 limited range, by hand: Y' = 0.7152*177/255 + 0.0722*64/255 = 0.5146
        // -> Y 128.7, Cb 128 + 224*(0.2510-0.5146)/1.8556 = 96.2, Cr 128 - 224*0.5146/1.5748 = 54.8.
        const double key[3] = { 129, 96, 55 };
        for (int p = 0; p < 3; ++p) {
            const auto before = planeCopy(source.get(), p, 8);
            const auto after = planeCopy(packed.get(), p, 8);
            const int64_t half = after.size(1) / 2;
            QVERIFY(after.narrow(1, 0, half).equal(before.narrow(1, 0, half))); // the subject is the source
            QCOMPARE(after.narrow(1, half, half).min().item<double>(), key[p]); // pure key colour
            QCOMPARE(after.narrow(1, half, half).max().item<double>(), key[p]);
        }
        QVERIFY_THROWS_EXCEPTION(
            Error, makePacker(PackingKind::GreenScreen, PackerConfig { w, h, 8, 1, "green" }));
    }

    // With RVM's foreground, the half-transparent edge takes the subject's colours from it, not
    // from the source (which still holds the old background there); whole subject and pure
    // background stay as without it.
    void greenScreenBlendsTheForegroundAtTheEdge()
    {
        const int w = 96, h = 200; // the packer's bands of 64 rows, the last one short
        ff::FramePtr red = noisePicture(w, h, 8);
        // The source: pure red, BT.709 limited range (Y 63, Cb 102, Cr 240).
        const int fill[3] = { 63, 102, 240 };
        for (int p = 0; p < 3; ++p) {
            std::memset(red->data[p], fill[p], std::size_t(red->linesize[p]) * (p == 0 ? h : h / 2));
        }
        auto packer = makePacker(PackingKind::GreenScreen, PackerConfig { w, h, 8, 1, "#00B140" });
        torch::Tensor matte = torch::zeros({ h, w });
        matte.narrow(1, 0, 32).fill_(1.0); // subject | edge at half alpha | background
        matte.narrow(1, 32, 32).fill_(0.5);
        const torch::Tensor blue = torch::zeros({ h, w, 3 }, torch::kUInt8);
        blue.select(2, 2).fill_(255); // RVM's foreground: a blue subject
        ff::FramePtr plain = packer->pack(red.get(), matte);
        ff::FramePtr withForeground = packer->packWithForeground(red.get(), matte, blue);
        // Pure blue: Y 32, Cb 240, Cr 118; key #00B140: Y 129, Cb 96, Cr 55 (greenScreenKeysTheBackground).
        const double blueYuv[3] = { 16 + 219 * 0.0722, 128 + 112, 128 - 224 * 0.0722 / 1.5748 };
        const double key[3] = { 128.7, 96.2, 54.8 };
        for (int p = 0; p < 3; ++p) {
            const int64_t scale = p == 0 ? 1 : 2;
            const auto before = planeCopy(plain.get(), p, 8);
            const auto after = planeCopy(withForeground.get(), p, 8);
            QVERIFY(after.narrow(1, 0, 32 / scale).equal(before.narrow(1, 0, 32 / scale))); // the subject
            QVERIFY(after.narrow(1, 64 / scale, 32 / scale)
                        .equal(before.narrow(1, 64 / scale, 32 / scale))); // key
            const double edge = after.narrow(1, 32 / scale, 32 / scale).mean().item<double>();
            const double expected = 0.5 * blueYuv[p] + 0.5 * key[p];
            QVERIFY2(std::abs(edge - expected) <= 1.0,
                qPrintable(QStringLiteral("plane %1: %2, not %3").arg(p).arg(edge).arg(expected)));
            const double withSource = before.narrow(1, 32 / scale, 32 / scale).mean().item<double>();
            QVERIFY(std::abs(withSource - (0.5 * fill[p] + 0.5 * key[p])) <= 1.0); // without: the red spills
        }
    }

    void cliPacksTheSharedFisheyeClip()
    {
        QTemporaryDir dir;
        const QString source = QString::fromStdString(
            sharedMedia("broken/video_no_audio_2048x1024_FISHEYE190_LR.mp4").string());
        const ProcessResult r = runCli({ QStringLiteral("process"), source, QStringLiteral("-o"), dir.path(),
            QStringLiteral("--packing"), QStringLiteral("fisheye-alpha"), QStringLiteral("--downsample"),
            QStringLiteral("0.25"), QStringLiteral("--preset"), QStringLiteral("ultrafast") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const auto output = std::filesystem::path(dir.path().toStdString())
            / "video_no_audio_2048x1024_FISHEYE190_LR_alpha.mp4";
        QVERIFY(std::filesystem::exists(output));
        const DecodedVideo decoded = decodeVideo(output, true);
        QCOMPARE(decoded.luma.size(), std::size_t(90));
        // People were found: the blocks hold matte, and the picture between them is the source's.
        const auto tiles = unpackFisheyeAlpha(decoded.luma[45], {}, 8, AlphaChannel::Gray, 1);
        QVERIFY(tiles.max().item<float>() > 0.9f);

        // A layout no fisheye packing can take is refused before any work, with the reason.
        const ProcessResult flat = runCli({ QStringLiteral("process"), source, QStringLiteral("-o"),
            dir.filePath(QStringLiteral("e.mp4")), QStringLiteral("--packing"),
            QStringLiteral("fisheye-alpha"), QStringLiteral("--layout"), QStringLiteral("TB_360") });
        QCOMPARE(flat.exitCode, 1);
        QVERIFY2(
            flat.err.contains(QStringLiteral("needs a side-by-side fisheye or equirectangular 180 source")),
            qPrintable(flat.err));
    }
};

QTEST_GUILESS_MAIN(TestPacking)
#include "tst_packing.moc"
