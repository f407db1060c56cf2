#include "media/chunkencoder.h"

#include "util/error.h"

extern "C" {
#include <libavutil/opt.h>
}

namespace passthrough {
namespace {

AVPixelFormat encoderPixelFormat(int bitDepth)
{
    return bitDepth > 8 ? AV_PIX_FMT_YUV420P10LE : AV_PIX_FMT_YUV420P;
}

} // namespace

ChunkEncoder::ChunkEncoder(const std::filesystem::path& path, int width, int height, const MediaInfo& source,
    const EncoderSettings& settings)
    : m_path(path)
    , m_packet(ff::makePacket())
{
    const std::string name = path.string();
    auto fail = [&](const std::string& what, int rc) {
        return Error(
            ErrorKind::Encode, "cannot encode " + name + ": " + what + " (" + ff::errorString(rc) + ")");
    };
    const AVCodec* codec = avcodec_find_encoder_by_name(settings.encoder.c_str());
    if (!codec) {
        throw Error(
            ErrorKind::Encode, "the encoder " + settings.encoder + " is not available in this FFmpeg build");
    }
    AVFormatContext* raw = nullptr;
    int rc = avformat_alloc_output_context2(&raw, nullptr, "nut", name.c_str());
    if (rc < 0) {
        throw fail("no muxer", rc);
    }
    m_muxer.reset(raw);

    m_encoder.reset(avcodec_alloc_context3(codec));
    m_encoder->width = width;
    m_encoder->height = height;
    m_encoder->pix_fmt = encoderPixelFormat(settings.bitDepth);
    m_encoder->time_base = AVRational { source.timeBase.num, source.timeBase.den };
    m_encoder->framerate = AVRational { source.frameRate.num, source.frameRate.den };
    m_encoder->color_range = AVCOL_RANGE_MPEG; // we always write limited-range YUV
    m_encoder->color_primaries = static_cast<AVColorPrimaries>(source.color.primaries);
    m_encoder->color_trc = static_cast<AVColorTransferCharacteristic>(source.color.transfer);
    m_encoder->colorspace = static_cast<AVColorSpace>(source.color.matrix);
    m_encoder->flags |= AV_CODEC_FLAG_GLOBAL_HEADER; // one parameter set for the whole joined file
    av_opt_set_int(m_encoder->priv_data, "crf", settings.crf, 0);
    av_opt_set(m_encoder->priv_data, "preset", settings.preset.c_str(), 0);
    if (settings.encoder == "libx265") {
        av_opt_set(m_encoder->priv_data, "x265-params", "log-level=error", 0);
    }
    if ((rc = avcodec_open2(m_encoder.get(), codec, nullptr)) < 0) {
        throw fail("the encoder " + settings.encoder + " refused the settings", rc);
    }
    m_stream = avformat_new_stream(m_muxer.get(), nullptr);
    avcodec_parameters_from_context(m_stream->codecpar, m_encoder.get());
    m_stream->time_base = m_encoder->time_base;
    if ((rc = avio_open(&m_muxer->pb, name.c_str(), AVIO_FLAG_WRITE)) < 0) {
        throw fail("cannot create the file", rc);
    }
    if ((rc = avformat_write_header(m_muxer.get(), nullptr)) < 0) {
        throw fail("cannot write the header", rc);
    }
}

ChunkEncoder::~ChunkEncoder() = default;

void ChunkEncoder::encode(AVFrame* frame, std::int64_t pts)
{
    frame->pts = pts;
    // A fresh encoder always opens with an IDR frame, so every chunk starts on a key frame.
    if (int rc = avcodec_send_frame(m_encoder.get(), frame); rc < 0) {
        throw Error(ErrorKind::Encode, "encoding " + m_path.string() + " failed: " + ff::errorString(rc));
    }
    ++m_framesWritten;
    drain();
}

void ChunkEncoder::drain()
{
    for (;;) {
        int rc = avcodec_receive_packet(m_encoder.get(), m_packet.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) {
            return;
        }
        if (rc < 0) {
            throw Error(ErrorKind::Encode, "encoding " + m_path.string() + " failed: " + ff::errorString(rc));
        }
        m_packet->stream_index = m_stream->index;
        av_packet_rescale_ts(m_packet.get(), m_encoder->time_base, m_stream->time_base);
        if ((rc = av_interleaved_write_frame(m_muxer.get(), m_packet.get())) < 0) {
            throw Error(ErrorKind::Io, "writing " + m_path.string() + " failed: " + ff::errorString(rc));
        }
    }
}

void ChunkEncoder::finish()
{
    if (m_finished) {
        return;
    }
    avcodec_send_frame(m_encoder.get(), nullptr);
    drain();
    if (int rc = av_write_trailer(m_muxer.get()); rc < 0) {
        throw Error(ErrorKind::Io, "writing " + m_path.string() + " failed: " + ff::errorString(rc));
    }
    if (int rc = avio_closep(&m_muxer->pb); rc < 0) {
        throw Error(ErrorKind::Io, "closing " + m_path.string() + " failed: " + ff::errorString(rc));
    }
    m_finished = true;
}

} // namespace passthrough
