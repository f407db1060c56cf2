#include "media/chunkencoder.h"

#include "media/ffmpegptr.h"
#include "util/error.h"

#include <cstdint>

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

// Quality and speed options in each encoder's own terms.
void configure(AVCodecContext* encoder, const EncoderSettings& settings)
{
    void* priv = encoder->priv_data;
    const std::string& name = settings.encoder;
    if (name == "libx265" || name == "libx264") {
        av_opt_set_int(priv, "crf", settings.crf, 0);
        av_opt_set(priv, "preset", settings.preset.c_str(), 0);
        if (name == "libx265") {
            // Above 4K UHD every picture x265 holds in flight costs 300 MB or more (8192x4096,
            // preset fast, 30 frames: 3.0 GB with a 5-frame lookahead and 2 B-frames, 1.9 GB
            // with the low-memory settings), so the lookahead is kept short there; smaller
            // frames keep x265's defaults.
            const bool huge = isAboveUhd(encoder->width, encoder->height);
            const char* params = !huge ? "log-level=error"
                : settings.lowMemory   ? "log-level=error:rc-lookahead=2:bframes=0:ref=1"
                                       : "log-level=error:rc-lookahead=5:bframes=2";
            av_opt_set(priv, "x265-params", params, 0);
        }
    } else if (name == "hevc_nvenc" || name == "h264_nvenc") {
        // Constant quality: vbr with a cq target and no bitrate cap.
        av_opt_set(priv, "rc", "vbr", 0);
        av_opt_set_int(priv, "cq", settings.crf, 0);
        av_opt_set(priv, "preset", nvencPreset(settings.preset).c_str(), 0);
        encoder->bit_rate = 0;
    } else if (name == "prores_ks") {
        av_opt_set(priv, "profile", "4444", 0);
        av_opt_set_int(priv, "alpha_bits", 16, 0);
        av_opt_set(priv, "vendor", "apl0", 0); // what editors expect of a 4444 file
    } else if (name == "libvpx-vp9") {
        av_opt_set_int(priv, "crf", settings.crf + 11, 0); // VP9's scale runs higher for the same quality
        encoder->bit_rate = 0;
        av_opt_set(priv, "deadline", "good", 0);
        av_opt_set_int(priv, "cpu-used", 4, 0);
        av_opt_set_int(priv, "row-mt", 1, 0);
    }
}

// The encoder of a job's chunks, opened: identical parameters for every chunk are what let
// them join by stream copy.
ff::CodecContextPtr openEncoder(const ChunkFormat& format, const MediaInfo& source,
    const EncoderSettings& settings, const std::string& forWhat)
{
    const AVCodec* codec = avcodec_find_encoder_by_name(settings.encoder.c_str());
    if (!codec) {
        throw Error(ErrorKind::EncoderUnavailable,
            "the encoder " + settings.encoder + " is not in this FFmpeg build, so " + forWhat
                + " cannot be encoded here");
    }
    const auto pixelFormat = static_cast<AVPixelFormat>(format.pixelFormat);
    ff::CodecContextPtr encoder(avcodec_alloc_context3(codec));
    if (!encoder) {
        throw Error(ErrorKind::OutOfMemory, "out of memory opening the encoder " + settings.encoder);
    }
    encoder->width = format.width;
    encoder->height = format.height;
    encoder->pix_fmt = supports(codec, pixelFormat)
        ? pixelFormat
        : avcodec_find_best_pix_fmt_of_list(codec->pix_fmts, pixelFormat, 1, nullptr);
    encoder->time_base = AVRational { source.timeBase.num, source.timeBase.den };
    encoder->framerate = AVRational { source.frameRate.num, source.frameRate.den };
    const bool rgb = ff::isRgbOrGray(pixelFormat);
    // RGB and gray (PNG) are full range by nature; YUV says what the packer wrote.
    encoder->color_range = rgb || format.fullRange ? AVCOL_RANGE_JPEG : AVCOL_RANGE_MPEG;
    encoder->color_primaries = static_cast<AVColorPrimaries>(source.color.primaries);
    encoder->color_trc = static_cast<AVColorTransferCharacteristic>(source.color.transfer);
    encoder->colorspace = rgb ? AVCOL_SPC_RGB : static_cast<AVColorSpace>(source.color.matrix);
    encoder->flags |= AV_CODEC_FLAG_GLOBAL_HEADER; // one parameter set for the whole joined file
    configure(encoder.get(), settings);
    if (int rc = avcodec_open2(encoder.get(), codec, nullptr); rc < 0) {
        const bool hardware = settings.encoder.ends_with("_nvenc");
        throw Error(rc == AVERROR(ENOMEM) ? ErrorKind::OutOfMemory : ErrorKind::EncoderUnavailable,
            "the encoder " + settings.encoder + " does not open on this machine for " + forWhat + " ("
                + ff::errorString(rc) + ")"
                + (hardware ? "; NVENC needs an NVIDIA GPU and driver: resume this job on such a machine, or "
                              "start it again with --encoder libx265"
                            : ""));
    }
    return encoder;
}

} // namespace

