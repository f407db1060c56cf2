#include "pipeline/outputguard.h"

#include "media/chunkjoiner.h"
#include "packing/packing.h"
#include "util/error.h"
#include "util/fingerprint.h"

namespace passthrough {
namespace {

std::filesystem::path canonicalOf(const std::filesystem::path& path)
{
    std::error_code ec;
    auto canonical = std::filesystem::weakly_canonical(path, ec);
    return ec ? path.lexically_normal() : canonical;
}

bool isInside(const std::filesystem::path& path, const std::filesystem::path& folder)
{
    const auto rel = canonicalOf(path).lexically_relative(canonicalOf(folder));
    return !rel.empty() && *rel.begin() != "..";
}

} // namespace

OutputState inspectOutput(const JobRecord& job, const std::filesystem::path& jobFolder)
{
    const std::filesystem::path output = job.output;
    const bool sequence = isImageSequencePattern(output);
    const std::filesystem::path target = sequence ? output.parent_path() : output;
    const std::string origin = (jobFolder / "job.json").string();
    auto refuse = [&](const std::string& why) {
        throw Error(ErrorKind::JobMismatch, origin + ": the output " + output.string() + " " + why);
    };
    if (isInside(target, jobFolder) || canonicalOf(target) == canonicalOf(jobFolder)) {
        refuse("lies inside the job folder " + jobFolder.string());
    }
    if (canonicalOf(target) == canonicalOf(job.source.path)) {
        refuse("is the source itself");
    }
    std::error_code ec;
    const bool exists = std::filesystem::exists(target, ec);
    const bool folder = std::filesystem::is_directory(target, ec);
    if (!sequence && folder) {
        refuse("is a folder; a video file belongs there");
    }
    if (sequence && exists && !folder) {
        refuse("needs the folder " + target.string() + ", but that is a file");
    }
    if (!exists || (sequence && std::filesystem::is_empty(target, ec))) {
        return OutputState::Absent;
    }
    SourceFingerprint now;
    try {
        now = fingerprintSource(output);
    } catch (const Error&) {
        refuse("holds files that are not an image sequence of this job");
    }
    const bool complete = countVideoPackets(output) == job.frameCount();
    if (job.outputFingerprint && *job.outputFingerprint == now) {
        return complete ? OutputState::Finished : OutputState::Replaceable;
    }
    if (!sequence && now.sizeBytes == 0) {
        return OutputState::Replaceable; // an empty file: nothing in it can be lost
    }
    if (!job.outputFingerprint && job.joined && complete) {
        return OutputState::Finished; // a job written before outputs were fingerprinted (schema 1)
    }
    refuse(std::string("already exists and is not this job's output")
        + (job.outputFingerprint ? " (it changed after this job wrote it)" : "")
        + "; move it away, or start a new job with another output");
    return OutputState::Absent;
}

} // namespace passthrough
