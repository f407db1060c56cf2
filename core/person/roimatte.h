#pragma once

#include "matting/mattingbackend.h"
#include "person/roiplan.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

namespace passthrough::person {

// Mattes the crops of a RoiPlan frame by frame and lays each one's matte over the whole eye's,
// blended over the inner eighth of its side (not along the eye's own edge). Each crop has its own
// recurrent state (a stream of the same backend), started when the crop's warm-up starts or when
// the segment does, whichever is later: the same frames give the same state, as the whole eye's has.
// Used from the matting thread only.
class RoiMatting {
public:
    // `backend` mattes the whole eyes too and must outlive this; `plan` is in the eyes' pixels.
    RoiMatting(std::shared_ptr<const RoiPlan> plan, MattingBackend& backend);

    // Whether the backend can matte crops (MattingBackend::newStream).
    [[nodiscard]] bool available() const { return m_available; }
    // Mattes this frame's crops (the warming ones too) from `eyes` (the frame's whole eyes) and
    // returns `alpha` (N x 1 x h x w: the eyes' size, or a smaller one the packing stores) with
    // the crops in use laid over it.
    torch::Tensor apply(const EyeBatch& eyes, std::int64_t pts, torch::Tensor alpha);
    // A hard cut: every crop's state starts afresh, as the whole eye's does.
    void reset();
    [[nodiscard]] const RoiPlan& plan() const { return *m_plan; }
    // How many crops the last apply() matted (warming ones included).
    [[nodiscard]] std::size_t lastCropCount() const { return m_streams.size(); }

private:
    std::shared_ptr<const RoiPlan> m_plan;
    MattingBackend& m_backend;
    bool m_available = false;
    std::map<std::size_t, std::unique_ptr<MattingBackend>> m_streams; // by crop index
};

// The crops of --roi auto for `people`, matted by `backend` at `ratio` in eyes of this size, or
// null, said through `warn`, where they cannot be: a backend that cannot share its weights, or
// people found in eyes of another size.
std::unique_ptr<RoiMatting> makeRoiMatting(const PeopleDecisions& people, MattingBackend& backend,
    int eyeWidth, int eyeHeight, double ratio, double secondsPerPts,
    const std::function<void(const std::string&)>& warn);

// How much of the crop's matte a pixel of its square takes (the rest is the whole eye's): 1
// inside, falling to 0 at a side over `side / 8` pixels, except at sides on the eye's edge.
// side x side float32.
torch::Tensor roiBlendWeight(const RoiSquare& square, int eyeWidth, int eyeHeight);

} // namespace passthrough::person
