#include "targetlabels.h"

namespace passthrough::ui {

QString TargetLabels::title(OutputTarget target)
{
    switch (target) {
    case OutputTarget::Headset:
        return tr("Quest / Pico / Vision Pro in HereSphere or DeoVR");
    case OutputTarget::Skybox:
        return tr("Skybox / 4XVR");
    case OutputTarget::GreenScreen:
        return tr("Green screen (players that key a colour)");
    case OutputTarget::Editing:
        return tr("Editing software (ProRes 4444 / VP9 alpha)");
    case OutputTarget::MatteOnly:
        return tr("Matte only");
    }
    return {};
}

QString TargetLabels::description(OutputTarget target)
{
    switch (target) {
    case OutputTarget::Headset:
        return tr("The matte packed into the fisheye frame's corners, which DeoVR and HereSphere read "
                  "(HereSphere: Mask = Alpha packed). Equirect 180 videos become fisheye 180.");
    case OutputTarget::Skybox:
        return tr("The people over green: no report shows these players reading packed alpha, and a "
                  "key colour is what they can take out.");
    case OutputTarget::GreenScreen:
        return tr("The people over a key colour that the player removes live.");
    case OutputTarget::Editing:
        return tr("A real alpha channel in ProRes 4444 (.mov) for editing software; no headset player "
                  "reads it.");
    case OutputTarget::MatteOnly:
        return tr("The black-and-white matte alone, for compositing elsewhere.");
    }
    return {};
}

QString TargetLabels::title(OutputQuality quality)
{
    switch (quality) {
    case OutputQuality::Fast:
        return tr("Fast");
    case OutputQuality::Balanced:
        return tr("Balanced");
    case OutputQuality::Best:
        return tr("Best");
    }
    return {};
}

QString TargetLabels::description(OutputQuality quality)
{
    switch (quality) {
    case OutputQuality::Fast:
        return tr("Quick edge refinement, smaller files (CRF 23, veryfast).");
    case OutputQuality::Balanced:
        return tr("The model's own edge refinement, CRF 20, fast.");
    case OutputQuality::Best:
        return tr("The model's own edge refinement, CRF 16, slow: bigger files, finer detail.");
    }
    return {};
}

} // namespace passthrough::ui
