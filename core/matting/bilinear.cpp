#include "matting/bilinear.h"

#include <torch/types.h>

#include <cmath>

namespace passthrough {
namespace {

struct Taps {
    torch::Tensor index0; // int64: the lower neighbour
    torch::Tensor index1; // int64: the upper neighbour (the same pixel at the last one)
    torch::Tensor weight0; // float32
    torch::Tensor weight1;
};

// The two neighbours and weights of outputs [first, first + count) along one axis. Computed in
// float32 as PyTorch's CPU kernel does, so that the weights agree to the last bit.
Taps tapsFor(const BilinearAxis& axis, std::int64_t first, std::int64_t count, const torch::Device& device)
{
    const float scale = axis.scale > 0.0 ? float(axis.scale) : float(axis.inSize) / float(axis.outSize);
    torch::Tensor i0 = torch::empty({ count }, torch::kInt64);
    torch::Tensor i1 = torch::empty({ count }, torch::kInt64);
    torch::Tensor w0 = torch::empty({ count }, torch::kFloat32);
    torch::Tensor w1 = torch::empty({ count }, torch::kFloat32);
    auto lower0 = i0.accessor<std::int64_t, 1>();
    auto upper0 = i1.accessor<std::int64_t, 1>();
    auto weight0 = w0.accessor<float, 1>();
    auto weight1 = w1.accessor<float, 1>();
    for (std::int64_t k = 0; k < count; ++k) {
        const auto dst = float(first + k);
        float src = scale * (dst + 0.5f) - 0.5f;
        src = src < 0.0f ? 0.0f : src;
        const auto lower = std::min(std::int64_t(src), axis.inSize - 1);
        const float lambda1 = std::min(std::max(src - float(lower), 0.0f), 1.0f);
        lower0[k] = lower;
        upper0[k] = lower < axis.inSize - 1 ? lower + 1 : lower;
        weight1[k] = lambda1;
        weight0[k] = 1.0f - lambda1;
    }
    return { i0.to(device), i1.to(device), w0.to(device), w1.to(device) };
}

torch::Tensor asFloat(const torch::Tensor& t)
{
    return t.scalar_type() == torch::kUInt8 ? t.to(torch::kFloat32).div_(255.0) : t.to(torch::kFloat32);
}

} // namespace

torch::Tensor resampleColumns(const torch::Tensor& image, const BilinearAxis& columns)
{
    const Taps c = tapsFor(columns, 0, columns.outSize, image.device());
    return asFloat(image.index_select(3, c.index0)) * c.weight0
        + asFloat(image.index_select(3, c.index1)) * c.weight1;
}

torch::Tensor resampleRows(
    const torch::Tensor& blended, const BilinearAxis& rows, std::int64_t firstRow, std::int64_t rowCount)
{
    const Taps r = tapsFor(rows, firstRow, rowCount, blended.device());
    torch::Tensor top = blended.index_select(2, r.index0);
    torch::Tensor bottom = blended.index_select(2, r.index1);
    return top.mul_(r.weight0.view({ -1, 1 })).add_(bottom.mul_(r.weight1.view({ -1, 1 })));
}

torch::Tensor resampleBilinear(const torch::Tensor& image, const BilinearAxis& rows,
    const BilinearAxis& columns, std::int64_t firstRow, std::int64_t rowCount)
{
    // The arithmetic is PyTorch's, h0 * (w0 * x00 + w1 * x01) + h1 * (w0 * x10 + w1 * x11), in
    // either order: shrinking, the few rows read are gathered first (never the whole input in
    // float); enlarging, columns are blended at the small height and the rows taken from that.
    if (rows.outSize > rows.inSize) {
        return resampleRows(resampleColumns(image, columns), rows, firstRow, rowCount);
    }
    const Taps r = tapsFor(rows, firstRow, rowCount, image.device());
    torch::Tensor top = resampleColumns(image.index_select(2, r.index0), columns);
    torch::Tensor bottom = resampleColumns(image.index_select(2, r.index1), columns);
    return top.mul_(r.weight0.view({ -1, 1 })).add_(bottom.mul_(r.weight1.view({ -1, 1 })));
}

torch::Tensor resampleBilinear(
    const torch::Tensor& image, const BilinearAxis& rows, const BilinearAxis& columns)
{
    return resampleBilinear(image, rows, columns, 0, rows.outSize);
}

} // namespace passthrough
