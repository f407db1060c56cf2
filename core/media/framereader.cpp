#include "media/framereader.h"

#include "media/ffmpegptr.h"
#include "media/hwdecode.h"
#include "media/mediainfo.h"
#include "util/error.h"

#include <algorithm>
#include <thread>
#include <utility>

namespace passthrough {

struct FrameReader::Impl {
    std::string path;
    ff::InputFormatContextPtr format;
    AVStream* stream = nullptr;
    ff::CodecContextPtr decoder;
    ff::PacketPtr packet = ff::makePacket();
    DecodedFrame pending; // a frame read ahead by seek()
    bool flushed = false;
    bool packetHeld = false; // `packet` was refused with EAGAIN and waits to be sent again
    bool fresh = true; // nothing read since open
    int consecutiveErrors = 0;
    std::string lastError;
    std::string decoding; // what decodes, in words
    int hwFormat = AV_PIX_FMT_NONE; // frames in this format live in hardware memory

    void seekContainer(std::int64_t pts);
    DecodedFrame decodeNext();
    void noteError(const std::string& what);
};

FrameReader::FrameReader(const std::string& path, int videoStreamIndex)
    : m(std::make_unique<Impl>())
{
    m->path = path;
    m->format = ff::openInput(path);
    if (videoStreamIndex < 0 || videoStreamIndex >= int(m->format->nb_streams)) {
        throw Error(
            ErrorKind::InputUnusable, path + " has no video stream " + std::to_string(videoStreamIndex));
    }
    m->stream = m->format->streams[videoStreamIndex];
    for (unsigned i = 0; i < m->format->nb_streams; ++i) {
        m->format->streams[i]->discard = int(i) == videoStreamIndex ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    }
    const AVCodec* codec = avcodec_find_decoder(m->stream->codecpar->codec_id);
    m->decoder.reset(avcodec_alloc_context3(codec));
    if (!codec || !m->decoder || avcodec_parameters_to_context(m->decoder.get(), m->stream->codecpar) < 0) {
        throw Error(ErrorKind::InputUnusable, "cannot decode the video of " + path);
    }
    m->decoder->pkt_timebase = m->stream->time_base;
    // Let the decoder conceal damage but flag every frame it had to conceal, so that exactly the
    // segments holding damaged frames fail (AV_EF_EXPLODE would instead drop the frames still in
    // the reorder buffer, failing the previous segment too).
    m->decoder->err_recognition |= AV_EF_CRCCHECK;
    m->decoder->flags2 |= AV_CODEC_FLAG2_SHOW_ALL; // corrupt frames are returned (and flagged), not skipped
    m->decoder->thread_count = int(std::min(8u, std::max(1u, std::thread::hardware_concurrency())));
    // Frame threading holds one whole picture per thread (50 MB each at 8192x4096, 8-bit).
    // Above 4K UHD slice threading, which holds none, is used: 8192x4096 HEVC still decodes at
    // 9.7 frames/s on 2 cores that way, 30 times the pace of the whole job on the CPU.
    if (isAboveUhd(m->stream->codecpar->width, m->stream->codecpar->height)) {
        m->decoder->thread_type = FF_THREAD_SLICE;
    }
    m->decoding = attachHardwareDecoder(m->decoder.get(), codec, m->hwFormat);
    if (int rc = avcodec_open2(m->decoder.get(), codec, nullptr); rc < 0) {
        throw Error(
            ErrorKind::InputUnusable, "cannot open the decoder for " + path + ": " + ff::errorString(rc));
    }
}

FrameReader::~FrameReader() = default;

std::string FrameReader::lastDecodeError() const
{
    return m->lastError;
}

const std::string& FrameReader::decoding() const
{
    return m->decoding;
}

const std::string& FrameReader::path() const
{
    return m->path;
}

int FrameReader::timeBaseNum() const
{
    return m->stream->time_base.num;
}

int FrameReader::timeBaseDen() const
{
    return m->stream->time_base.den;
}

void FrameReader::Impl::seekContainer(std::int64_t pts)
{
    int rc = avformat_seek_file(format.get(), stream->index, INT64_MIN, pts, pts, 0);
    if (rc < 0) {
        rc = av_seek_frame(format.get(), stream->index, pts, AVSEEK_FLAG_BACKWARD);
    }
    if (rc < 0) {
        throw Error(ErrorKind::Decode, "cannot seek in " + path + ": " + ff::errorString(rc));
    }
    avcodec_flush_buffers(decoder.get());
    av_packet_unref(packet.get());
    packetHeld = false;
    flushed = false;
    pending = {};
}

void FrameReader::seek(std::int64_t target)
{
    const std::int64_t streamStart = m->stream->start_time != AV_NOPTS_VALUE ? m->stream->start_time : 0;
    if (m->fresh && target <= streamStart) {
        return; // decoding from the start needs no seek
    }
    // Container indexes list keyframes by dts (mp4) or pts (mkv), and an open GOP can hide the
    // frames just before a keyframe: seek, look at the first frame, and step back until the
    // first decoded frame is at or before the target.
    const std::int64_t oneSecond
        = std::max<std::int64_t>(1, av_rescale_q(1, AVRational { 1, 1 }, m->stream->time_base));
    std::int64_t margin = 0;
    for (;;) {
        const std::int64_t seekTo = target - margin;
        m->seekContainer(seekTo);
        m->fresh = false;
        DecodedFrame first = m->decodeNext();
        if (!first.frame || first.pts <= target || seekTo <= streamStart) {
            while (first.frame && first.pts < target) {
                first = m->decodeNext();
            }
            m->pending = std::move(first);
            return;
        }
        margin = margin == 0 ? oneSecond : margin * 2;
    }
}

DecodedFrame FrameReader::next()
{
    m->fresh = false;
    if (m->pending.frame) {
        return std::exchange(m->pending, DecodedFrame {});
    }
    return m->decodeNext();
}

void FrameReader::Impl::noteError(const std::string& what)
{
    lastError = what;
    if (++consecutiveErrors >= kMaxConsecutiveErrors) {
        throw Error(ErrorKind::Decode,
            "cannot decode " + path + ": the decoder failed " + std::to_string(consecutiveErrors)
                + " times in a row without a picture (" + what + ")");
    }
}

DecodedFrame FrameReader::Impl::decodeNext()
{
    ff::FramePtr frame = ff::makeFrame();
    for (;;) {
        int rc = avcodec_receive_frame(decoder.get(), frame.get());
        if (rc == 0) {
            consecutiveErrors = 0;
            if (frame->format == hwFormat) {
                downloadHardwareFrame(frame.get());
            }
            DecodedFrame out;
            out.pts
                = frame->best_effort_timestamp != AV_NOPTS_VALUE ? frame->best_effort_timestamp : frame->pts;
            out.damaged = frame->decode_error_flags != 0 || (frame->flags & AV_FRAME_FLAG_CORRUPT);
            out.frame = std::move(frame);
            return out;
        }
        if (rc == AVERROR_EOF) {
            return {};
        }
        if (rc != AVERROR(EAGAIN)) {
            // A decoding error: note it and feed the next packet rather than asking the same
            // decoder again, which may repeat the error forever.
            noteError(ff::errorString(rc));
            if (flushed) {
                continue; // draining: the decoder may still hold frames
            }
        } else if (flushed) {
            return {};
        }
        if (!packetHeld) {
            rc = av_read_frame(format.get(), packet.get());
            if (rc < 0) {
                if (rc != AVERROR_EOF) {
                    lastError = "reading " + path + " failed: " + ff::errorString(rc);
                }
                avcodec_send_packet(decoder.get(), nullptr);
                flushed = true;
                continue;
            }
            if (packet->stream_index != stream->index) {
                av_packet_unref(packet.get());
                continue;
            }
        }
        rc = avcodec_send_packet(decoder.get(), packet.get());
        // EAGAIN: the decoder wants frames taken out first; the packet is sent again after that.
        packetHeld = rc == AVERROR(EAGAIN);
        if (rc < 0 && !packetHeld) {
            noteError(ff::errorString(rc));
        }
        if (!packetHeld) {
            av_packet_unref(packet.get());
        }
    }
}

} // namespace passthrough
