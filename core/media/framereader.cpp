#include "media/framereader.h"

#include "util/error.h"

#include <algorithm>
#include <thread>
#include <utility>

namespace passthrough {

FrameReader::FrameReader(const std::string& path, int videoStreamIndex)
    : m_path(path)
    , m_format(ff::openInput(path))
    , m_packet(ff::makePacket())
{
    if (videoStreamIndex < 0 || videoStreamIndex >= int(m_format->nb_streams)) {
        throw Error(
            ErrorKind::InputUnusable, path + " has no video stream " + std::to_string(videoStreamIndex));
    }
    m_stream = m_format->streams[videoStreamIndex];
    for (unsigned i = 0; i < m_format->nb_streams; ++i) {
        m_format->streams[i]->discard = int(i) == videoStreamIndex ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
    }
    const AVCodec* codec = avcodec_find_decoder(m_stream->codecpar->codec_id);
    m_decoder.reset(avcodec_alloc_context3(codec));
    if (!codec || !m_decoder || avcodec_parameters_to_context(m_decoder.get(), m_stream->codecpar) < 0) {
        throw Error(ErrorKind::InputUnusable, "cannot decode the video of " + path);
    }
    m_decoder->pkt_timebase = m_stream->time_base;
    // Let the decoder conceal damage but flag every frame it had to conceal, so that exactly the
    // segments holding damaged frames fail (AV_EF_EXPLODE would instead drop the frames still in
    // the reorder buffer, failing the previous segment too).
    m_decoder->err_recognition |= AV_EF_CRCCHECK;
    m_decoder->flags2 |= AV_CODEC_FLAG2_SHOW_ALL; // corrupt frames are returned (and flagged), not skipped
    m_decoder->thread_count = int(std::min(8u, std::max(1u, std::thread::hardware_concurrency())));
    if (int rc = avcodec_open2(m_decoder.get(), codec, nullptr); rc < 0) {
        throw Error(
            ErrorKind::InputUnusable, "cannot open the decoder for " + path + ": " + ff::errorString(rc));
    }
}

void FrameReader::seekContainer(std::int64_t pts)
{
    int rc = avformat_seek_file(m_format.get(), m_stream->index, INT64_MIN, pts, pts, 0);
    if (rc < 0) {
        rc = av_seek_frame(m_format.get(), m_stream->index, pts, AVSEEK_FLAG_BACKWARD);
    }
    if (rc < 0) {
        throw Error(ErrorKind::Decode, "cannot seek in " + m_path + ": " + ff::errorString(rc));
    }
    avcodec_flush_buffers(m_decoder.get());
    m_flushed = false;
    m_pending = {};
}

void FrameReader::seek(std::int64_t target)
{
    const std::int64_t streamStart = m_stream->start_time != AV_NOPTS_VALUE ? m_stream->start_time : 0;
    if (m_fresh && target <= streamStart) {
        return; // decoding from the start needs no seek
    }
    // Container indexes list keyframes by dts (mp4) or pts (mkv), and an open GOP can hide the
    // frames just before a keyframe: seek, look at the first frame, and step back until the
    // first decoded frame is at or before the target.
    const std::int64_t oneSecond
        = std::max<std::int64_t>(1, av_rescale_q(1, AVRational { 1, 1 }, m_stream->time_base));
    std::int64_t margin = 0;
    for (;;) {
        const std::int64_t seekTo = target - margin;
        seekContainer(seekTo);
        m_fresh = false;
        DecodedFrame first = decodeNext();
        if (!first.frame || first.pts <= target || seekTo <= streamStart) {
            while (first.frame && first.pts < target) {
                first = decodeNext();
            }
            m_pending = std::move(first);
            return;
        }
        margin = margin == 0 ? oneSecond : margin * 2;
    }
}

DecodedFrame FrameReader::next()
{
    m_fresh = false;
    if (m_pending.frame) {
        return std::exchange(m_pending, DecodedFrame {});
    }
    return decodeNext();
}

DecodedFrame FrameReader::decodeNext()
{
    ff::FramePtr frame = ff::makeFrame();
    for (;;) {
        int rc = avcodec_receive_frame(m_decoder.get(), frame.get());
        if (rc == 0) {
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
            m_lastError = ff::errorString(rc);
            continue;
        }
        if (m_flushed) {
            return {};
        }
        rc = av_read_frame(m_format.get(), m_packet.get());
        if (rc < 0) {
            if (rc != AVERROR_EOF) {
                m_lastError = "reading " + m_path + " failed: " + ff::errorString(rc);
            }
            avcodec_send_packet(m_decoder.get(), nullptr);
            m_flushed = true;
            continue;
        }
        if (m_packet->stream_index == m_stream->index) {
            rc = avcodec_send_packet(m_decoder.get(), m_packet.get());
            if (rc < 0 && rc != AVERROR(EAGAIN)) {
                m_lastError = ff::errorString(rc);
            }
        }
        av_packet_unref(m_packet.get());
    }
}

} // namespace passthrough
