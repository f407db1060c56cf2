// roi-measure MATTE [TRUTH] [--disparity D]
//
// Compares a side-by-side stereo matte (the `--packing matte` output: limited-range luma) with its
// true alpha (a gray video, 255 = person, full range), frame by frame, and prints:
//   recall     sum(min(matte, truth)) / sum(truth): how much of the people's alpha is there;
//   SAD/mass   sum |matte - truth| / sum(truth): 0 perfect, 1 as bad as an empty matte;
//   presence mismatch  pixels where one eye says person (alpha > 0.5) and the other eye, at the
//              scene's disparity, says background, over the person pixels of both eyes.
// The disparity (the right eye's horizontal shift against the left, in pixels) is the one at
// which the truth's own eyes agree best, or --disparity D, or without truth the one at which the
// matte's own eyes agree best; the truth's own mismatch is printed beside the matte's.
#include "media/ffmpegptr.h"
#include "media/framereader.h"
#include "media/mediainfo.h"
#include "media/medialog.h"

#include <torch/types.h>

#include <cstdio>
#include <map>
#include <optional>
#include <string>

using namespace passthrough;

namespace {

constexpr int kShiftSearch = 48;

torch::Tensor planeOf(const AVFrame* frame, bool limitedRange)
{
    const torch::Tensor plane
        = torch::from_blob(frame->data[0], { frame->height, frame->linesize[0] }, torch::kUInt8)
              .narrow(1, 0, frame->width)
              .to(torch::kFloat32);
    return limitedRange ? plane.sub(16.0).div_(219.0).clamp_(0.0, 1.0) : plane.div(255.0);
}

// Person pixels of the left eye and of the right eye moved by `shift`, over the columns both see.
struct Mismatch {
    double differ = 0;
    double person = 0;
    void add(const torch::Tensor& left, const torch::Tensor& right, int shift)
    {
        const int64_t width = left.size(1);
        const int64_t span = width - std::abs(shift);
        const torch::Tensor l = left.narrow(1, shift < 0 ? -shift : 0, span);
        const torch::Tensor r = right.narrow(1, shift > 0 ? shift : 0, span);
        differ += l.logical_xor(r).sum().item<double>();
        person += l.sum().item<double>() + r.sum().item<double>();
    }
    [[nodiscard]] double share() const { return person > 0 ? differ / person : 0.0; }
};

} // namespace

int main(int argc, char* argv[])
{
    setMediaLibraryLogging(false);
    std::string mattePath, truthPath;
    std::optional<int> disparity;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--disparity" && i + 1 < argc) {
            disparity = std::stoi(argv[++i]);
        } else if (mattePath.empty()) {
            mattePath = arg;
        } else {
            truthPath = arg;
        }
    }
    if (mattePath.empty()) {
        std::fprintf(stderr, "usage: roi-measure MATTE [TRUTH] [--disparity D]\n");
        return 1;
    }
    torch::NoGradGuard noGrad;
    FrameReader matteReader(mattePath, 0);
    std::optional<FrameReader> truthReader;
    if (!truthPath.empty()) {
        truthReader.emplace(truthPath, 0);
    }
    std::map<int, Mismatch> own; // the shift search: on the truth, or on the matte without one
    Mismatch matteAt;
    double found = 0, mass = 0, sad = 0;
    std::int64_t frames = 0;
    std::vector<std::pair<torch::Tensor, torch::Tensor>> eyes; // person masks, when the shift is searched
    for (;;) {
        DecodedFrame m = matteReader.next();
        if (!m.frame) {
            break;
        }
        const torch::Tensor matte = planeOf(m.frame.get(), true);
        const int64_t eye = matte.size(1) / 2;
        const torch::Tensor mattePerson = matte.gt(0.5);
        torch::Tensor searched = mattePerson;
        if (truthReader) {
            DecodedFrame t = truthReader->next();
            if (!t.frame) {
                break;
            }
            const torch::Tensor truth = planeOf(t.frame.get(), false);
            found += torch::minimum(matte, truth).sum().item<double>();
            mass += truth.sum().item<double>();
            sad += (matte - truth).abs().sum().item<double>();
            searched = truth.gt(0.5);
        }
        if (!disparity) {
            for (int shift = -kShiftSearch; shift <= kShiftSearch; ++shift) {
                own[shift].add(searched.narrow(1, 0, eye), searched.narrow(1, eye, eye), shift);
            }
        }
        eyes.emplace_back(mattePerson.narrow(1, 0, eye).clone(), mattePerson.narrow(1, eye, eye).clone());
        ++frames;
    }
    int shift = disparity.value_or(0);
    if (!disparity) {
        double best = 2.0;
        for (const auto& [s, counts] : own) {
            if (counts.share() < best) {
                best = counts.share();
                shift = s;
            }
        }
    }
    for (const auto& [left, right] : eyes) {
        matteAt.add(left, right, shift);
    }
    std::printf("%s: %lld frames, disparity %d px: presence mismatch %.1f %%", mattePath.c_str(),
        static_cast<long long>(frames), shift, 100.0 * matteAt.share());
    if (truthReader) {
        std::printf(" (truth's own %.1f %%), recall %.3f, SAD/mass %.3f", 100.0 * own[shift].share(),
            mass > 0 ? found / mass : 0.0, mass > 0 ? sad / mass : 0.0);
    }
    std::printf("\n");
    return 0;
}
