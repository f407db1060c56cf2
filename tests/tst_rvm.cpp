// The native RVM network against the PyTorch reference (../shared/models/golden): every set,
// all 4 frames with the recurrent state carried, every output; the loader's errors; eyes in a
// batch keeping separate states.
#include "golden/precisionbounds.h"
#include "matting/backendfactory.h"
#include "matting/bfloat16support.h"
#include "matting/mattingbackend.h"
#include "matting/rvm/rvmbackend.h"
#include "matting/rvm/statedict.h"
#include "matting/torchscriptbackend.h"
#include "support/testmedia.h"
#include "support/testmodels.h"
#include "util/error.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <ATen/Context.h>
#include <torch/serialize.h>
#include <torch/types.h>
#include <torch/utils.h>

#include <fstream>
#include <map>

using namespace passthrough;
using namespace passthrough::test;

namespace {

std::filesystem::path models()
{
    return sharedDir() / "models";
}

torch::Tensor readGolden(const std::string& name, std::vector<int64_t> shape)
{
    const auto path = models() / "golden" / (name + ".f32");
    std::ifstream in(path, std::ios::binary);
    torch::Tensor t = torch::empty(shape, torch::kFloat32);
    in.read(reinterpret_cast<char*>(t.data_ptr<float>()), std::streamsize(t.numel() * 4));
    if (in.gcount() != std::streamsize(t.numel() * 4)) {
        throw std::runtime_error("short golden file " + path.string());
    }
    return t;
}

void expectMessage(const std::function<void()>& action, const QString& part1, const QString& part2)
{
    try {
        action();
        QFAIL("no error");
    } catch (const Error& e) {
        const QString message = QString::fromUtf8(e.what());
        QVERIFY2(message.contains(part1) && message.contains(part2), qPrintable(message));
    }
}

std::filesystem::path writeDict(const std::filesystem::path& folder, const std::string& name,
    const c10::Dict<std::string, at::Tensor>& dict)
{
    const auto path = folder / name;
    const std::vector<char> bytes = torch::pickle_save(dict);
    std::ofstream(path, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size()));
    return path;
}

// What Linux read from the processor: whether /proc/cpuinfo's flags name a bfloat16 instruction
// set (the kernel prints only what the processor reports and the kernel enables).
bool cpuinfoNamesBfloat16()
{
    QFile cpuinfo(QStringLiteral("/proc/cpuinfo"));
    if (!cpuinfo.open(QIODevice::ReadOnly)) {
        return false;
    }
    for (const QByteArray& line : cpuinfo.readAll().split('\n')) {
        if (line.startsWith("flags")) {
            const QList<QByteArray> flags = line.mid(line.indexOf(':') + 1).simplified().split(' ');
            return flags.contains("avx512_bf16") || flags.contains("amx_bf16");
        }
    }
    return false;
}

// Sets or clears an environment variable for a scope, and puts back what was there.
class ScopedEnvironment {
public:
    ScopedEnvironment(const char* name, const char* value)
        : m_name(name)
        , m_had(qEnvironmentVariableIsSet(name))
        , m_old(qgetenv(name))
    {
        if (value) {
            qputenv(name, value);
        } else {
            qunsetenv(name);
        }
    }
    ~ScopedEnvironment()
    {
        if (m_had) {
            qputenv(m_name, m_old);
        } else {
            qunsetenv(m_name);
        }
    }
    ScopedEnvironment(const ScopedEnvironment&) = delete;
    ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

private:
    const char* m_name;
    bool m_had;
    QByteArray m_old;
};

} // namespace

