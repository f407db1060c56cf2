#include "media/layout.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <vector>

namespace passthrough {
namespace {

struct ProjectionTag {
    Projection projection;
    int fovDegrees;
};

// Tags as DeoVR, HereSphere and the xbvr scraper read them (peers-and-player-conventions.md 2.4).
const std::map<std::string, StereoMode>& stereoTags()
{
    static const std::map<std::string, StereoMode> tags {
        { "lr", StereoMode::LeftRight },
        { "sbs", StereoMode::LeftRight },
        { "3dh", StereoMode::LeftRight },
        { "rl", StereoMode::RightLeft },
        { "tb", StereoMode::TopBottom },
        { "3dv", StereoMode::TopBottom },
        { "ou", StereoMode::TopBottom },
        { "overunder", StereoMode::TopBottom },
        { "bt", StereoMode::BottomTop },
        { "2d", StereoMode::Mono },
        { "mono", StereoMode::Mono },
    };
    return tags;
}

const std::map<std::string, ProjectionTag>& lensTags()
{
    static const std::map<std::string, ProjectionTag> tags {
        { "fisheye", { Projection::Fisheye, 180 } },
        { "fisheye180", { Projection::Fisheye, 180 } },
        { "f180", { Projection::Fisheye, 180 } },
        { "180f", { Projection::Fisheye, 180 } },
        { "fisheye190", { Projection::Fisheye, 190 } },
        { "rf52", { Projection::Fisheye, 190 } },
        { "fisheye200", { Projection::Fisheye, 200 } },
        { "mkx200", { Projection::Fisheye, 200 } },
        { "fisheye220", { Projection::Fisheye, 220 } },
        { "mkx220", { Projection::Fisheye, 220 } },
        { "vrca220", { Projection::Fisheye, 220 } },
    };
    return tags;
}

std::vector<std::string> nameTokens(const std::string& fileName)
{
    const std::string stem = std::filesystem::path(fileName).stem().string();
    std::vector<std::string> tokens;
    std::string current;
    for (char c : stem) {
        if (c == '_' || c == '-' || c == '.' || c == ' ') {
            if (!current.empty()) {
                tokens.push_back(current);
            }
            current.clear();
        } else {
            current += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    if (!current.empty()) {
        tokens.push_back(current);
    }
    return tokens;
}

std::string upper(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
    return s;
}

struct Decision {
    std::optional<StereoMode> stereo;
    std::string stereoRule;
    std::optional<ProjectionTag> projection;
    std::string projectionRule;
};

void applyStreamHints(const StreamLayoutHints& hints, Decision& d)
{
    if (hints.stereo) {
        d.stereo = hints.stereo;
        d.stereoRule = "stream stereo metadata";
    }
    if (hints.projection) {
        d.projection = ProjectionTag { *hints.projection, hints.fisheyeFovDegrees };
        d.projectionRule = "stream spherical metadata";
    }
}

void applyFileNameTags(const std::string& fileName, Decision& d)
{
    bool sawEquirect180 = false;
    bool sawEquirect360 = false;
    for (const std::string& token : nameTokens(fileName)) {
        if (!d.stereo) {
            if (auto it = stereoTags().find(token); it != stereoTags().end()) {
                d.stereo = it->second;
                d.stereoRule = "filename tag _" + upper(token);
            }
        }
        if (d.projection && d.projectionRule.starts_with("stream")) {
            continue;
        }
        // A lens tag beats the generic `_180` that DeoVR names also carry (`_LR_180_FISHEYE190`).
        if (auto it = lensTags().find(token); it != lensTags().end()) {
            if (!d.projection || d.projection->projection != Projection::Fisheye
                || it->second.fovDegrees > d.projection->fovDegrees) {
                d.projection = it->second;
                d.projectionRule = "filename tag _" + upper(token);
            }
        }
        sawEquirect180 = sawEquirect180 || token == "180";
        sawEquirect360 = sawEquirect360 || token == "360";
    }
    if (!d.projection && (sawEquirect180 || sawEquirect360)) {
        d.projection
            = ProjectionTag { sawEquirect180 ? Projection::Equirect180 : Projection::Equirect360, 0 };
        d.projectionRule = sawEquirect180 ? "filename tag _180" : "filename tag _360";
    }
}

} // namespace

Layout detectLayout(const std::string& fileName, int width, int height, const StreamLayoutHints& hints,
    const std::optional<Layout>& userChoice)
{
    if (userChoice) {
        Layout chosen = *userChoice;
        chosen.decidedBy = "chosen by the user";
        return chosen;
    }
    Decision d;
    applyStreamHints(hints, d);
    applyFileNameTags(fileName, d);

    const bool twoToOne = height > 0 && width == 2 * height;
    if (!d.stereo) {
        // A 2:1 frame is almost always two square eyes side by side (VR180); anything else we treat
        // as an ordinary flat video.
        d.stereo = twoToOne ? StereoMode::LeftRight : StereoMode::Mono;
        d.stereoRule = twoToOne ? "aspect ratio 2:1" : "aspect ratio (no stereo tag)";
    }
    if (!d.projection) {
        const bool vr180 = twoToOne && *d.stereo == StereoMode::LeftRight;
        d.projection = ProjectionTag { vr180 ? Projection::Equirect180 : Projection::Flat, 0 };
        d.projectionRule = vr180 ? "aspect ratio 2:1" : "aspect ratio (no projection tag)";
    }

    Layout layout;
    layout.stereo = *d.stereo;
    layout.projection = d.projection->projection;
    layout.fisheyeFovDegrees = layout.projection == Projection::Fisheye ? d.projection->fovDegrees : 0;
    layout.decidedBy = d.projectionRule == d.stereoRule ? d.stereoRule
        : d.projectionRule.starts_with("filename tag") && d.stereoRule.starts_with("filename tag")
        ? "filename tags " + d.stereoRule.substr(13) + ", " + d.projectionRule.substr(13)
        : d.stereoRule + "; " + d.projectionRule;
    return layout;
}

std::string toString(StereoMode mode)
{
    switch (mode) {
    case StereoMode::Mono:
        return "mono";
    case StereoMode::LeftRight:
        return "side-by-side (LR)";
    case StereoMode::RightLeft:
        return "side-by-side (RL)";
    case StereoMode::TopBottom:
        return "top-bottom (TB)";
    case StereoMode::BottomTop:
        return "top-bottom (BT)";
    }
    return "unknown";
}

std::string toString(Projection projection)
{
    switch (projection) {
    case Projection::Flat:
        return "flat";
    case Projection::Fisheye:
        return "fisheye";
    case Projection::Equirect180:
        return "equirectangular 180";
    case Projection::Equirect360:
        return "equirectangular 360";
    }
    return "unknown";
}

std::string describe(const Layout& layout)
{
    std::string text = toString(layout.stereo) + ", " + toString(layout.projection);
    if (layout.projection == Projection::Fisheye) {
        text += " " + std::to_string(layout.fisheyeFovDegrees) + "°";
    }
    return text;
}

std::string layoutTag(const Layout& layout)
{
    static const std::map<StereoMode, std::string> stereo { { StereoMode::Mono, "MONO" },
        { StereoMode::LeftRight, "LR" }, { StereoMode::RightLeft, "RL" }, { StereoMode::TopBottom, "TB" },
        { StereoMode::BottomTop, "BT" } };
    std::string projection;
    switch (layout.projection) {
    case Projection::Flat:
        projection = "FLAT";
        break;
    case Projection::Fisheye:
        projection = "FISHEYE" + std::to_string(layout.fisheyeFovDegrees);
        break;
    case Projection::Equirect180:
        projection = "180";
        break;
    case Projection::Equirect360:
        projection = "360";
        break;
    }
    return stereo.at(layout.stereo) + "_" + projection;
}

std::optional<Layout> parseLayoutTag(const std::string& tag)
{
    Decision d;
    applyFileNameTags("x_" + tag + ".tag", d);
    const auto tokens = nameTokens("x_" + tag + ".tag");
    const bool flat = std::find(tokens.begin(), tokens.end(), "flat") != tokens.end();
    if (!d.stereo || (!d.projection && !flat)) {
        return std::nullopt;
    }
    Layout layout;
    layout.stereo = *d.stereo;
    layout.projection = flat ? Projection::Flat : d.projection->projection;
    layout.fisheyeFovDegrees = layout.projection == Projection::Fisheye ? d.projection->fovDegrees : 0;
    return layout;
}

std::string stripLayoutTags(const std::string& stem)
{
    std::string rest = stem;
    for (;;) {
        const auto cut = rest.find_last_of("_-. ");
        if (cut == std::string::npos) {
            return rest;
        }
        std::string token = rest.substr(cut + 1);
        std::transform(
            token.begin(), token.end(), token.begin(), [](unsigned char c) { return std::tolower(c); });
        const bool layoutToken = stereoTags().contains(token) || lensTags().contains(token) || token == "180"
            || token == "360" || token == "flat";
        if (!layoutToken) {
            return rest;
        }
        rest.erase(cut);
    }
}

} // namespace passthrough