struct ChunkEncoder::Impl {
    std::filesystem::path path;
    ff::OutputFormatContextPtr muxer;
    ff::CodecContextPtr encoder;
    ff::SwsContextPtr toEncoder; // only when the encoder takes another pixel format
    AVStream* stream = nullptr;
    ff::PacketPtr packet = ff::makePacket();
    std::int64_t framesWritten = 0;
    bool finished = false;

    void drain();
    [[noreturn]] void fail(const std::string& what, int rc) const
    {
        throw Error(ff::writeErrorKind(rc), what + " " + path.string() + " failed: " + ff::errorString(rc));
    }
};

ChunkEncoder::ChunkEncoder(const std::filesystem::path& path, const ChunkFormat& format,
    const MediaInfo& source, const EncoderSettings& settings)
    : m(std::make_unique<Impl>())
{
    m->path = path;
    const std::string name = path.string();
    m->encoder = openEncoder(format, source, settings, name);
    const auto pixelFormat = static_cast<AVPixelFormat>(format.pixelFormat);
    if (m->encoder->pix_fmt != pixelFormat) {
        m->toEncoder.reset(sws_getContext(format.width, format.height, pixelFormat, format.width,
            format.height, m->encoder->pix_fmt, SWS_POINT, nullptr, nullptr, nullptr));
        if (!m->toEncoder) {
            throw Error(ErrorKind::EncoderUnavailable,
                "cannot encode " + name + ": " + settings.encoder + " takes no pixel format close to "
                    + av_get_pix_fmt_name(pixelFormat));
        }
    }
    AVFormatContext* raw = nullptr;
    int rc = avformat_alloc_output_context2(&raw, nullptr, chunkContainer(settings).c_str(), name.c_str());
    if (rc < 0) {
        m->fail("setting up", rc);
    }
    m->muxer.reset(raw);
    m->stream = avformat_new_stream(m->muxer.get(), nullptr);
    avcodec_parameters_from_context(m->stream->codecpar, m->encoder.get());
    if (settings.encoder == "libvpx-vp9" && m->encoder->pix_fmt == AV_PIX_FMT_YUVA420P) {
        av_dict_set(&m->stream->metadata, "alpha_mode", "1", 0); // Matroska's mark for VP9 with alpha
    }
    m->stream->time_base = m->encoder->time_base;
    if ((rc = avio_open(&m->muxer->pb, name.c_str(), AVIO_FLAG_WRITE)) < 0) {
        m->fail("creating", rc);
    }
    if ((rc = avformat_write_header(m->muxer.get(), nullptr)) < 0) {
        m->fail("writing the header of", rc);
    }
}

ChunkEncoder::~ChunkEncoder() = default;

std::int64_t ChunkEncoder::framesWritten() const
{
    return m->framesWritten;
}

void ChunkEncoder::encode(AVFrame* input, std::int64_t pts)
{
    ff::FramePtr converted;
    AVFrame* frame = input;
    if (m->toEncoder) {
        converted = ff::makeVideoFrame(m->encoder->width, m->encoder->height, m->encoder->pix_fmt);
        sws_scale(m->toEncoder.get(), input->data, input->linesize, 0, input->height, converted->data,
            converted->linesize);
        frame = converted.get();
    }
    frame->pts = pts;
    // A fresh encoder always opens with an IDR frame, so every chunk starts on a key frame.
    if (int rc = avcodec_send_frame(m->encoder.get(), frame); rc < 0) {
        throw Error(rc == AVERROR(ENOMEM) ? ErrorKind::OutOfMemory : ErrorKind::Encode,
            "encoding " + m->path.string() + " failed: " + ff::errorString(rc));
    }
    ++m->framesWritten;
    m->drain();
}

void ChunkEncoder::Impl::drain()
{
    for (;;) {
        int rc = avcodec_receive_packet(encoder.get(), packet.get());
        if (rc == AVERROR(EAGAIN) || rc == AVERROR_EOF) {
            return;
        }
        if (rc < 0) {
            throw Error(rc == AVERROR(ENOMEM) ? ErrorKind::OutOfMemory : ErrorKind::Encode,
                "encoding " + path.string() + " failed: " + ff::errorString(rc));
        }
        packet->stream_index = stream->index;
        av_packet_rescale_ts(packet.get(), encoder->time_base, stream->time_base);
        if ((rc = av_interleaved_write_frame(muxer.get(), packet.get())) < 0) {
            fail("writing", rc);
        }
    }
}

void ChunkEncoder::finish()
{
    if (m->finished) {
        return;
    }
    avcodec_send_frame(m->encoder.get(), nullptr);
    m->drain();
    if (int rc = av_write_trailer(m->muxer.get()); rc < 0) {
        m->fail("writing", rc);
    }
    // avio buffers writes: a full disk may only show when the buffer is flushed and closed.
    if (int rc = avio_closep(&m->muxer->pb); rc < 0) {
        m->fail("closing", rc);
    }
    m->finished = true;
}

void requireEncoderOpens(const ChunkFormat& format, const MediaInfo& source, const EncoderSettings& settings)
{
    openEncoder(format, source, settings, "this job's chunks");
}

} // namespace passthrough
