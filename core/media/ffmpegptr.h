#pragma once

// The one place that wraps libav* types in RAII and hides FFmpeg version differences.
// Private to core: only core's .cpp files (and tests that speak FFmpeg themselves) include it;
// public headers pass frames as media/frame.h's opaque FramePtr.

#include "media/frame.h"
#include "util/error.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <libavutil/frame.h>
#include <libswscale/swscale.h>
}

#include <atomic>
#include <memory>
#include <string>

namespace passthrough::ff {

struct InputFormatDeleter {
    void operator()(AVFormatContext* ctx) const { avformat_close_input(&ctx); }
};
struct OutputFormatDeleter {
    void operator()(AVFormatContext* ctx) const
    {
        if (ctx && ctx->pb && !(ctx->oformat->flags & AVFMT_NOFILE)) {
            avio_closep(&ctx->pb);
        }
        avformat_free_context(ctx);
    }
};
struct CodecContextDeleter {
    void operator()(AVCodecContext* ctx) const { avcodec_free_context(&ctx); }
};
struct PacketDeleter {
    void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
struct SwsDeleter {
    void operator()(SwsContext* ctx) const { sws_freeContext(ctx); }
};

using InputFormatContextPtr = std::unique_ptr<AVFormatContext, InputFormatDeleter>;
using OutputFormatContextPtr = std::unique_ptr<AVFormatContext, OutputFormatDeleter>;
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextDeleter>;
using FramePtr = passthrough::FramePtr;
using PacketPtr = std::unique_ptr<AVPacket, PacketDeleter>;
using SwsContextPtr = std::unique_ptr<SwsContext, SwsDeleter>;

inline FramePtr makeFrame()
{
    return FramePtr(av_frame_alloc());
}
inline PacketPtr makePacket()
{
    return PacketPtr(av_packet_alloc());
}

inline std::string errorString(int code)
{
    char buffer[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, buffer, sizeof buffer);
    return buffer;
}

// DiskFull for "no space" and "quota exceeded", else Io: for errors of muxers and avio writes.
ErrorKind writeErrorKind(int averror);

// A frame of `width` x `height` in `format` with its buffers; throws Error(Encode) when out of
// memory.
FramePtr makeVideoFrame(int width, int height, AVPixelFormat format);

// The bytes a frame's buffers hold (what keeping it in a queue costs).
std::size_t frameBytes(const AVFrame* frame);

// RGB and gray formats are full range by nature and carry no YUV matrix.
bool isRgbOrGray(AVPixelFormat format);

// Opens `path` for demuxing and reads its stream info; throws Error(InputUnusable) naming the file.
// With `cancel`, libavformat checks it while it blocks on I/O (AVIOInterruptCB): a set flag
// ends reading with AVERROR_EXIT, which callers report as Error(Cancelled).
InputFormatContextPtr openInput(const std::string& path, const std::atomic<bool>* cancel = nullptr);

// Stream-level side data moved from AVStream to AVCodecParameters in FFmpeg 6.1.
const std::uint8_t* streamSideData(const AVStream* stream, AVPacketSideDataType type, std::size_t* size);
void copyStreamSideData(const AVStream* from, AVStream* to, AVPacketSideDataType type);

} // namespace passthrough::ff
