#include "job/jobvalidation.h"

#include "job/targetpreset.h"
#include "packing/outputencoding.h"
#include "packing/packing.h"
#include "util/error.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace passthrough {

bool isValidJobId(const std::string& text)
{
    if (text.size() != 36) {
        return false;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) {
            return false;
        }
    }
    return true;
}

namespace {

bool isHex(const std::string& text, std::size_t length)
{
    return text.size() == length
        && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isxdigit(c); });
}

class Checker {
public:
    explicit Checker(std::string origin)
        : m_origin(std::move(origin))
    {
    }
    void require(bool ok, const std::string& field, const std::string& why) const
    {
        if (!ok) {
            throw Error(ErrorKind::JobMismatch, m_origin + " is not a valid job file: " + field + " " + why);
        }
    }
    void absolutePath(const std::string& path, const std::string& field) const
    {
        require(!path.empty(), field, "is empty");
        require(
            std::filesystem::path(path).is_absolute(), field, "must be an absolute path, not '" + path + "'");
    }

private:
    std::string m_origin;
};

} // namespace

double parseDownsample(const std::string& text)
{
    if (text == "auto") {
        return 0.0;
    }
    try {
        std::size_t used = 0;
        const double ratio = std::stod(text, &used);
        if (used == text.size() && ratio > 0.0 && ratio <= 1.0) {
            return ratio;
        }
    } catch (const std::exception&) {
    }
    throw Error(ErrorKind::Usage, "--downsample must be auto or a ratio in (0, 1], not '" + text + "'");
}

bool isValidWorkerName(const std::string& name)
{
    return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_';
    });
}

void validateSettings(const JobSettings& s)
{
    requirePacking(s.packing);
    if (!(s.segmentSeconds >= 1.0 && s.segmentSeconds <= 600.0)) {
        throw Error(ErrorKind::Usage, "the segment length must be between 1 and 600 seconds");
    }
    if (!(s.warmupSeconds >= 0.0 && s.warmupSeconds <= 60.0)) {
        throw Error(ErrorKind::Usage, "the warm-up must be between 0 and 60 seconds");
    }
    parseDownsample(s.downsample);
    if (s.device != "auto" && s.device != "cpu" && s.device != "cuda") {
        throw Error(ErrorKind::Usage, "unknown device '" + s.device + "' (use auto, cpu or cuda)");
    }
    if (s.refiner != "auto" && s.refiner != "fast") {
        throw Error(ErrorKind::Usage, "unknown refiner '" + s.refiner + "' (use auto or fast)");
    }
    parseKeyColor(s.keyColor);
    if (!s.target.empty()) {
        requireTarget(s.target);
        requireQuality(s.quality);
    }
    if (s.layoutOverride && !parseLayoutTag(*s.layoutOverride)) {
        throw Error(ErrorKind::Usage, "unknown layout '" + *s.layoutOverride + "'");
    }
    validateMatteControls(s.matte);
}

void validateJob(const JobRecord& job, const std::string& origin)
{
    const Checker check(origin);
    check.require(isValidJobId(job.id), "id", "must be a UUID");
    check.absolutePath(job.output, "output");
    check.absolutePath(job.source.path, "source.path");
    if (!job.model.path.empty()) {
        check.absolutePath(job.model.path, "model.path");
    }
    check.require(job.model.sha256.empty() || isHex(job.model.sha256, 64), "model.sha256",
        "must be 64 hexadecimal digits");
    check.require(parseLayoutTag(job.source.layoutTag).has_value(), "source.layoutTag",
        "is not a layout ('" + job.source.layoutTag + "')");

    const JobSettings& s = job.settings;
    try {
        validateSettings(s);
    } catch (const Error& e) {
        check.require(false, "settings", std::string("are not valid: ") + e.what());
    }
    const auto encoders = knownEncoders();
    check.require(std::find(encoders.begin(), encoders.end(), s.encoder.encoder) != encoders.end(),
        "settings.encoder.encoder", "is not an encoder this build knows ('" + s.encoder.encoder + "')");
    check.require(!s.encoder.preset.empty() && s.encoder.preset.size() <= 32
            && std::all_of(s.encoder.preset.begin(), s.encoder.preset.end(),
                [](unsigned char c) { return std::islower(c) || std::isdigit(c); }),
        "settings.encoder.preset", "must be a preset name such as fast or p4");
    check.require(
        s.encoder.bitDepth == 8 || s.encoder.bitDepth == 10, "settings.encoder.bitDepth", "must be 8 or 10");
    if (const auto problem = outputNameProblem(requirePacking(s.packing), job.output)) {
        check.require(false, "output", "does not fit the packing: " + *problem);
    }

    check.require(!job.segments.empty(), "segments", "is empty");
    // A job of a range starts where the range does; a job of the whole video at frame 0.
    std::int64_t nextFrame
        = job.settings.range && !job.segments.empty() ? job.segments.front().frameStart : 0;
    check.require(nextFrame >= 0, "segments[0].frameStart", "must not be negative");
    for (std::size_t i = 0; i < job.segments.size(); ++i) {
        const SegmentRecord& seg = job.segments[i];
        const std::string field = "segments[" + std::to_string(i) + "]";
        check.require(seg.index == int(i), field + ".index", "must be " + std::to_string(i));
        check.require(seg.frameStart == nextFrame, field + ".frameStart",
            "must be " + std::to_string(nextFrame) + " (segments tile the source in order)");
        check.require(seg.frameEnd > seg.frameStart, field + ".frameEnd", "must be after frameStart");
        check.require(seg.ptsEnd > seg.ptsStart, field + ".ptsEnd", "must be after ptsStart");
        check.require(seg.warmupFrameStart <= seg.frameStart, field + ".warmupFrameStart",
            "must not be after frameStart");
        check.require(
            seg.warmupPtsStart <= seg.ptsStart, field + ".warmupPtsStart", "must not be after ptsStart");
        check.require(
            seg.framesWritten <= seg.frameCount(), field + ".framesWritten", "is more than the segment has");
        if (seg.commit) {
            check.require(isValidWorkerName(seg.commit->worker), field + ".commit.worker",
                "must be 1-64 letters, digits, '-' or '_'");
        }
        nextFrame = seg.frameEnd;
    }
    // A range may end before the source does; a job of the whole video ends with it.
    check.require(
        job.settings.range ? nextFrame <= job.source.frameCount : nextFrame == job.source.frameCount,
        "segments",
        "end at frame " + std::to_string(nextFrame) + " but the source has "
            + std::to_string(job.source.frameCount));
}

} // namespace passthrough
