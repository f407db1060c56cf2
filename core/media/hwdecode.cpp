#include "media/hwdecode.h"

#include "media/ffmpegptr.h"
#include "util/error.h"

extern "C" {
#include <libavutil/hwcontext.h>
#include <libavutil/pixdesc.h>
}

#include <map>
#include <mutex>
#include <vector>

namespace passthrough {
namespace {

struct DeviceCache {
    std::mutex mutex;
    std::string request = "auto";
    // Device type -> the opened device (null when it failed to open), opened once per process:
    // every segment and preview opens a decoder, and probing CUDA or VAAPI is not free.
    std::map<AVHWDeviceType, AVBufferRef*> devices;
    std::map<AVHWDeviceType, std::string> failures;
};

DeviceCache& cache()
{
    static DeviceCache instance;
    return instance;
}

// The device types "auto" tries, best first, among those this FFmpeg was built with.
std::vector<AVHWDeviceType> autoOrder()
{
    std::vector<AVHWDeviceType> order;
    for (const AVHWDeviceType type : { AV_HWDEVICE_TYPE_CUDA, AV_HWDEVICE_TYPE_D3D11VA,
             AV_HWDEVICE_TYPE_VAAPI, AV_HWDEVICE_TYPE_VIDEOTOOLBOX }) {
        for (AVHWDeviceType built = av_hwdevice_iterate_types(AV_HWDEVICE_TYPE_NONE);
             built != AV_HWDEVICE_TYPE_NONE; built = av_hwdevice_iterate_types(built)) {
            if (built == type) {
                order.push_back(type);
            }
        }
    }
    return order;
}

// The codec's pixel format for hardware frames of `type`, or NONE when it cannot decode there.
AVPixelFormat hardwareFormat(const AVCodec* codec, AVHWDeviceType type)
{
    for (int i = 0;; ++i) {
        const AVCodecHWConfig* config = avcodec_get_hw_config(codec, i);
        if (!config) {
            return AV_PIX_FMT_NONE;
        }
        if ((config->methods & AV_CODEC_HW_CONFIG_METHOD_HW_DEVICE_CTX) && config->device_type == type) {
            return config->pix_fmt;
        }
    }
}

// Called under the cache's lock.
AVBufferRef* device(DeviceCache& c, AVHWDeviceType type)
{
    if (const auto found = c.devices.find(type); found != c.devices.end()) {
        return found->second;
    }
    AVBufferRef* created = nullptr;
    const int rc = av_hwdevice_ctx_create(&created, type, nullptr, nullptr, 0);
    if (rc < 0) {
        c.failures[type] = ff::errorString(rc);
        created = nullptr;
    }
    c.devices[type] = created; // kept for the life of the process
    return created;
}

AVPixelFormat pickFormat(AVCodecContext* decoder, const AVPixelFormat* offered)
{
    const auto wanted = static_cast<AVPixelFormat>(reinterpret_cast<std::intptr_t>(decoder->opaque));
    for (const AVPixelFormat* f = offered; *f != AV_PIX_FMT_NONE; ++f) {
        if (*f == wanted) {
            return *f;
        }
    }
    // The stream's profile or size is beyond the hardware: the first software format.
    for (const AVPixelFormat* f = offered; *f != AV_PIX_FMT_NONE; ++f) {
        const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(*f);
        if (desc && !(desc->flags & AV_PIX_FMT_FLAG_HWACCEL)) {
            return *f;
        }
    }
    return AV_PIX_FMT_NONE;
}

} // namespace

void setHardwareDecoding(const std::string& request)
{
    if (request != "auto" && request != "none"
        && av_hwdevice_find_type_by_name(request.c_str()) == AV_HWDEVICE_TYPE_NONE) {
        std::string known;
        for (AVHWDeviceType t = av_hwdevice_iterate_types(AV_HWDEVICE_TYPE_NONE); t != AV_HWDEVICE_TYPE_NONE;
             t = av_hwdevice_iterate_types(t)) {
            known += std::string(", ") + av_hwdevice_get_type_name(t);
        }
        throw Error(ErrorKind::Usage,
            "--hwdec takes auto, none or a device type this FFmpeg knows"
                + (known.empty() ? std::string() : " (" + known.substr(2) + ")") + ", not \"" + request
                + "\"");
    }
    DeviceCache& c = cache();
    std::lock_guard lock(c.mutex);
    c.request = request;
}

std::string hardwareDecoding()
{
    DeviceCache& c = cache();
    std::lock_guard lock(c.mutex);
    return c.request;
}

std::string attachHardwareDecoder(AVCodecContext* decoder, const AVCodec* codec, int& hwFormat)
{
    hwFormat = AV_PIX_FMT_NONE;
    DeviceCache& c = cache();
    std::lock_guard lock(c.mutex);
    if (c.request == "none") {
        return "software";
    }
    const std::vector<AVHWDeviceType> candidates = c.request == "auto"
        ? autoOrder()
        : std::vector { av_hwdevice_find_type_by_name(c.request.c_str()) };
    std::string why;
    for (const AVHWDeviceType type : candidates) {
        const std::string name = av_hwdevice_get_type_name(type);
        const AVPixelFormat format = hardwareFormat(codec, type);
        if (format == AV_PIX_FMT_NONE) {
            why += (why.empty() ? "" : "; ") + name + ": " + codec->name + " has no decoder there";
            continue;
        }
        AVBufferRef* opened = device(c, type);
        if (!opened) {
            why += (why.empty() ? "" : "; ") + name + ": " + c.failures[type];
            continue;
        }
        decoder->hw_device_ctx = av_buffer_ref(opened);
        decoder->opaque = reinterpret_cast<void*>(std::intptr_t(format));
        decoder->get_format = pickFormat;
        hwFormat = format;
        return name + " (hardware)";
    }
    if (candidates.empty()) {
        why = "this FFmpeg has no hardware decoding";
    }
    return "software (" + c.request + ": " + why + ")";
}

void downloadHardwareFrame(AVFrame* frame)
{
    ff::FramePtr copy = ff::makeFrame();
    int rc = av_hwframe_transfer_data(copy.get(), frame, 0);
    if (rc >= 0) {
        rc = av_frame_copy_props(copy.get(), frame);
    }
    if (rc < 0) {
        throw Error(
            ErrorKind::Decode, "cannot copy a hardware-decoded frame to memory: " + ff::errorString(rc));
    }
    av_frame_unref(frame);
    av_frame_move_ref(frame, copy.get());
}

} // namespace passthrough
