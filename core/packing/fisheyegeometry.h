#pragma once

#include "matting/tensor.h"

namespace passthrough {

// The "6-block" fisheye alpha layout DeoVR and HereSphere read (design.md, "Packing geometry"):
// each eye's matte shrunk to D = round(0.4 H), masked to its inscribed disc, and laid on the
// frame seen as a torus: the left eye's disc centred on (W/2, 0), the right eye's on (0, 0).
// A D x D tile pixel (i, j) of an eye lands at frame row (y0 + i) mod H and column
// (x0 + j) mod W with y0 = -floor(D/2) and x0 = W/2 - floor(D/2) (left) or -floor(D/2) (right),
// so an odd D (4096x2048 -> 819) splits on whole pixels the same way for packer and unpacker.
class FisheyeAlphaGeometry {
public:
    FisheyeAlphaGeometry(int frameWidth, int frameHeight);

    [[nodiscard]] int width() const { return m_width; }
    [[nodiscard]] int height() const { return m_height; }
    [[nodiscard]] int diameter() const { return m_diameter; }

    // Frame rows / columns (int64, length D) of eye 0 (left) or 1 (right).
    [[nodiscard]] torch::Tensor rows() const;
    [[nodiscard]] torch::Tensor columns(int eye) const;
    // D x D coverage of the disc: 1 inside, 0 outside, about one pixel of soft edge.
    [[nodiscard]] const torch::Tensor& discMask() const { return m_disc; }

    // 2 x D x D tiles from a side-by-side H x W matte (each eye H x H, area-averaged), not yet
    // masked to the disc (the packer does that).
    [[nodiscard]] torch::Tensor shrinkEyes(const torch::Tensor& frameMatte) const;
    // Reads both eyes' D x D tiles out of an H x W plane (the unpacker's job).
    [[nodiscard]] torch::Tensor readTiles(const torch::Tensor& plane) const;

private:
    int m_width;
    int m_height;
    int m_diameter;
    torch::Tensor m_disc;
};

// Output size for the fisheye alpha packing: W and H rounded to multiples of 32 (players show
// shifted masks at sizes such as 1700 high), keeping 2:1.
struct PackedSize {
    int width;
    int height;
};
PackedSize fisheyeAlphaOutputSize(int sourceWidth, int sourceHeight);

} // namespace passthrough
