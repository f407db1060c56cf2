#pragma once

#include "person/pose.h"

namespace passthrough {

// One person the person model found in a previewed frame (LibTorch-free: the window holds these).
struct PreviewPerson {
    int eye = 0;
    person::Pose pose; // keypoints and box normalised to the eye (0..1)
    int track = -1; // the same number in both eyes for the same person
    bool removed = false; // the job's person choices take them out of the matte
    bool povBody = false; // removed as the camera wearer's own body (--pov auto)
    bool roiCrop = false; // not a person: a square --roi auto mattes again (pose: its box only)
};

} // namespace passthrough
