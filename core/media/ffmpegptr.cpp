#include "media/ffmpegptr.h"

#include "util/error.h"

extern "C" {
#include <libavutil/pixdesc.h>
}

#include <cstring>

namespace passthrough {

void FrameDeleter::operator()(AVFrame* frame) const
{
    av_frame_free(&frame);
}

} // namespace passthrough

namespace passthrough::ff {
namespace {

int interruptRequested(void* flag)
{
    return static_cast<const std::atomic<bool>*>(flag)->load() ? 1 : 0;
}

} // namespace

ErrorKind writeErrorKind(int averror)
{
    return averror < 0 ? errorKindForErrno(AVUNERROR(averror)) : ErrorKind::Io;
}

FramePtr makeVideoFrame(int width, int height, AVPixelFormat format)
{
    FramePtr frame = makeFrame();
    frame->width = width;
    frame->height = height;
    frame->format = format;
    if (av_frame_get_buffer(frame.get(), 0) < 0) {
        throw Error(ErrorKind::OutOfMemory,
            "out of memory for a " + std::to_string(width) + "x" + std::to_string(height) + " frame");
    }
    return frame;
}

std::size_t frameBytes(const AVFrame* frame)
{
    std::size_t bytes = 0;
    for (const AVBufferRef* buffer : frame->buf) {
        bytes += buffer ? buffer->size : 0;
    }
    return bytes;
}

bool isRgbOrGray(AVPixelFormat format)
{
    const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(format);
    return desc && ((desc->flags & AV_PIX_FMT_FLAG_RGB) || desc->nb_components <= 2);
}

InputFormatContextPtr openInput(const std::string& path, const std::atomic<bool>* cancel)
{
    AVFormatContext* raw = avformat_alloc_context();
    if (!raw) {
        throw Error(ErrorKind::OutOfMemory, "out of memory opening " + path);
    }
    if (cancel) {
        raw->interrupt_callback.callback = interruptRequested;
        raw->interrupt_callback.opaque = const_cast<std::atomic<bool>*>(cancel);
    }
    int rc = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);
    if (rc == AVERROR_EXIT) {
        throw Error(ErrorKind::Cancelled, "reading " + path + " was interrupted");
    }
    if (rc < 0) {
        std::string why = errorString(rc);
        if (rc == AVERROR_INVALIDDATA) {
            why = "not a video file libavformat can read (" + why + ")";
        }
        throw Error(ErrorKind::InputUnusable, "cannot open " + path + ": " + why);
    }
    InputFormatContextPtr ctx(raw);
    rc = avformat_find_stream_info(ctx.get(), nullptr);
    if (rc == AVERROR_EXIT) {
        throw Error(ErrorKind::Cancelled, "reading " + path + " was interrupted");
    }
    if (rc < 0) {
        throw Error(ErrorKind::InputUnusable, "cannot read the streams of " + path + ": " + errorString(rc));
    }
    return ctx;
}

#if LIBAVCODEC_VERSION_INT >= AV_VERSION_INT(60, 31, 100)
const std::uint8_t* streamSideData(const AVStream* stream, AVPacketSideDataType type, std::size_t* size)
{
    const AVPacketSideData* sd = av_packet_side_data_get(
        stream->codecpar->coded_side_data, stream->codecpar->nb_coded_side_data, type);
    if (!sd) {
        return nullptr;
    }
    *size = sd->size;
    return sd->data;
}

void copyStreamSideData(const AVStream* from, AVStream* to, AVPacketSideDataType type)
{
    std::size_t size = 0;
    const std::uint8_t* data = streamSideData(from, type, &size);
    if (!data) {
        return;
    }
    AVPacketSideData* sd = av_packet_side_data_new(
        &to->codecpar->coded_side_data, &to->codecpar->nb_coded_side_data, type, size, 0);
    if (sd) {
        std::memcpy(sd->data, data, size);
    }
}
#else
const std::uint8_t* streamSideData(const AVStream* stream, AVPacketSideDataType type, std::size_t* size)
{
    return av_stream_get_side_data(stream, type, size);
}

void copyStreamSideData(const AVStream* from, AVStream* to, AVPacketSideDataType type)
{
    std::size_t size = 0;
    const std::uint8_t* data = streamSideData(from, type, &size);
    if (!data) {
        return;
    }
    std::uint8_t* copy = av_stream_new_side_data(to, type, size);
    if (copy) {
        std::memcpy(copy, data, size);
    }
}
#endif

} // namespace passthrough::ff
