#include "media/chunkencoder.h"

#include "util/error.h"

extern "C" {
#include <libavutil/opt.h>
#include <libavutil/pixdesc.h>
}

namespace passthrough {
namespace {

bool supports(const AVCodec* codec, AVPixelFormat format)
{
    for (const AVPixelFormat* f = codec->pix_fmts; f && *f != AV_PIX_FMT_NONE; ++f) {
        if (*f == format) {
            return true;
        }
    }
    return codec->pix_fmts == nullptr;
}

// NVENC speaks p1 (fastest) .. p7 (best); map the x264/x265 preset names onto it.
std::string nvencPreset(const std::string& preset)
{
    if (preset.starts_with("p") && preset.size() == 2) {
        return preset;
    }
    if (preset == "ultrafast" || preset == "superfast") {
        return "p1";
    }
    if (preset == "veryfast" || preset == "faster") {
        return "p2";
    }
    if (preset == "fast") {
        return "p3";
    }
    if (preset == "medium") {
        return "p4";
    }
    if (preset == "slow") {
        return "p5";
    }
    return preset == "slower" ? "p6" : "p7";
}

} // namespace

ChunkEncoder::ChunkEncoder(const std::filesystem::path& path, int width, int height, AVPixelFormat format,
    const MediaInfo& source, const EncoderSettings& settings)
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
    int rc = avformat_alloc_output_context2(&raw, nullptr, chunkContainer(settings).c_str(), name.c_str());
    if (rc < 0) {
        throw fail("no muxer", rc);
    }
    m_muxer.reset(raw);

    m_encoder.reset(avcodec_alloc_context3(codec));
    m_encoder->width = width;
    m_encoder->height = height;
    m_encoder->pix_fmt = supports(codec, format)
        ? format
        : avcodec_find_best_pix_fmt_of_list(codec->pix_fmts, format, 1, nullptr);
    if (m_encoder->pix_fmt != format) {
        m_toEncoder.reset(sws_getContext(
            width, height, format, width, height, m_encoder->pix_fmt, SWS_POINT, nullptr, nullptr, nullptr));
        if (!m_toEncoder) {
            throw Error(ErrorKind::Encode,
                "cannot encode " + name + ": " + settings.encoder + " takes no pixel format close to "
                    + av_get_pix_fmt_name(format));
        }
    }
    m_encoder->time_base = AVRational { source.timeBase.num, source.timeBase.den };
    m_encoder->framerate = AVRational { source.frameRate.num, source.frameRate.den };
    const bool rgb = ff::isRgbOrGray(format);
    // YUV is always written limited range; RGB and gray (PNG) are full range by nature.
    m_encoder->color_range = rgb ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG;
    m_encoder->color_primaries = static_cast<AVColorPrimaries>(source.color.primaries);
    m_encoder->color_trc = static_cast<AVColorTransferCharacteristic>(source.color.transfer);
    m_encoder->colorspace = rgb ? AVCOL_SPC_RGB : static_cast<AVColorSpace>(source.color.matrix);
    m_encoder->flags |= AV_CODEC_FLAG_GLOBAL_HEADER; // one parameter set for the whole joined file
    configure(settings);
    if ((rc = avcodec_open2(m_encoder.get(), codec, nullptr)) < 0) {
        throw fail("the encoder " + settings.encoder + " refused the settings", rc);
    }
    m_stream = avformat_new_stream(m_muxer.get(), nullptr);
    avcodec_parameters_from_context(m_stream->codecpar, m_encoder.get());
    if (settings.encoder == "libvpx-vp9" && m_encoder->pix_fmt == AV_PIX_FMT_YUVA420P) {
        av_dict_set(&m_stream->metadata, "alpha_mode", "1", 0); // Matroska's mark for VP9 with alpha
    }
    m_stream->time_base = m_encoder->time_base;
    if ((rc = avio_open(&m_muxer->pb, name.c_str(), AVIO_FLAG_WRITE)) < 0) {
        throw fail("cannot create the file", rc);
    }
    if ((rc = avformat_write_header(m_muxer.get(), nullptr)) < 0) {
        throw fail("cannot write the header", rc);
    }
}

ChunkEncoder::~ChunkEncoder() = default;

// Quality and speed options in each encoder's own terms.
void ChunkEncoder::configure(const EncoderSettings& settings)
{
    void* priv = m_encoder->priv_data;
    const std::string& name = settings.encoder;
    if (name == "libx265" || name == "libx264") {
        av_opt_set_int(priv, "crf", settings.crf, 0);
        av_opt_set(priv, "preset", settings.preset.c_str(), 0);
        if (name == "libx265") {
            av_opt_set(priv, "x265-params", "log-level=error", 0);
        }
    } else if (name == "hevc_nvenc" || name == "h264_nvenc") {
        // Constant quality: vbr with a cq target and no bitrate cap.
        av_opt_set(priv, "rc", "vbr", 0);
        av_opt_set_int(priv, "cq", settings.crf, 0);
        av_opt_set(priv, "preset", nvencPreset(settings.preset).c_str(), 0);
        m_encoder->bit_rate = 0;
    } else if (name == "prores_ks") {
        av_opt_set(priv, "profile", "4444", 0);
        av_opt_set_int(priv, "alpha_bits", 16, 0);
        av_opt_set(priv, "vendor", "apl0", 0); // what editors expect of a 4444 file
    } else if (name == "libvpx-vp9") {
        av_opt_set_int(priv, "crf", settings.crf + 11, 0); // VP9's scale runs higher for the same quality
        m_encoder->bit_rate = 0;
        av_opt_set(priv, "deadline", "good", 0);
        av_opt_set_int(priv, "cpu-used", 4, 0);
        av_opt_set_int(priv, "row-mt", 1, 0);
    }
}

void ChunkEncoder::encode(AVFrame* input, std::int64_t pts)
{
    ff::FramePtr converted;
    AVFrame* frame = input;
    if (m_toEncoder) {
        converted = ff::makeVideoFrame(m_encoder->width, m_encoder->height, m_encoder->pix_fmt);
        sws_scale(m_toEncoder.get(), input->data, input->linesize, 0, input->height, converted->data,
            converted->linesize);
        frame = converted.get();
    }
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
