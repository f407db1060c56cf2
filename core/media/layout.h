#pragma once

#include <optional>
#include <string>

namespace passthrough {

enum class StereoMode { Mono, LeftRight, RightLeft, TopBottom, BottomTop };
enum class Projection { Flat, Fisheye, Equirect180, Equirect360 };

// How the eyes sit in a frame and how each eye is projected.
struct Layout {
    StereoMode stereo = StereoMode::Mono;
    Projection projection = Projection::Flat;
    int fisheyeFovDegrees = 0; // 180/190/200/220 for fisheye, else 0
    std::string decidedBy; // the rule that decided it, for the user: "filename tag _FISHEYE190"

    [[nodiscard]] int eyeCount() const { return stereo == StereoMode::Mono ? 1 : 2; }
    bool operator==(const Layout& other) const
    {
        return stereo == other.stereo && projection == other.projection
            && fisheyeFovDegrees == other.fisheyeFovDegrees;
    }
};

// What the stream's side data says (AVStereo3D / AVSphericalMapping), when present.
struct StreamLayoutHints {
    std::optional<StereoMode> stereo;
    std::optional<Projection> projection;
    int fisheyeFovDegrees = 0;
};

// Detects the layout in design.md's order: explicit choice, stream side data, filename tags,
// aspect ratio. Each field is decided by the first rule that knows it.
Layout detectLayout(const std::string& fileName, int width, int height, const StreamLayoutHints& hints,
    const std::optional<Layout>& userChoice = std::nullopt);

std::string toString(StereoMode mode);
std::string toString(Projection projection);
std::string describe(const Layout& layout); // "side-by-side (LR), fisheye 190°"
// Short tag form used on the command line and in job files: "LR_FISHEYE190", "TB_360", "MONO_FLAT".
std::string layoutTag(const Layout& layout);
std::optional<Layout> parseLayoutTag(const std::string& tag);
// A file stem without the layout tags at its end: "clip_2048x1024_LR_180" -> "clip_2048x1024".
std::string stripLayoutTags(const std::string& stem);

} // namespace passthrough