class TestRvm : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { configureTorchThreads(); }

    void golden_data()
    {
        QTest::addColumn<QString>("set");
        QTest::addColumn<QString>("weights");
        QTest::addColumn<double>("ratio");
        QTest::addColumn<int>("height");
        QTest::addColumn<int>("width");
        QTest::newRow("ratio0.5") << "ratio0.5"
                                  << "rvm_mobilenetv3.pth" << 0.5 << 192 << 320;
        QTest::newRow("ratio1.0") << "ratio1.0"
                                  << "rvm_mobilenetv3.pth" << 1.0 << 96 << 160;
        QTest::newRow("dgf_ratio0.5") << "dgf_ratio0.5"
                                      << "rvm_mobilenetv3_dgf_test.pth" << 0.5 << 192 << 320;
    }
    void golden()
    {
        QFETCH(QString, set);
        QFETCH(QString, weights);
        QFETCH(double, ratio);
        QFETCH(int, height);
        QFETCH(int, width);
        rvm::RvmBackend backend(models() / weights.toStdString(), torch::kCPU);
        const std::string name = set.toStdString();
        const std::string srcSet = name == "dgf_ratio0.5" ? "ratio0.5" : name;
        const int h = int(height * (ratio == 1.0 ? 1.0 : ratio));
        const int w = int(width * (ratio == 1.0 ? 1.0 : ratio));
        const std::vector<std::vector<int64_t>> stateShapes { { 1, 16, (h + 1) / 2, (w + 1) / 2 },
            { 1, 20, (h + 3) / 4, (w + 3) / 4 }, { 1, 40, (h + 7) / 8, (w + 7) / 8 },
            { 1, 64, (h + 15) / 16, (w + 15) / 16 } };
        const bool refined = ratio != 1.0;
        for (int t = 0; t < 4; ++t) {
            const std::string frame = "_frame" + std::to_string(t) + "_";
            const auto src = readGolden(srcSet + frame + "src", { 1, 3, height, width });
            const rvm::NetworkOutput out = backend.forward(src, ratio);
            auto check = [&](const torch::Tensor& actual, const std::string& tensor,
                             std::vector<int64_t> shape, double maxTol, double meanTol) {
                const auto expected = readGolden(name + frame + tensor, shape);
                QCOMPARE(actual.sizes().vec(), expected.sizes().vec());
                const auto diff = (actual - expected).abs();
                const double maxDiff = diff.max().item<double>();
                const double meanDiff = diff.mean().item<double>();
                QVERIFY2(maxDiff <= maxTol && meanDiff <= meanTol,
                    qPrintable(QStringLiteral("%1 frame %2 %3: max |d| %4, mean |d| %5")
                                   .arg(set)
                                   .arg(t)
                                   .arg(QString::fromStdString(tensor))
                                   .arg(maxDiff)
                                   .arg(meanDiff)));
            };
            // Tolerances from golden/README.md.
            const double outMax = refined ? 2e-3 : 1e-4;
            const double outMean = refined ? 1e-5 : 1e-4;
            check(out.fgr, "fgr", { 1, 3, height, width }, outMax, outMean);
            check(out.pha, "pha", { 1, 1, height, width }, outMax, outMean);
            for (int k = 0; k < 4; ++k) {
                check(out.state[std::size_t(k)], "r" + std::to_string(k + 1), stateShapes[std::size_t(k)],
                    1e-4, 1e-4);
            }
        }
    }

    // The inference form (batch norms folded into the convolutions, channels-last on the CPU)
    // computes what the modules as loaded compute, over frames that carry the state, with the
    // deep refiner's folded layers too; the golden vectors check the fast one against PyTorch.
    void inferenceFormMatchesTheLoadedNetwork_data()
    {
        QTest::addColumn<QString>("weights");
        QTest::addColumn<bool>("channelsLast");
        QTest::newRow("fast guided filter") << "rvm_mobilenetv3.pth" << true;
        QTest::newRow("deep guided filter") << "rvm_mobilenetv3_dgf_test.pth" << true;
        // NCHW on the CPU: the layout a GPU runs by default (scripts/device-check.sh times both).
        QTest::newRow("fast guided filter, NCHW") << "rvm_mobilenetv3.pth" << false;
    }
    void inferenceFormMatchesTheLoadedNetwork()
    {
        QFETCH(QString, weights);
        QFETCH(bool, channelsLast);
        torch::NoGradGuard noGrad;
        const rvm::StateDict dict = rvm::loadStateDict(models() / weights.toStdString());
        rvm::MattingNetwork loaded = rvm::buildNetwork(dict, rvm::RefinerChoice::Auto, "test");
        rvm::MattingNetwork prepared = rvm::buildNetwork(dict, rvm::RefinerChoice::Auto, "test");
        rvm::InferenceOptions options;
        options.channelsLast = channelsLast;
        prepared->prepareForInference(torch::kCPU, options);
        torch::manual_seed(7);
        std::array<torch::Tensor, 4> loadedState;
        std::array<torch::Tensor, 4> preparedState;
        for (int frame = 0; frame < 3; ++frame) {
            const torch::Tensor src = torch::rand({ 2, 3, 144, 256 });
            const rvm::NetworkOutput a = loaded->forward(src, loadedState, 0.5, true);
            const rvm::NetworkOutput b = prepared->forward(src, preparedState, 0.5, true);
            loadedState = a.state;
            preparedState = b.state;
            const double alpha = (a.pha - b.pha).abs().max().item<double>();
            const double colour = (a.fgr - b.fgr).abs().max().item<double>();
            QVERIFY2(alpha < 1e-4 && colour < 1e-4,
                qPrintable(
                    QStringLiteral("frame %1: alpha %2, foreground %3").arg(frame).arg(alpha).arg(colour)));
            for (std::size_t k = 0; k < 4; ++k) {
                QVERIFY((a.state[k] - b.state[k]).abs().max().item<double>() < 1e-4);
            }
        }
    }

    void halfPrecisionNeedsCuda()
    {
        // LibTorch has no half convolutions on the CPU: refused up front with what to use instead.
        rvm::InferenceOptions half;
        half.precision = torch::kHalf;
        expectMessage(
            [&] {
                rvm::RvmBackend(
                    models() / "rvm_mobilenetv3.pth", torch::kCPU, rvm::RefinerChoice::Auto, half);
            },
            QStringLiteral("half precision needs a CUDA device"), QStringLiteral("bfloat16 on a CPU"));
    }

    void bfloat16SupportAgreesWithTheProcessor()
    {
        {
            // The CPUID reading against what Linux read from the same processor.
            const ScopedEnvironment notForced("PTS_CPU_BF16", nullptr);
            const Bfloat16Support support = cpuBfloat16Support();
            QVERIFY2(support.native == (cpuinfoNamesBfloat16() && at::hasMKLDNN()), support.reason.c_str());
            QVERIFY(!support.reason.empty());
            // Without oneDNN LibTorch has no native bfloat16 convolution, whatever the processor.
            at::globalContext().setUserEnabledMkldnn(false);
            const Bfloat16Support withoutOneDnn = cpuBfloat16Support();
            at::globalContext().setUserEnabledMkldnn(true);
            QVERIFY(!withoutOneDnn.native);
            QVERIFY2(withoutOneDnn.reason.find("oneDNN") != std::string::npos, withoutOneDnn.reason.c_str());
        }
        const ScopedEnvironment forcedOff("PTS_CPU_BF16", "off");
        QVERIFY(!cpuBfloat16Support().native);
        QVERIFY(cpuBfloat16Support().reason.find("PTS_CPU_BF16=off") != std::string::npos);
    }

    void bfloat16OnlyWhereTheCpuHasIt()
    {
        // Never a 25 times slower emulation that nobody asked for: refused, saying why and what to use.
        rvm::InferenceOptions bf16;
        bf16.precision = torch::kBFloat16;
        const auto model = models() / "rvm_mobilenetv3.pth";
        {
            const ScopedEnvironment forcedOff("PTS_CPU_BF16", "off");
            expectMessage([&] { rvm::RvmBackend(model, torch::kCPU, rvm::RefinerChoice::Auto, bf16); },
                QStringLiteral("bfloat16 is not native on this CPU (native bfloat16 forced off"),
                QStringLiteral("use float32: fp32"));
        }
        const ScopedEnvironment notForced("PTS_CPU_BF16", nullptr);
        const Bfloat16Support support = cpuBfloat16Support();
        if (!support.native) {
            expectMessage([&] { rvm::RvmBackend(model, torch::kCPU, rvm::RefinerChoice::Auto, bf16); },
                QStringLiteral("bfloat16 is not native on this CPU"), QString::fromStdString(support.reason));
            return;
        }
        // Where it is native it runs, within the format's bounds of float32 (precisionbounds.h).
        rvm::RvmBackend reduced(model, torch::kCPU, rvm::RefinerChoice::Auto, bf16);
        rvm::RvmBackend full(model, torch::kCPU);
        const auto bounds = reducedPrecisionBounds(8, countConvolutions(rvm::loadStateDict(model)));
        for (int t = 0; t < 2; ++t) {
            const auto src = readGolden("ratio1.0_frame" + std::to_string(t) + "_src", { 1, 3, 96, 160 });
            const auto d = (reduced.forward(src, 1.0).pha - full.forward(src, 1.0).pha).abs();
            QVERIFY2(d.max().item<double>() <= bounds.max && d.mean().item<double>() <= bounds.mean,
                qPrintable(QStringLiteral("max %1 mean %2")
                               .arg(d.max().item<double>())
                               .arg(d.mean().item<double>())));
        }
    }

    void reducedPrecisionBoundsCatchAMixedUpLayout()
    {
        // The bounds are loose where rounding can reach (a hair edge), yet a path that mixes up a
        // layout is far outside the mean: the golden picture read as if its pixels were
        // channels-last, against the reference alpha.
        const auto model = models() / "rvm_mobilenetv3.pth";
        const int convolutions = countConvolutions(rvm::loadStateDict(model));
        QCOMPARE(convolutions, 79); // rvm-architecture.md's table
        const auto bounds = reducedPrecisionBounds(8, convolutions);
        rvm::RvmBackend backend(model, torch::kCPU);
        const auto src = readGolden("ratio1.0_frame0_src", { 1, 3, 96, 160 });
        const auto expected = readGolden("ratio1.0_frame0_pha", { 1, 1, 96, 160 });
        const auto right = (backend.forward(src, 1.0).pha - expected).abs().mean().item<double>();
        backend.resetState();
        const auto mixedUp = src.contiguous().view({ 1, 96, 160, 3 }).permute({ 0, 3, 1, 2 }).contiguous();
        const auto wrong = (backend.forward(mixedUp, 1.0).pha - expected).abs().mean().item<double>();
        qInfo(
            "alpha against the reference, mean: right %g, mixed up %g, bound %g", right, wrong, bounds.mean);
        QVERIFY2(right < bounds.mean / 100 && wrong > 2 * bounds.mean,
            qPrintable(
                QStringLiteral("right %1, mixed up %2, bound %3").arg(right).arg(wrong).arg(bounds.mean)));
    }

    void refinerFollowsTheWeights()
    {
        QVERIFY(rvm::RvmBackend(models() / "rvm_mobilenetv3.pth", torch::kCPU).refiner()
            == rvm::RefinerKind::FastGuidedFilter);
        QVERIFY(rvm::RvmBackend(models() / "rvm_mobilenetv3_dgf_test.pth", torch::kCPU).refiner()
            == rvm::RefinerKind::DeepGuidedFilter);
        QVERIFY(
            rvm::RvmBackend(models() / "rvm_mobilenetv3_dgf_test.pth", torch::kCPU, rvm::RefinerChoice::Fast)
                .refiner()
            == rvm::RefinerKind::FastGuidedFilter);
    }

    void loaderErrors()
    {
        QTemporaryDir dir;
        const std::filesystem::path folder = dir.path().toStdString();
        const auto missing = folder / "nope.pth";
        expectMessage([&] { rvm::RvmBackend(missing, torch::kCPU); },
            QString::fromStdString(missing.string()), QStringLiteral("no such file"));

        const auto text = folder / "text.pth";
        std::ofstream(text) << "hello";
        expectMessage([&] { rvm::RvmBackend(text, torch::kCPU); }, QString::fromStdString(text.string()),
            QStringLiteral("not a PyTorch .pth file"));

        const auto script = writeTestModel(folder);
        expectMessage([&] { rvm::RvmBackend(script, torch::kCPU); }, QString::fromStdString(script.string()),
            QStringLiteral("not a PyTorch state dict"));

        const rvm::StateDict real = rvm::loadStateDict(models() / "rvm_mobilenetv3.pth");
        QCOMPARE(real.size(), std::size_t(365));
        c10::Dict<std::string, at::Tensor> withoutKey;
        c10::Dict<std::string, at::Tensor> wrongShape;
        c10::Dict<std::string, at::Tensor> resnet;
        for (const auto& [key, value] : real) {
            if (key != "decoder.decode2.gru.ih.0.bias") {
                withoutKey.insert(key, value);
            }
            wrongShape.insert(key, key == "aspp.aspp1.0.weight" ? torch::zeros({ 64, 960, 1, 1 }) : value);
        }
        resnet.insert("backbone.conv1.weight", torch::zeros({ 64, 3, 7, 7 }));
        expectMessage([&] { rvm::RvmBackend(writeDict(folder, "missing_key.pth", withoutKey), torch::kCPU); },
            QStringLiteral("missing_key.pth"),
            QStringLiteral("the key decoder.decode2.gru.ih.0.bias is missing"));
        expectMessage([&] { rvm::RvmBackend(writeDict(folder, "shape.pth", wrongShape), torch::kCPU); },
            QStringLiteral("shape.pth"),
            QStringLiteral("aspp.aspp1.0.weight has shape [64, 960, 1, 1], expected [128, 960, 1, 1]"));
        expectMessage([&] { rvm::RvmBackend(writeDict(folder, "resnet.pth", resnet), torch::kCPU); },
            QStringLiteral("resnet.pth"), QStringLiteral("ResNet50"));

        // A copy cut short is refused, naming the file.
        const auto truncated = folder / "truncated.pth";
        {
            std::ifstream in(models() / "rvm_mobilenetv3.pth", std::ios::binary);
            std::string bytes((std::istreambuf_iterator<char>(in)), {});
            std::ofstream(truncated, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size() / 2));
        }
        expectMessage([&] { rvm::RvmBackend(truncated, torch::kCPU); }, QStringLiteral("truncated.pth"),
            QStringLiteral("cannot read the model"));
    }

    // The seeds of the fuzz target, written by tests/fuzz/make-pth-seeds.py as torch.save does:
    // values, shapes, offsets and strided views come out as PyTorch would give them.
    void torchSaveFormatIsRead()
    {
        const auto seeds = testsDir() / "fuzz/corpus/statedict";
        const rvm::StateDict two = rvm::loadStateDict(seeds / "two_tensors.pth");
        QCOMPARE(two.size(), std::size_t(2));
        const torch::Tensor w = two.at("conv.weight");
        QCOMPARE(w.sizes(), (torch::IntArrayRef { 2, 3, 2 }));
        QCOMPARE(w[1][2][1].item<float>(), 5.5f); // element 11 of 0.5 * i
        QCOMPARE(two.at("bn.num_batches_tracked").item<std::int64_t>(), std::int64_t(-3)); // offset 1
        const rvm::StateDict shared = rvm::loadStateDict(seeds / "shared_view.pth");
        QVERIFY(torch::equal(shared.at("a_t"),
            torch::arange(12, torch::kFloat32).mul(0.5).narrow(0, 2, 8).view({ 2, 4 }).t()));
    }

    // Damaged and malicious files are refused with the file's name, never read out of bounds,
    // never crash (tests/fuzz/make-pth-seeds.py --hostile writes each one).
    void hostileStateDictsAreRefused()
    {
        QTemporaryDir dir;
        QProcess writer;
        writer.start(QStringLiteral("python3"),
            { QString::fromStdString((testsDir() / "fuzz/make-pth-seeds.py").string()),
                QStringLiteral("--hostile"), dir.path() });
        QVERIFY(writer.waitForFinished(60000) && writer.exitCode() == 0);
        const std::filesystem::path folder = dir.path().toStdString();
        const rvm::StateDict good = rvm::loadStateDict(folder / "good.pth");
        QVERIFY(torch::equal(good.at("w"), torch::tensor({ 1.0f, 2.0f, 3.0f, 4.0f })));
        const std::map<std::string, QString> expected {
            { "oversized_view.pth", QStringLiteral("reaches past its data") },
            { "negative_stride.pth", QStringLiteral("malformed shape") },
            { "offset_past_end.pth", QStringLiteral("reaches past its data") },
            { "partial_element.pth", QStringLiteral("not a whole number of elements") },
            { "deep_nesting.pth", QStringLiteral("no dict of tensors") },
            { "self_dict.pth", QStringLiteral("not a named tensor") },
            { "long_integer.pth", QStringLiteral("wider than 64 bits") },
            { "compressed.pth", QStringLiteral("is compressed") },
            { "crc_mismatch.pth", QStringLiteral("fails its CRC check") },
            { "missing_data.pth", QStringLiteral("is missing") },
        };
        for (const auto& [name, why] : expected) {
            expectMessage(
                [&] { (void)rvm::loadStateDict(folder / name); }, QString::fromStdString(name), why);
        }
    }

    // torch.jit.save writes the weights before the code: with weights over 64 KiB, a TorchScript
    // export is still told from a state dict by the zip's record list.
    void torchScriptIsFoundByItsRecords()
    {
        QTemporaryDir dir;
        torch::jit::Module module = makeRecurrentTestModel();
        module.register_buffer("padding", torch::rand({ 256, 1024 })); // 1 MiB of weights
        const std::filesystem::path file = dir.filePath(QStringLiteral("big.torchscript")).toStdString();
        module.save(file.string());
        std::ifstream in(file, std::ios::binary);
        std::string head(1 << 16, '\0');
        in.read(head.data(), std::streamsize(head.size()));
        QVERIFY2(head.find("/code/") == std::string::npos, "the weights do not come first in this export");
        QVERIFY(isTorchScriptFile(file));
        QVERIFY(!isTorchScriptFile(models() / "rvm_mobilenetv3.pth"));
        QCOMPARE(QString::fromStdString(openMattingBackend(file, torch::kCPU)->name()),
            QStringLiteral("torchscript"));
    }

    // Odd sizes run, and the state has the shapes of docs/rvm-architecture.md (330x250 row).
    void oddSizes()
    {
        rvm::RvmBackend backend(models() / "rvm_mobilenetv3.pth", torch::kCPU);
        const auto out = backend.forward(torch::rand({ 1, 3, 250, 330 }), 0.5);
        QCOMPARE(out.pha.sizes().vec(), (std::vector<int64_t> { 1, 1, 250, 330 }));
        QCOMPARE(out.state[0].sizes().vec(), (std::vector<int64_t> { 1, 16, 63, 83 }));
        QCOMPARE(out.state[1].sizes().vec(), (std::vector<int64_t> { 1, 20, 32, 42 }));
        QCOMPARE(out.state[2].sizes().vec(), (std::vector<int64_t> { 1, 40, 16, 21 }));
        QCOMPARE(out.state[3].sizes().vec(), (std::vector<int64_t> { 1, 64, 8, 11 }));
        QCOMPARE(out.state[0].scalar_type(), torch::kFloat32);
    }

    // The foreground the green screen packing asks for is RVM's own (forward with fgr), refined
    // to the full size band by band from the same coefficients, to within one 8-bit level; and
    // asking for it leaves alpha as it was.
    void stepGivesRvmsForeground()
    {
        for (const char* weights : { "rvm_mobilenetv3.pth", "rvm_mobilenetv3_dgf_test.pth" }) {
            rvm::RvmBackend stepped(models() / weights, torch::kCPU);
            rvm::RvmBackend plain(models() / weights, torch::kCPU);
            rvm::RvmBackend reference(models() / weights, torch::kCPU);
            for (int t = 0; t < 3; ++t) {
                const auto src
                    = readGolden("ratio0.5_frame" + std::to_string(t) + "_src", { 1, 3, 192, 320 });
                EyeBatch batch = eyeBatchFromFloat(src);
                batch.foreground = true;
                const torch::Tensor alpha = stepped.step(batch, 0.5);
                const torch::Tensor foreground = stepped.takeForeground();
                QVERIFY(!stepped.takeForeground().defined()); // handed over once
                QVERIFY(!plain.takeForeground().defined());
                QVERIFY(torch::equal(alpha, plain.step(eyeBatchFromFloat(src), 0.5)));
                QCOMPARE(foreground.scalar_type(), torch::kUInt8);
                // The reference sees the same uint8 picture the batch carries.
                const torch::Tensor src8 = eyesAsFloat(batch.rgb);
                const torch::Tensor expected = reference.forward(src8, 0.5).fgr.mul(255.0);
                const float worst = (foreground.to(torch::kFloat32) - expected).abs().max().item<float>();
                QVERIFY2(worst <= 1.0f,
                    qPrintable(QStringLiteral("%1: %2").arg(QString::fromUtf8(weights)).arg(worst)));
            }
        }
    }

    // Two eyes in one batch keep separate recurrent states: identical to running each alone.
    void eyesInABatchAreIndependent()
    {
        rvm::RvmBackend pair(models() / "rvm_mobilenetv3.pth", torch::kCPU);
        rvm::RvmBackend left(models() / "rvm_mobilenetv3.pth", torch::kCPU);
        rvm::RvmBackend right(models() / "rvm_mobilenetv3.pth", torch::kCPU);
        for (int t = 0; t < 3; ++t) {
            const std::string frame = "ratio0.5_frame" + std::to_string(t) + "_src";
            const auto a = readGolden(frame, { 1, 3, 192, 320 });
            const auto b
                = readGolden("ratio0.5_frame" + std::to_string(3 - t) + "_src", { 1, 3, 192, 320 }).flip(3);
            const auto both = pair.step(eyeBatchFromFloat(torch::cat({ a, b })), 0.5);
            const auto alone
                = torch::cat({ left.step(eyeBatchFromFloat(a), 0.5), right.step(eyeBatchFromFloat(b), 0.5) });
            // Batched convolutions may sum in another order: allow float32 noise, far below one
            // 8-bit level, while a state shared between the eyes would differ by whole levels.
            const float worst = (both - alone).abs().max().item<float>();
            QVERIFY2(worst < 1e-3f, qPrintable(QString::number(worst)));
        }
    }
};

QTEST_GUILESS_MAIN(TestRvm)
#include "tst_rvm.moc"
