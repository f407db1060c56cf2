#include "job/targetpreset.h"

#include "packing/packing.h"
#include "util/error.h"

namespace passthrough {
namespace {

struct TargetText {
    OutputTarget target;
    const char* name;
    const char* title;
    const char* description;
};

constexpr TargetText kTargets[] = {
    { OutputTarget::Headset, "headset", "Quest / Pico / Vision Pro in HereSphere or DeoVR",
        "fisheye alpha packing (gray matte in the frame's corners), which DeoVR and HereSphere read; "
        "equirect 180 sources are turned into fisheye 180" },
    { OutputTarget::Skybox, "skybox", "Skybox / 4XVR",
        "the subject over green #00B140: no source shows Skybox or 4XVR reading packed alpha, and a key "
        "colour is what a player without it can take out" },
    { OutputTarget::GreenScreen, "greenscreen", "Green screen (players that key a colour)",
        "the subject over a key colour (green #00B140, changeable) for players that key live" },
    { OutputTarget::Editing, "editing", "Editing software (ProRes 4444 / VP9 alpha)",
        "a real alpha channel in ProRes 4444 (.mov); no headset player reads it" },
    { OutputTarget::MatteOnly, "matte", "Matte only",
        "the grayscale matte in the source's layout, for compositing elsewhere" },
};

struct QualityValues {
    OutputQuality quality;
    const char* name;
    const char* refiner;
    int crf;
    const char* preset;
};

constexpr QualityValues kQualities[] = {
    { OutputQuality::Fast, "fast", "fast", 23, "veryfast" },
    { OutputQuality::Balanced, "balanced", "auto", 20, "fast" },
    { OutputQuality::Best, "best", "auto", 16, "slow" },
};

const TargetText& textOf(OutputTarget target)
{
    for (const TargetText& t : kTargets) {
        if (t.target == target) {
            return t;
        }
    }
    return kTargets[0];
}

const QualityValues& valuesOf(OutputQuality quality)
{
    for (const QualityValues& q : kQualities) {
        if (q.quality == quality) {
            return q;
        }
    }
    return kQualities[1];
}

template <typename Table> auto requireNamed(const std::string& name, const Table& table, const char* option)
{
    std::string known;
    for (const auto& row : table) {
        if (row.name == name) {
            return row;
        }
        known += (known.empty() ? "" : ", ") + std::string(row.name);
    }
    throw Error(ErrorKind::Usage, std::string(option) + " '" + name + "' is not known; use one of " + known);
}

} // namespace

const std::vector<OutputTarget>& allTargets()
{
    static const std::vector<OutputTarget> all = [] {
        std::vector<OutputTarget> targets;
        for (const TargetText& t : kTargets) {
            targets.push_back(t.target);
        }
        return targets;
    }();
    return all;
}

std::string targetName(OutputTarget target)
{
    return textOf(target).name;
}

std::string targetTitle(OutputTarget target)
{
    return textOf(target).title;
}

std::string targetDescription(OutputTarget target)
{
    return textOf(target).description;
}

OutputTarget requireTarget(const std::string& name)
{
    return requireNamed(name, kTargets, "--preset-target").target;
}

const std::vector<OutputQuality>& allQualities()
{
    static const std::vector<OutputQuality> all { OutputQuality::Fast, OutputQuality::Balanced,
        OutputQuality::Best };
    return all;
}

std::string qualityName(OutputQuality quality)
{
    return valuesOf(quality).name;
}

std::string qualityDescription(OutputQuality quality)
{
    const QualityValues& q = valuesOf(quality);
    return std::string(q.refiner == std::string("fast") ? "fast refiner" : "the weights' own refiner")
        + ", CRF " + std::to_string(q.crf) + ", x265 " + q.preset;
}

OutputQuality requireQuality(const std::string& name)
{
    return requireNamed(name, kQualities, "--quality").quality;
}

void applyTarget(JobSettings& s, OutputTarget target, OutputQuality quality)
{
    switch (target) {
    case OutputTarget::Headset:
        s.packing = packingName(PackingKind::FisheyeAlpha);
        break;
    case OutputTarget::Skybox:
    case OutputTarget::GreenScreen:
        s.packing = packingName(PackingKind::GreenScreen);
        s.keyColor = "#00B140";
        break;
    case OutputTarget::Editing:
        s.packing = packingName(PackingKind::ProRes4444);
        break;
    case OutputTarget::MatteOnly:
        s.packing = packingName(PackingKind::Matte);
        break;
    }
    s.encoder.encoder = "auto";
    const QualityValues& q = valuesOf(quality);
    s.refiner = q.refiner;
    s.encoder.crf = q.crf;
    s.encoder.preset = q.preset;
    s.target = targetName(target);
    s.quality = qualityName(quality);
}

bool usesKeyColor(const std::string& packing)
{
    return packing == packingName(PackingKind::GreenScreen);
}

bool usesVideoEncoder(const std::string& packing)
{
    const auto kind = parsePackingName(packing);
    return !kind || !hasAlphaChannel(*kind);
}

} // namespace passthrough
