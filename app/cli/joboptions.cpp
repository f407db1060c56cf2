#include "cli/joboptions.h"

#include "cli/cliargs.h"
#include "cli/matteoptions.h"
#include "job/jobvalidation.h"
#include "job/targetpreset.h"
#include "packing/packing.h"
#include "util/error.h"

#include <thread>

namespace passthrough::cli {
namespace {

std::string packingHelp()
{
    std::string help = "How the matte is stored (default matte):";
    for (PackingKind kind : allPackings()) {
        help += "\n  " + packingName(kind) + ": " + packingDescription(kind);
    }
    return help;
}

std::string targetHelp()
{
    std::string help = "What the output is for; sets the packing, key colour, encoder, CRF and preset "
                       "(options given besides win):";
    for (const OutputTarget target : allTargets()) {
        help += "\n  " + targetName(target) + ": " + targetTitle(target) + ".";
    }
    return help;
}

std::string qualityHelp()
{
    std::string help = "With --preset-target (default balanced):";
    for (const OutputQuality quality : allQualities()) {
        help += "\n  " + qualityName(quality) + ": " + qualityDescription(quality);
    }
    return help;
}

// The preset's value, unless the option was given.
std::string presetOr(const QCommandLineParser& parser, const QString& option, const std::string& preset)
{
    return parser.isSet(option) ? text(parser.value(option)) : preset;
}

} // namespace

void addJobOptions(QCommandLineParser& parser, const QString& outputHelp)
{
    parser.addOptions({
        { QStringLiteral("preset-target"), QString::fromStdString(targetHelp()), QStringLiteral("NAME") },
        { QStringLiteral("quality"), QString::fromStdString(qualityHelp()), QStringLiteral("LEVEL"),
            QStringLiteral("balanced") },
        { { QStringLiteral("o"), QStringLiteral("output") }, outputHelp, QStringLiteral("OUTPUT") },
        { QStringLiteral("packing"), QString::fromStdString(packingHelp()), QStringLiteral("NAME"),
            QStringLiteral("matte") },
        { QStringLiteral("segment-seconds"),
            QStringLiteral("Length of each independently processed segment, 1-600 (default 10)."),
            QStringLiteral("S"), QStringLiteral("10") },
        { QStringLiteral("warmup-seconds"),
            QStringLiteral("Frames before each segment that prime the model's memory (default 1)."),
            QStringLiteral("W"), QStringLiteral("1") },
        { QStringLiteral("model"),
            QStringLiteral("Matting model file (default: $PASSTHROUGH_MODEL or the cached model)."),
            QStringLiteral("FILE") },
        { QStringLiteral("device"), QStringLiteral("auto (CUDA when present), cpu or cuda."),
            QStringLiteral("DEVICE"), QStringLiteral("auto") },
        { QStringLiteral("key-color"),
            QStringLiteral("Key colour of the greenscreen packing (default #00B140)."),
            QStringLiteral("RRGGBB"), QStringLiteral("#00B140") },
        { QStringLiteral("refiner"),
            QStringLiteral("auto (deep guided filter when the weights have it) or fast."),
            QStringLiteral("NAME"), QStringLiteral("auto") },
        { QStringLiteral("downsample"),
            QStringLiteral("Model resolution: auto (about 512 px per eye) or a ratio such as 0.25."),
            QStringLiteral("RATIO"), QStringLiteral("auto") },
        { QStringLiteral("encoder"),
            QStringLiteral(
                "auto (default: HEVC on NVENC when it opens, else libx265), libx265, libx264 (up to "
                "4096 px wide), hevc_nvenc or h264_nvenc. The alpha exports pick their own."),
            QStringLiteral("NAME"), QStringLiteral("auto") },
        { QStringLiteral("crf"), QStringLiteral("Encoder quality, lower is better (default 20)."),
            QStringLiteral("N"), QStringLiteral("20") },
        { QStringLiteral("preset"), QStringLiteral("Encoder speed preset (default fast)."),
            QStringLiteral("NAME"), QStringLiteral("fast") },
        { QStringLiteral("layout"),
            QStringLiteral("Override the detected layout, e.g. LR_FISHEYE190, LR_180, TB_360, MONO_FLAT."),
            QStringLiteral("TAG") },
        { QStringLiteral("range"),
            QStringLiteral(
                "Only this part of the video: FROM-TO in seconds or hh:mm:ss[.ms] (either side may be "
                "left out). The output starts with the frame shown at FROM, its audio, "
                "subtitles and chapters cut to the part; the model warms up on the frames before."),
            QStringLiteral("FROM-TO") },
        { QStringLiteral("job-dir"),
            QStringLiteral("Where the job file and chunks live (default: OUTPUT.ptjob)."),
            QStringLiteral("DIR") },
        { QStringLiteral("threads"),
            QStringLiteral(
                "CPU threads of the model, 0 = all cores (default). Machines must use the same count "
                "to give bit-equal results."),
            QStringLiteral("N"), QStringLiteral("0") },
    });
    addMatteOptions(parser);
}

NewJobRequest readJobRequest(const QCommandLineParser& parser)
{
    NewJobRequest request;
    request.sourcePath = text(parser.positionalArguments().at(1));
    JobSettings& s = request.settings;
    s.packing = text(parser.value(QStringLiteral("packing")));
    bool ok1 = false;
    bool ok2 = false;
    bool ok3 = false;
    s.segmentSeconds = parser.value(QStringLiteral("segment-seconds")).toDouble(&ok1);
    s.warmupSeconds = parser.value(QStringLiteral("warmup-seconds")).toDouble(&ok2);
    s.encoder.crf = parser.value(QStringLiteral("crf")).toInt(&ok3);
    if (!ok1 || !ok2 || !ok3) {
        throw Error(ErrorKind::Usage, "--segment-seconds, --warmup-seconds and --crf take numbers");
    }
    s.downsample = text(parser.value(QStringLiteral("downsample")));
    s.device = text(parser.value(QStringLiteral("device")));
    s.refiner = text(parser.value(QStringLiteral("refiner")));
    s.keyColor = text(parser.value(QStringLiteral("key-color")));
    s.encoder.encoder = text(parser.value(QStringLiteral("encoder")));
    s.encoder.preset = text(parser.value(QStringLiteral("preset")));
    if (parser.isSet(QStringLiteral("preset-target"))) {
        JobSettings preset = s;
        applyTarget(preset, requireTarget(text(parser.value(QStringLiteral("preset-target")))),
            requireQuality(text(parser.value(QStringLiteral("quality")))));
        s.target = preset.target;
        s.quality = preset.quality;
        s.packing = presetOr(parser, QStringLiteral("packing"), preset.packing);
        s.keyColor = presetOr(parser, QStringLiteral("key-color"), preset.keyColor);
        s.refiner = presetOr(parser, QStringLiteral("refiner"), preset.refiner);
        s.encoder.encoder = presetOr(parser, QStringLiteral("encoder"), preset.encoder.encoder);
        s.encoder.preset = presetOr(parser, QStringLiteral("preset"), preset.encoder.preset);
        s.encoder.crf = parser.isSet(QStringLiteral("crf")) ? s.encoder.crf : preset.encoder.crf;
    } else if (parser.isSet(QStringLiteral("quality"))) {
        throw Error(
            ErrorKind::Usage, "--quality goes with --preset-target (the encoder options set it alone)");
    }
    if (parser.isSet(QStringLiteral("range"))) {
        const std::string range = text(parser.value(QStringLiteral("range")));
        s.range = parseTimeSpan(range, "--range", range);
    }
    if (parser.isSet(QStringLiteral("layout"))) {
        s.layoutOverride = text(parser.value(QStringLiteral("layout")));
    }
    s.matte = readMatteOptions(parser);
    validateSettings(s);
    request.output = text(parser.value(QStringLiteral("output")));
    request.jobFolder = text(parser.value(QStringLiteral("job-dir")));
    return request;
}

int threadsOption(const QCommandLineParser& parser)
{
    bool ok = false;
    const int threads = parser.value(QStringLiteral("threads")).toInt(&ok);
    if (!ok || threads < 0 || threads > 1024) {
        throw Error(ErrorKind::Usage, "--threads takes a number of threads (0 = all cores)");
    }
    return threads;
}

} // namespace passthrough::cli
