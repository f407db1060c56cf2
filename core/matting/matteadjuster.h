#pragma once

#include "matting/mattecontrols.h"
#include "matting/tensor.h"

namespace passthrough {

// Applies the user's matte controls to each frame's mattes, in this order: levels, choke/grow,
// feather, temporal smoothing, then the regions (last, so that alpha is exactly 0 inside a
// removed region whatever the edge controls do). Pixel sizes are in eye pixels and are scaled
// to the size the matte has (a fisheye alpha tile is smaller than the eye). Holds the previous
// frame's matte for smoothing; one instance per stream of frames, like a backend's state.
class MatteAdjuster {
public:
    MatteAdjuster(MatteControls controls, int eyeWidth, int eyeHeight);

    // N x 1 x h x w float alpha (N eyes, left first) of the frame shown at `seconds` (source
    // time: regions hold during their spans and move between key shapes) -> the adjusted alpha,
    // same shape. With controls that change nothing the input is returned as it is.
    torch::Tensor apply(const torch::Tensor& alpha, double seconds);
    // Forgets the previous frame (a segment's start, a scene cut).
    void reset();

    // The factor the regions in force at `seconds` multiply alpha with, N x 1 x h x w in [0, 1]:
    // 0 inside a removed region (or outside every keep region), 1 far from any, a ramp over the
    // region feather outside each region's edge. Undefined when no region is in force.
    torch::Tensor regionFactor(int eyeCount, int height, int width, double seconds);

private:
    MatteControls m_controls;
    int m_eyeWidth;
    int m_eyeHeight;
    bool m_timedRegions; // a region holds for a span or moves: what is in force depends on the time
    torch::Tensor m_previous; // the last smoothed matte
    torch::Tensor m_factor; // cached regionFactor for the last size and regions asked
    std::vector<MatteRegion> m_factorRegions; // timed regions: those in force m_factor was made of
};

} // namespace passthrough
