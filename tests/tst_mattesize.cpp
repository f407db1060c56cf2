// Computing only what the output needs (issue 12): the gathered bilinear resample against
// PyTorch's, the uint8 and banded full-size step against the reference network, and the matte
// refined straight to the fisheye alpha size against shrinking the full-size one, on the
// ground-truth clips.
#include "matting/bilinear.h"
#include "matting/eyeframes.h"
#include "matting/rvm/rvmbackend.h"
#include "media/ffmpegptr.h"
#include "media/framereader.h"
#include "media/mediainfo.h"
#include "packing/packer.h"
#include "pipeline/boundedqueue.h"
#include "support/testmedia.h"

#include <QTest>

#include <torch/nn/functional/upsampling.h>
#include <torch/types.h>
#include <torch/utils.h>

#include <thread>

using namespace passthrough;
using namespace passthrough::test;

namespace {

namespace F = torch::nn::functional;

std::filesystem::path modelFile()
{
    return sharedDir() / "models" / "rvm_mobilenetv3.pth";
}

torch::Tensor areaResize(const torch::Tensor& planes, int64_t height, int64_t width)
{
    return F::interpolate(
        planes, F::InterpolateFuncOptions().size(std::vector<int64_t> { height, width }).mode(torch::kArea));
}

float worstDifference(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a - b).abs().max().item<float>();
}

} // namespace

