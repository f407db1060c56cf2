#include "packing/outputencoding.h"

#include "media/ffmpegptr.h"
#include "util/error.h"

#include <algorithm>
#include <map>
#include <mutex>

namespace passthrough {
namespace {

bool isH264(const std::string& name)
{
    return name == "libx264" || name == "h264_nvenc";
}

bool isVideoEncoder(const std::string& name)
{
    const auto& names = videoEncoders();
    return std::find(names.begin(), names.end(), name) != names.end();
}

// The one encoder an alpha export can use, or empty for the video packings.
std::string alphaEncoder(PackingKind packing)
{
    switch (packing) {
    case PackingKind::ProRes4444:
        return "prores_ks";
    case PackingKind::Vp9Alpha:
        return "libvpx-vp9";
    case PackingKind::PngAlpha:
        return "png";
    default:
        return {};
    }
}

bool tryOpen(const std::string& name)
{
    const AVCodec* codec = avcodec_find_encoder_by_name(name.c_str());
    if (!codec) {
        return false;
    }
    ff::CodecContextPtr context(avcodec_alloc_context3(codec));
    context->width = 256;
    context->height = 256;
    context->pix_fmt = AV_PIX_FMT_YUV420P;
    context->time_base = AVRational { 1, 30 };
    context->framerate = AVRational { 30, 1 };
    return avcodec_open2(context.get(), codec, nullptr) >= 0;
}

} // namespace

const std::vector<std::string>& knownEncoders()
{
    static const std::vector<std::string> names { "libx265", "libx264", "hevc_nvenc", "h264_nvenc",
        "prores_ks", "libvpx-vp9", "png" };
    return names;
}

const std::vector<std::string>& videoEncoders()
{
    static const std::vector<std::string> names { "libx265", "libx264", "hevc_nvenc", "h264_nvenc" };
    return names;
}

const std::vector<std::string>& encoderPresets()
{
    static const std::vector<std::string> names { "ultrafast", "superfast", "veryfast", "faster", "fast",
        "medium", "slow", "slower" };
    return names;
}

bool encoderUsable(const std::string& name)
{
    static std::mutex mutex;
    static std::map<std::string, bool> known;
    std::lock_guard lock(mutex);
    if (const auto it = known.find(name); it != known.end()) {
        return it->second;
    }
    // NVENC is compiled into Debian's FFmpeg but only opens with an NVIDIA GPU and driver, so
    // "present" is decided by opening it, never by its name alone. Software encoders are there
    // when FFmpeg has them.
    const bool usable
        = name.ends_with("_nvenc") ? tryOpen(name) : avcodec_find_encoder_by_name(name.c_str()) != nullptr;
    known.emplace(name, usable);
    return usable;
}

EncoderSettings chooseEncoder(
    PackingKind packing, const EncoderRequest& request, int outputWidth, int bitDepth)
{
    EncoderSettings settings;
    settings.crf = request.crf;
    settings.preset = request.preset;
    settings.bitDepth = bitDepth > 8 ? 10 : 8;
    const std::string only = request.imageSequence ? std::string("png") : alphaEncoder(packing);
    if (!only.empty()) {
        if (request.encoder != "auto" && request.encoder != only) {
            throw Error(ErrorKind::Usage,
                "the " + packingName(packing) + " packing is encoded with " + only + ", not "
                    + request.encoder);
        }
        settings.encoder = only;
        return settings;
    }
    if (request.encoder == "auto") {
        settings.encoder = encoderUsable("hevc_nvenc") ? "hevc_nvenc" : "libx265";
        return settings;
    }
    if (!isVideoEncoder(request.encoder)) {
        throw Error(ErrorKind::Usage,
            "unknown encoder '" + request.encoder + "' (auto, libx265, libx264, hevc_nvenc or h264_nvenc)");
    }
    if (isH264(request.encoder) && outputWidth > kMaxH264Width) {
        throw Error(ErrorKind::Usage,
            "H.264 (" + request.encoder + ") is only used up to " + std::to_string(kMaxH264Width)
                + " px wide; this output is " + std::to_string(outputWidth)
                + " px wide, so use libx265 or hevc_nvenc");
    }
    if (isH264(request.encoder) && settings.bitDepth > 8 && request.encoder == "h264_nvenc") {
        throw Error(ErrorKind::Usage, "h264_nvenc cannot keep this 10-bit source at 10 bits; use hevc_nvenc");
    }
    if (!encoderUsable(request.encoder)) {
        throw Error(ErrorKind::Usage,
            "the encoder " + request.encoder
                + " does not open on this machine (NVENC needs an NVIDIA GPU and driver); use auto or "
                  "libx265");
    }
    settings.encoder = request.encoder;
    return settings;
}

int encoderPixelFormat(PackingKind packing, const EncoderSettings& settings)
{
    switch (packing) {
    case PackingKind::ProRes4444:
        return AV_PIX_FMT_YUVA444P10LE;
    case PackingKind::Vp9Alpha:
        return AV_PIX_FMT_YUVA420P;
    case PackingKind::PngAlpha:
        return settings.bitDepth > 8 ? AV_PIX_FMT_RGBA64BE : AV_PIX_FMT_RGBA;
    case PackingKind::Matte:
        if (settings.encoder == "png") {
            return settings.bitDepth > 8 ? AV_PIX_FMT_GRAY16BE : AV_PIX_FMT_GRAY8;
        }
        break;
    default:
        break;
    }
    return settings.bitDepth > 8 ? AV_PIX_FMT_YUV420P10LE : AV_PIX_FMT_YUV420P;
}

} // namespace passthrough
