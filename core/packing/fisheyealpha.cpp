#include "packing/fisheyealpha.h"

#include "packing/fisheyegeometry.h"

#include <torch/types.h>

extern "C" {
#include <libavutil/pixfmt.h>
}

namespace passthrough {

LumaCoefficients lumaCoefficients(int matrix)
{
    switch (matrix) {
    case AVCOL_SPC_BT470BG:
    case AVCOL_SPC_SMPTE170M:
        return { 0.299, 0.114 };
    case AVCOL_SPC_BT2020_NCL:
    case AVCOL_SPC_BT2020_CL:
        return { 0.2627, 0.0593 };
    default:
        return { 0.2126, 0.0722 }; // BT.709, also for untagged HD/VR material
    }
}

YuvLevels yuvLevels(bool fullRange)
{
    return fullRange ? YuvLevels { 0.0, 255.0, 255.0 } : YuvLevels { 16.0, 219.0, 224.0 };
}

torch::Tensor unpackFisheyeAlpha(const torch::Tensor& luma, const torch::Tensor& cr, int bitDepth,
    AlphaChannel channel, int matrix, bool fullRange)
{
    const double scale = bitDepth > 8 ? 4.0 : 1.0;
    const YuvLevels levels = yuvLevels(fullRange);
    const FisheyeAlphaGeometry geometry(int(luma.size(1)), int(luma.size(0)));
    torch::Tensor y = (luma.to(torch::kFloat32) / scale - levels.black) / levels.lumaSpan;
    // Only the discs hold matte; the rest of each D x D square is picture.
    if (channel == AlphaChannel::Gray) {
        return geometry.readTiles(y).clamp(0.0, 1.0) * geometry.discMask();
    }
    // Red: R = Y + 2 (1 - Kr) Cr, with chroma brought back to full size.
    const auto k = lumaCoefficients(matrix);
    torch::Tensor c = (cr.to(torch::kFloat32) / scale - 128.0) / levels.chromaSpan;
    c = c.repeat_interleave(2, 0).repeat_interleave(2, 1).narrow(0, 0, y.size(0)).narrow(1, 0, y.size(1));
    return geometry.readTiles(y + 2.0 * (1.0 - k.kr) * c).clamp(0.0, 1.0) * geometry.discMask();
}

} // namespace passthrough
