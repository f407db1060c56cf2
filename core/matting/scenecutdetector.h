#pragma once

#include "matting/mattingbackend.h"
#include "matting/tensor.h"

namespace passthrough {

// Finds hard cuts frame to frame, cheaply: each frame's first eye is sampled on a small grid
// (the size of a thumbnail, smaller than the model's own input), and a cut is a frame whose
// luma histogram and pixels both differ strongly from the previous frame's. Motion changes
// pixels but keeps the histogram; a flash changes both only briefly, and is rarely as large.
class SceneCutDetector {
public:
    // True when `eyes` starts a new shot. The first frame after construction or reset() is
    // never a cut (there is nothing to compare it with).
    bool isCut(const EyeBatch& eyes);
    void reset();

    // The two measures of the last comparison, for tests and tuning: half the L1 distance of
    // the 16-bin luma histograms (0..1), and the mean absolute luma difference (0..1).
    [[nodiscard]] double lastHistogramDistance() const { return m_histogramDistance; }
    [[nodiscard]] double lastPixelDifference() const { return m_pixelDifference; }

private:
    torch::Tensor m_previous; // grid x grid luma of the previous frame, float in [0, 1]
    double m_histogramDistance = 0.0;
    double m_pixelDifference = 0.0;
};

} // namespace passthrough
