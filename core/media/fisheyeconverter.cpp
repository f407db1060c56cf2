#include "media/fisheyeconverter.h"

#include "media/ffmpegptr.h"
#include "util/error.h"

extern "C" {
#include <libavfilter/avfilter.h>
#include <libavfilter/buffersink.h>
#include <libavfilter/buffersrc.h>
#include <libavutil/pixdesc.h>
}

#include <algorithm>
#include <cmath>
#include <string>

namespace passthrough {
namespace {

template <typename Sample> void fillRow(uint8_t* row, int from, int to, int value)
{
    auto* samples = reinterpret_cast<Sample*>(row);
    std::fill(samples + from, samples + to, Sample(value));
}

// v360 maps the corners of each fisheye square too (beyond 90 degrees off axis, it repeats the
// edge of the picture); a fisheye 180 frame is black there, which is where the alpha blocks go.
void blackOutsideCircles(AVFrame* frame)
{
    const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(frame->format));
    const bool rgb = desc->flags & AV_PIX_FMT_FLAG_RGB;
    const int depth = desc->comp[0].depth;
    const bool wide = depth > 8;
    const int eye = frame->width / 2;
    for (int plane = 0; plane < desc->nb_components && plane < 4; ++plane) {
        const bool chroma = !rgb && (plane == 1 || plane == 2);
        const int sx = chroma ? desc->log2_chroma_w : 0;
        const int sy = chroma ? desc->log2_chroma_h : 0;
        const int value
            = rgb || plane == 3 ? (plane == 3 ? (1 << depth) - 1 : 0) : (chroma ? 128 : 16) << (depth - 8);
        const int rows = AV_CEIL_RSHIFT(frame->height, sy);
        const int eyeColumns = AV_CEIL_RSHIFT(eye, sx);
        const double radius = eye / 2.0;
        for (int y = 0; y < rows; ++y) {
            const double dy = (y << sy) + 0.5 * (1 << sy) - frame->height / 2.0;
            const double half = dy * dy < radius * radius ? std::sqrt(radius * radius - dy * dy) : 0.0;
            // Samples whose centre lies outside the circle, on both sides of each eye.
            const int inFrom = std::clamp(int(std::ceil((radius - half) / (1 << sx) - 0.5)), 0, eyeColumns);
            const int inTo
                = std::clamp(int(std::floor((radius + half) / (1 << sx) - 0.5)) + 1, inFrom, eyeColumns);
            uint8_t* row = frame->data[plane] + std::ptrdiff_t(y) * frame->linesize[plane];
            for (int e = 0; e < 2; ++e) {
                const int base = e * eyeColumns;
                if (wide) {
                    fillRow<uint16_t>(row, base, base + inFrom, value);
                    fillRow<uint16_t>(row, base + inTo, base + eyeColumns, value);
                } else {
                    fillRow<uint8_t>(row, base, base + inFrom, value);
                    fillRow<uint8_t>(row, base + inTo, base + eyeColumns, value);
                }
            }
        }
    }
}

} // namespace

struct FisheyeConverter::Graph {
    AVFilterGraph* graph = nullptr;
    AVFilterContext* source = nullptr;
    AVFilterContext* sink = nullptr;
    ~Graph() { avfilter_graph_free(&graph); }
};

const char* FisheyeConverter::filterDescription()
{
    // hequirect = one eye's 180 x 180 half-equirectangular picture; both eyes side by side in
    // and out. Equidistant fisheye 180 fills each eye's inscribed circle.
    return "v360=input=hequirect:output=fisheye:in_stereo=sbs:out_stereo=sbs:h_fov=180:v_fov=180:interp="
           "cubic";
}

FisheyeConverter::FisheyeConverter(int width, int height, int pixelFormat)
    : m_graph(std::make_unique<Graph>())
{
    const auto format = static_cast<AVPixelFormat>(pixelFormat);
    auto fail = [&](const std::string& what, int rc) {
        return Error(ErrorKind::Decode,
            "cannot convert equirect to fisheye: " + what + " (" + ff::errorString(rc) + ")");
    };
    m_graph->graph = avfilter_graph_alloc();
    const std::string args = "video_size=" + std::to_string(width) + "x" + std::to_string(height)
        + ":pix_fmt=" + std::to_string(int(format)) + ":time_base=1/1:pixel_aspect=1/1";
    int rc = avfilter_graph_create_filter(
        &m_graph->source, avfilter_get_by_name("buffer"), "in", args.c_str(), nullptr, m_graph->graph);
    if (rc < 0) {
        throw fail("buffer source", rc);
    }
    rc = avfilter_graph_create_filter(
        &m_graph->sink, avfilter_get_by_name("buffersink"), "out", nullptr, nullptr, m_graph->graph);
    if (rc < 0) {
        throw fail("buffer sink", rc);
    }
    // With out_stereo=sbs, v360's w is one eye's width.
    const std::string chain = std::string(filterDescription()) + ":w=" + std::to_string(width / 2)
        + ":h=" + std::to_string(height) + ",format=" + av_get_pix_fmt_name(format);
    AVFilterInOut* outputs = avfilter_inout_alloc();
    AVFilterInOut* inputs = avfilter_inout_alloc();
    outputs->name = av_strdup("in");
    outputs->filter_ctx = m_graph->source;
    inputs->name = av_strdup("out");
    inputs->filter_ctx = m_graph->sink;
    rc = avfilter_graph_parse_ptr(m_graph->graph, chain.c_str(), &inputs, &outputs, nullptr);
    avfilter_inout_free(&inputs);
    avfilter_inout_free(&outputs);
    if (rc < 0 || (rc = avfilter_graph_config(m_graph->graph, nullptr)) < 0) {
        throw fail("the v360 filter", rc);
    }
}

FisheyeConverter::~FisheyeConverter() = default;

ff::FramePtr FisheyeConverter::convert(const AVFrame* frame)
{
    ff::FramePtr input = ff::makeFrame();
    av_frame_ref(input.get(), frame);
    const std::int64_t pts = frame->pts;
    int rc = av_buffersrc_add_frame_flags(m_graph->source, input.get(), AV_BUFFERSRC_FLAG_KEEP_REF);
    if (rc < 0) {
        throw Error(ErrorKind::Decode, "cannot convert equirect to fisheye (" + ff::errorString(rc) + ")");
    }
    ff::FramePtr output = ff::makeFrame();
    if ((rc = av_buffersink_get_frame(m_graph->sink, output.get())) < 0) {
        throw Error(ErrorKind::Decode, "cannot convert equirect to fisheye (" + ff::errorString(rc) + ")");
    }
    output->pts = pts;
    if (av_frame_make_writable(output.get()) < 0) {
        throw Error(ErrorKind::Decode, "out of memory converting equirect to fisheye");
    }
    blackOutsideCircles(output.get());
    return output;
}

FramePtr LayoutConversion::operator()(FramePtr frame)
{
    if (!m_needed) {
        return frame;
    }
    if (!m_converter) {
        m_converter = std::make_unique<FisheyeConverter>(frame->width, frame->height, frame->format);
    }
    return m_converter->convert(frame.get());
}

} // namespace passthrough
