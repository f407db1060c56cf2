// End to end with the real RVM weights (../shared/models/rvm_mobilenetv3.pth) through the real
// CLI: the ground-truth fisheye composite in, a matte video out whose frames, times and audio
// match the source and whose matte matches the true alpha of the person.
#include "media/mediainfo.h"
#include "support/testmedia.h"

#include <QTemporaryDir>
#include <QTest>

#include <torch/types.h>

using namespace passthrough;
using namespace passthrough::test;

class TestRealModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void fisheyeCompositeAgainstTrueAlpha()
    {
        QTemporaryDir dir;
        const auto source = sharedMedia("truth/office_pan_p3m-bd6af989_2048x1024_FISHEYE190_LR.mp4");
        const auto truth = sharedMedia("truth/office_pan_p3m-bd6af989_2048x1024_FISHEYE190_LR_alpha.mkv");
        const QString output = dir.filePath(QStringLiteral("office_FISHEYE190_LR_matte.mp4"));
        // No --model: the CLI's default, $PASSTHROUGH_MODEL, is the shared RVM weights (ctest sets it).
        QVERIFY(qEnvironmentVariable("PASSTHROUGH_MODEL").endsWith(QStringLiteral("rvm_mobilenetv3.pth")));
        // Lossless x264 so that the comparison measures the matte, not the encoder; ratio 0.25
        // (256 px eyes) keeps the test fast on two cores.
        const ProcessResult r = runCli({ QStringLiteral("process"), QString::fromStdString(source.string()),
            QStringLiteral("-o"), output, QStringLiteral("--model"),
            QString::fromStdString((sharedDir() / "models/rvm_mobilenetv3.pth").string()),
            QStringLiteral("--downsample"), QStringLiteral("0.25"), QStringLiteral("--segment-seconds"),
            QStringLiteral("2"), QStringLiteral("--encoder"), QStringLiteral("libx264"),
            QStringLiteral("--crf"), QStringLiteral("0"), QStringLiteral("--preset"),
            QStringLiteral("ultrafast") });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        const DecodedVideo in = decodeVideo(source);
        const DecodedVideo out = decodeVideo(output.toStdString(), true);
        const DecodedVideo alpha = decodeVideo(truth, true);
        QCOMPARE(out.seconds.size(), in.seconds.size());
        for (std::size_t i = 0; i < in.seconds.size(); ++i) {
            QVERIFY(std::abs(out.seconds[i] - in.seconds[i]) < 1e-4);
        }
        const MediaInfo info = probeMedia(output.toStdString());
        const double video = info.ptsToSeconds(info.endPts - info.framePts.front());
        QVERIFY(std::abs(audioDurationSeconds(output.toStdString()) - video) <= 1.0 / 30.0);

        double mad = 0.0, mse = 0.0, baseline = 0.0;
        double intersection = 0.0, unionArea = 0.0;
        for (std::size_t i = 0; i < out.luma.size(); ++i) {
            const auto matte = ((out.luma[i] - 16.0) / 219.0).clamp(0.0, 1.0); // limited-range luma
            const auto expected = alpha.luma[i] / 255.0;
            const auto diff = matte - expected;
            mad += diff.abs().mean().item<double>();
            mse += diff.pow(2).mean().item<double>();
            baseline += expected.mean().item<double>();
            const auto a = matte > 0.5;
            const auto b = expected > 0.5;
            intersection += (a & b).sum().item<double>();
            unionArea += (a | b).sum().item<double>();
        }
        const double n = double(out.luma.size());
        mad /= n;
        mse /= n;
        baseline /= n;
        const double iou = intersection / unionArea;
        qInfo("alpha vs truth over %zu frames: MAD %.4f, MSE %.5f, IoU(alpha>0.5) %.3f; all-background matte "
              "MAD %.4f",
            out.luma.size(), mad, mse, iou, baseline);
        // Measured on this clip at ratio 0.25: MAD 0.0039, MSE 0.0020, in-process without
        // encoding. The bounds leave 2x for encoding and platform noise, while a matte that
        // misses the person (all background: MAD 0.043) or a blob around them (IoU well under
        // 0.8) fails.
        QVERIFY(mad <= 0.008);
        QVERIFY(mse <= 0.004);
        QVERIFY(iou >= 0.8);
    }
};

QTEST_GUILESS_MAIN(TestRealModel)
#include "tst_realmodel.moc"