class TestMatteSize : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(int(std::max(1u, std::thread::hardware_concurrency()))); }

    // Downsampling by a factor from uint8 (the network's input) and upsampling to a size from
    // float (the guided filter's coefficients) both agree with PyTorch's kernel.
    void resampleMatchesPyTorch()
    {
        torch::manual_seed(1);
        const torch::Tensor u8 = torch::randint(0, 256, { 2, 3, 77, 131 }, torch::kUInt8);
        const double ratio = 0.3;
        const BilinearAxis rows { 77, int64_t(std::floor(77 * ratio)), 1.0 / ratio };
        const BilinearAxis columns { 131, int64_t(std::floor(131 * ratio)), 1.0 / ratio };
        const torch::Tensor ours = resampleBilinear(u8, rows, columns);
        const torch::Tensor theirs = torch::upsample_bilinear2d(
            u8.to(torch::kFloat32).div(255.0), { rows.outSize, columns.outSize }, false, ratio, ratio);
        QCOMPARE(ours.sizes().vec(), theirs.sizes().vec());
        // PyTorch's vectorised kernel may fuse multiply-adds: a few float32 ulps, far below one
        // 8-bit level (0.0039); a wrong index or weight differs by whole levels.
        QVERIFY2(worstDifference(ours, theirs) < 1e-5f,
            qPrintable(QString::number(worstDifference(ours, theirs))));

        const torch::Tensor coarse = torch::randn({ 2, 1, 13, 17 });
        const torch::Tensor up = resampleBilinear(coarse, { 13, 50, 0.0 }, { 17, 61, 0.0 });
        const torch::Tensor reference = F::interpolate(coarse,
            F::InterpolateFuncOptions()
                .size(std::vector<int64_t> { 50, 61 })
                .mode(torch::kBilinear)
                .align_corners(false));
        QVERIFY2(worstDifference(up, reference) < 1e-5f,
            qPrintable(QString::number(worstDifference(up, reference))));
    }

    // Any band of output rows is exactly those rows of the whole resample: strips cannot show seams.
    void bandsEqualTheWhole()
    {
        torch::manual_seed(2);
        const torch::Tensor coarse = torch::randn({ 2, 1, 31, 40 });
        const BilinearAxis rows { 31, 250, 0.0 };
        const BilinearAxis columns { 40, 320, 0.0 };
        const torch::Tensor whole = resampleBilinear(coarse, rows, columns);
        for (const auto& [first, count] :
            { std::pair<int64_t, int64_t> { 0, 7 }, { 7, 100 }, { 107, 143 } }) {
            QVERIFY(torch::equal(
                resampleBilinear(coarse, rows, columns, first, count), whole.narrow(2, first, count)));
        }
    }

    // The pipeline's step (uint8 eyes, the input downsampled by gathering, the full-size refine
    // in bands of rows) gives the reference network's alpha: 1024 x 4096 eyes are refined in
    // many bands, the reference in one piece.
    void bandedFullSizeStepMatchesTheReference()
    {
        rvm::RvmBackend pipeline(modelFile(), torch::kCPU);
        rvm::RvmBackend reference(modelFile(), torch::kCPU);
        torch::manual_seed(3);
        // A smooth picture with edges, so that the refine has something to follow.
        const auto ys = torch::linspace(0, 1, 1024).view({ 1, 1, -1, 1 });
        const auto xs = torch::linspace(0, 1, 4096).view({ 1, 1, 1, -1 });
        for (int t = 0; t < 2; ++t) {
            torch::Tensor picture
                = ((ys * 7.0 + xs * (13.0 + t)).sin() * 0.5 + 0.5).expand({ 2, 3, 1024, 4096 });
            picture = (picture + torch::rand({ 2, 3, 1024, 4096 }) * 0.1).clamp(0, 1);
            const EyeBatch batch = eyeBatchFromFloat(picture);
            const torch::Tensor ours = pipeline.step(batch, 0.125);
            const torch::Tensor theirs = reference.forward(eyesAsFloat(batch.rgb), 0.125, false).pha;
            const float worst = worstDifference(ours, theirs);
            QVERIFY2(worst < 1e-4f, qPrintable(QString::number(worst)));
        }
    }

    // Fisheye alpha stores each eye at D = 0.4 H: refining straight to D x D (the guide being the
    // eye area-resized to D) is as good as refining to the full eye and shrinking: MAD against
    // the true alpha shrunk the same way within 5 %, on every ground-truth clip.
    void tileSizeMatteIsAsGoodAsShrinkingTheFullOne_data()
    {
        QTest::addColumn<QString>("composite");
        QTest::addColumn<QString>("alpha");
        QTest::newRow("office pan, fisheye LR")
            << "truth/office_pan_p3m-bd6af989_2048x1024_FISHEYE190_LR.mp4"
            << "truth/office_pan_p3m-bd6af989_2048x1024_FISHEYE190_LR_alpha.mkv";
        QTest::newRow("office pan, flat") << "truth/office_pan_p3m-bd6af989_1280x720_composite.mp4"
                                          << "truth/office_pan_p3m-bd6af989_1280x720_alpha.mkv";
        QTest::newRow("asphalt car, flat") << "truth/asphalt_car_p3m-09ba26b4_1280x720_composite.mp4"
                                           << "truth/asphalt_car_p3m-09ba26b4_1280x720_alpha.mkv";
    }
    void tileSizeMatteIsAsGoodAsShrinkingTheFullOne()
    {
        QFETCH(QString, composite);
        QFETCH(QString, alpha);
        const auto source = sharedMedia(composite.toStdString());
        const auto truthFile = sharedMedia(alpha.toStdString());
        const MediaInfo info = probeMedia(source.string(), std::nullopt, false);
        const MediaInfo truthInfo = probeMedia(truthFile.string(), std::nullopt, false);
        FrameReader frames(source.string(), info.videoStreamIndex);
        FrameReader truths(truthFile.string(), truthInfo.videoStreamIndex);
        rvm::RvmBackend full(modelFile(), torch::kCPU);
        rvm::RvmBackend tiled(modelFile(), torch::kCPU);
        std::unique_ptr<EyeFrames> eyes;
        int tile = 0;
        double madFull = 0.0, madTiled = 0.0;
        int n = 0;
        for (; n < 30; ++n) {
            DecodedFrame f = frames.next();
            DecodedFrame t = truths.next();
            if (!f.frame || !t.frame) {
                break;
            }
            if (!eyes) {
                eyes = std::make_unique<EyeFrames>(info, f.frame->format);
                tile = int(std::lround(0.4 * eyes->eyeHeight()));
            }
            const torch::Tensor shrunk
                = areaResize(full.step(eyes->toBatch(f.frame.get()), 0.25), tile, tile);
            const torch::Tensor direct = tiled.step(eyes->toBatch(f.frame.get(), tile), 0.25);
            QCOMPARE(direct.sizes().vec(), shrunk.sizes().vec());
            // The true alpha, split into eyes and shrunk the same way.
            const torch::Tensor plane
                = torch::from_blob(t.frame->data[0], { t.frame->height, t.frame->linesize[0] }, torch::kUInt8)
                      .narrow(1, 0, t.frame->width)
                      .to(torch::kFloat32)
                      .div(255.0);
            const int count = eyes->eyeCount();
            const torch::Tensor truthEyes = count == 2 ? torch::stack({ plane.narrow(1, 0, eyes->eyeWidth()),
                                                plane.narrow(1, eyes->eyeWidth(), eyes->eyeWidth()) })
                                                       : plane.unsqueeze(0);
            const torch::Tensor truth = areaResize(truthEyes.unsqueeze(1), tile, tile);
            madFull += (shrunk - truth).abs().mean().item<double>();
            madTiled += (direct - truth).abs().mean().item<double>();
        }
        QVERIFY(n >= 10);
        madFull /= n;
        madTiled /= n;
        qInfo("%s: %d frames at %dx%d: MAD refined full-size then shrunk %.5f, refined at that size %.5f "
              "(%+.1f %%)",
            qPrintable(composite), n, tile, tile, madFull, madTiled, 100.0 * (madTiled / madFull - 1.0));
        QVERIFY(madTiled <= madFull * 1.05);
    }

    // The packing tells the matting stage its size: D = round(0.4 H) of the rounded output for
    // fisheye alpha, nothing for the full-size packings.
    void packingsAskForTheirMatteSize()
    {
        QCOMPARE(matteTileSize(PackingKind::FisheyeAlpha, 8192, 4096), 1638);
        QCOMPARE(matteTileSize(PackingKind::FisheyeAlphaRed, 2048, 1024), 410);
        QCOMPARE(matteTileSize(PackingKind::Matte, 8192, 4096), 0);
        QCOMPARE(matteTileSize(PackingKind::GreenScreen, 8192, 4096), 0);
    }

    // A queue bounded in bytes holds fewer large items than small ones, and always lets one in.
    void queueIsBoundedInBytes()
    {
        BoundedQueue<int> queue(4, 100);
        QVERIFY(queue.push(1, 60));
        std::atomic<bool> secondIn { false };
        std::thread producer([&] {
            queue.push(2, 60); // waits: 120 bytes > 100
            secondIn = true;
            queue.push(3, 500); // waits until the queue is empty, then goes in alone
            queue.close();
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        QVERIFY(!secondIn);
        QCOMPARE(*queue.pop(), 1);
        QCOMPARE(*queue.pop(), 2);
        QCOMPARE(*queue.pop(), 3);
        producer.join();
        QVERIFY(secondIn);
        QVERIFY(!queue.pop());
    }
};

QTEST_GUILESS_MAIN(TestMatteSize)
#include "tst_mattesize.moc"
