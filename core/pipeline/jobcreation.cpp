#include "pipeline/jobcreation.h"

#include "job/jobfolderlock.h"
#include "job/jobstore.h"
#include "job/jobvalidation.h"
#include "job/segmentplanner.h"
#include "media/mediainfo.h"
#include "packing/outputencoding.h"
#include "packing/packer.h"
#include "packing/packing.h"
#include "pipeline/spacecheck.h"
#include "util/error.h"
#include "util/fingerprint.h"

#include <QUuid>

#include <nlohmann/json.hpp>

namespace passthrough {
namespace {

std::filesystem::path absolutePath(const std::filesystem::path& path)
{
    return path.empty() ? path : std::filesystem::absolute(path).lexically_normal();
}

std::string describeSettingsChange(const JobSettings& stored, const JobSettings& requested)
{
    const nlohmann::json a = toJson(stored).flatten();
    const nlohmann::json b = toJson(requested).flatten();
    for (const auto& [key, value] : a.items()) {
        if (!b.contains(key) || b.at(key) != value) {
            return key.substr(1) + " was " + value.dump() + ", now "
                + (b.contains(key) ? b.at(key).dump() : "unset");
        }
    }
    for (const auto& [key, value] : b.items()) {
        if (!a.contains(key)) { // a setting the stored job did not have, such as a range
            return key.substr(1) + " was unset, now " + value.dump();
        }
    }
    return "the settings differ";
}

std::optional<Layout> layoutFromTag(const std::optional<std::string>& tag)
{
    if (!tag) {
        return std::nullopt;
    }
    auto layout = parseLayoutTag(*tag);
    if (!layout) {
        throw Error(ErrorKind::Usage,
            "unknown layout '" + *tag + "' (examples: LR_FISHEYE190, LR_180, TB_360, MONO_FLAT)");
    }
    return layout;
}

// What the user should hear about the output before it is made: sizes that change and why, a
// converted projection.
std::vector<std::string> outputNotes(PackingKind packing, const MediaInfo& info, FrameSize packed)
{
    std::vector<std::string> notes;
    if (convertsToFisheye(packing, info.layout)) {
        notes.push_back("each eye is converted from equirectangular 180 to fisheye 180 before packing: "
                        "the fisheye alpha packing only exists for fisheye frames");
    }
    if (packed.width != info.width || packed.height != info.height) {
        const std::string from = std::to_string(info.width) + "x" + std::to_string(info.height);
        const std::string to = std::to_string(packed.width) + "x" + std::to_string(packed.height);
        notes.push_back("the output is " + to + ", not " + from + ": "
            + (isFisheyeAlpha(packing)
                    ? "players misplace the alpha blocks unless width and height are multiples of 32"
                    : "4:2:0 video needs even sizes"));
    }
    return notes;
}

bool folderHasFiles(const std::filesystem::path& folder)
{
    std::error_code ec;
    return std::filesystem::is_directory(folder, ec) && !std::filesystem::is_empty(folder, ec);
}

} // namespace

std::filesystem::path defaultJobFolder(const std::filesystem::path& output)
{
    auto folder = output;
    folder += ".ptjob";
    return folder;
}

std::filesystem::path createJob(const NewJobRequest& request, const std::atomic<bool>* cancel)
{
    const PackingKind packing = requirePacking(request.settings.packing);
    validateSettings(request.settings);
    // Stored paths are absolute: `resume` may run from any folder, on any later day.
    const std::string sourcePath = absolutePath(request.sourcePath).string();
    const std::filesystem::path modelPath = absolutePath(request.modelPath);
    MediaInfo info = probeMedia(sourcePath, layoutFromTag(request.settings.layoutOverride), true, cancel);
    if (const auto problem = packingLayoutProblem(packing, info.layout)) {
        throw Error(ErrorKind::Usage,
            *problem + "; " + sourcePath + " is " + describe(info.layout) + " (" + info.layout.decidedBy
                + "); pass --layout LR_FISHEYE190 if that is wrong");
    }
    const std::filesystem::path output
        = absolutePath(resolveOutputPath(sourcePath, absolutePath(request.output), packing, info.layout));
    if (const auto problem = outputNameProblem(packing, output)) {
        throw Error(ErrorKind::Usage, *problem);
    }
    const bool sequence = isImageSequencePattern(output);
    const std::filesystem::path folder = request.jobFolder.empty()
        ? defaultJobFolder(sequence ? output.parent_path() : output)
        : absolutePath(request.jobFolder);
    if (request.checkSpace && !std::filesystem::exists(folder / "job.json")) {
        const FrameSize packed = packedFrameSize(packing, info.width, info.height);
        requireSpace(estimateSpace(packing, info, packed.width, packed.height,
                         framesToRender(info, request.settings.range)),
            output.parent_path(), folder);
    }
    std::filesystem::create_directories(folder);
    const JobFolderLock lock(folder); // two `process` runs never create one job twice
    JobStore store(folder);

    JobSettings settings = request.settings;
    const FrameSize packed = packedFrameSize(packing, info.width, info.height);
    settings.encoder = chooseEncoder(packing,
        EncoderRequest { settings.encoder.encoder, settings.encoder.crf, settings.encoder.preset, sequence },
        packed.width, info.bitDepth);

    if (store.exists()) {
        const JobRecord existing = store.load();
        if (!(existing.settings == settings) || existing.source.path != sourcePath
            || existing.output != output.string()) {
            throw Error(ErrorKind::Usage,
                folder.string() + " already holds a job with other settings ("
                    + (existing.source.path != sourcePath ? "source was " + existing.source.path
                            : existing.output != output.string()
                            ? "output was " + existing.output
                            : describeSettingsChange(existing.settings, settings))
                    + "); resume it with `passthrough-cli resume " + folder.string()
                    + "` or choose another --job-dir");
        }
        return folder;
    }
    if (sequence ? folderHasFiles(output.parent_path()) : std::filesystem::exists(output)) {
        throw Error(ErrorKind::Usage,
            (sequence ? output.parent_path() : output).string()
                + " already exists; remove it or choose another output name");
    }

    JobRecord job;
    job.id = QUuid::createUuid().toString(QUuid::WithoutBraces).toStdString();
    job.createdAt = nowIso8601();
    job.output = output.string();
    job.settings = settings;
    job.source.path = sourcePath;
    job.source.fingerprint = fingerprintSource(sourcePath);
    job.source.durationSeconds = info.durationSeconds;
    job.source.frameCount = info.frameCount;
    job.source.frameRate = info.frameRate;
    job.source.timeBase = info.timeBase;
    job.source.variableFrameRate = info.variableFrameRate;
    job.source.width = info.width;
    job.source.height = info.height;
    job.source.bitDepth = info.bitDepth;
    job.source.layoutTag = layoutTag(info.layout);
    job.source.layoutDecidedBy = info.layout.decidedBy;
    job.model.path = modelPath.string();
    job.model.sha256 = modelPath.empty() ? std::string() : sha256OfFile(modelPath);
    job.segments = planSegments(info, settings.segmentSeconds, settings.warmupSeconds, settings.range);
    job.notes = outputNotes(packing, info, packed);
    validateJob(job, store.jobFile().string());
    store.create(job);
    store.log("created job " + job.id + " for " + job.source.path + " (" + std::to_string(job.segments.size())
        + " segments, layout " + job.source.layoutTag + " from " + job.source.layoutDecidedBy + ", "
        + settings.packing + " with " + settings.encoder.encoder + ")");
    for (const auto& note : job.notes) {
        store.log("note: " + note);
    }
    if (settings.range) {
        const SegmentRecord& first = job.segments.front();
        store.log("range: " + describe(*settings.range) + ": frames " + std::to_string(first.frameStart)
            + " to " + std::to_string(job.segments.back().frameEnd - 1) + " ("
            + std::to_string(job.frameCount()) + " frames from " + timeText(info.ptsToSeconds(first.ptsStart))
            + "), warm-up from frame " + std::to_string(first.warmupFrameStart));
    }
    for (const auto& region : settings.matte.regions) {
        store.log("matte: " + describe(region));
    }
    if (!settings.matte.sceneCuts) {
        store.log("matte: scene cuts are not looked for");
    }
    return folder;
}

} // namespace passthrough
