#include "media/ffmpegptr.h"
#include "media/mediainfo.h"
#include "util/error.h"

extern "C" {
#include <libavutil/pixdesc.h>
#include <libavutil/spherical.h>
#include <libavutil/stereo3d.h>
}

#include <algorithm>
#include <filesystem>

namespace passthrough {
namespace {

StreamLayoutHints readLayoutHints(const AVStream* stream)
{
    StreamLayoutHints hints;
    std::size_t size = 0;
    if (auto* data = ff::streamSideData(stream, AV_PKT_DATA_STEREO3D, &size)) {
        const auto* s3d = reinterpret_cast<const AVStereo3D*>(data);
        const bool inverted = s3d->flags & AV_STEREO3D_FLAG_INVERT;
        switch (s3d->type) {
        case AV_STEREO3D_2D:
            hints.stereo = StereoMode::Mono;
            break;
        case AV_STEREO3D_SIDEBYSIDE:
            hints.stereo = inverted ? StereoMode::RightLeft : StereoMode::LeftRight;
            break;
        case AV_STEREO3D_TOPBOTTOM:
            hints.stereo = inverted ? StereoMode::BottomTop : StereoMode::TopBottom;
            break;
        default:
            break;
        }
    }
    if (auto* data = ff::streamSideData(stream, AV_PKT_DATA_SPHERICAL, &size)) {
        const auto* sph = reinterpret_cast<const AVSphericalMapping*>(data);
        if (sph->projection == AV_SPHERICAL_EQUIRECTANGULAR
            || sph->projection == AV_SPHERICAL_EQUIRECTANGULAR_TILE) {
            // Bounds are 0.32 fixed-point fractions of the full sphere cut off each side;
            // a half sphere (VR180) cuts a quarter off left and right.
            const double cut = (double(sph->bound_left) + double(sph->bound_right)) / 4294967296.0;
            hints.projection = cut > 0.4 ? Projection::Equirect180 : Projection::Equirect360;
        }
#if LIBAVUTIL_VERSION_INT >= AV_VERSION_INT(59, 29, 100)
        if (sph->projection == AV_SPHERICAL_FISHEYE) {
            hints.projection = Projection::Fisheye;
            hints.fisheyeFovDegrees = 180;
        }
#endif
    }
    return hints;
}

// Demuxes every packet of the video stream (nothing is decoded) to learn each frame's
// presentation timestamp. This is what makes segments frame-exact with B-frames and VFR.
void indexAllFrames(AVFormatContext* fmt, const AVStream* stream, MediaInfo& info)
{
    ff::PacketPtr packet = ff::makePacket();
    std::int64_t lastDuration = 0;
    int rc = 0;
    while ((rc = av_read_frame(fmt, packet.get())) >= 0) {
        if (packet->stream_index == stream->index && !(packet->flags & AV_PKT_FLAG_DISCARD)) {
            const std::int64_t pts = packet->pts != AV_NOPTS_VALUE ? packet->pts : packet->dts;
            if (pts != AV_NOPTS_VALUE) {
                info.framePts.push_back(pts);
                lastDuration = std::max<std::int64_t>(lastDuration, packet->duration);
            }
        }
        av_packet_unref(packet.get());
    }
    if (rc == AVERROR_EXIT) {
        throw Error(ErrorKind::Cancelled, "reading " + info.path + " was interrupted");
    }
    if (rc != AVERROR_EOF) {
        throw Error(ErrorKind::InputUnusable,
            info.path + " is damaged: reading stopped after " + std::to_string(info.framePts.size())
                + " video frames (" + ff::errorString(rc) + ")");
    }
    std::sort(info.framePts.begin(), info.framePts.end());
    info.framePts.erase(std::unique(info.framePts.begin(), info.framePts.end()), info.framePts.end());
    info.frameCount = static_cast<std::int64_t>(info.framePts.size());
    if (stream->nb_frames > 0 && info.frameCount < stream->nb_frames) {
        throw Error(ErrorKind::InputUnusable,
            info.path + " is truncated: its header lists " + std::to_string(stream->nb_frames)
                + " video frames but the file holds data for only " + std::to_string(info.frameCount));
    }
    if (info.frameCount == 0) {
        throw Error(ErrorKind::InputUnusable, info.path + " has a video stream without any frames");
    }
    if (lastDuration <= 0 && info.frameCount > 1) {
        lastDuration = info.framePts[1] - info.framePts[0];
    }
    info.endPts = info.framePts.back() + std::max<std::int64_t>(lastDuration, 1);
}

bool isVariableFrameRate(const std::vector<std::int64_t>& pts)
{
    if (pts.size() < 3) {
        return false;
    }
    std::int64_t minDelta = INT64_MAX;
    std::int64_t maxDelta = 0;
    for (std::size_t i = 1; i < pts.size(); ++i) {
        minDelta = std::min(minDelta, pts[i] - pts[i - 1]);
        maxDelta = std::max(maxDelta, pts[i] - pts[i - 1]);
    }
    // More than 1 % apart: timestamps, not a fixed rate, must drive the output (peers: r vs avg fps).
    return double(maxDelta - minDelta) > 0.01 * double(maxDelta);
}

} // namespace

MediaInfo probeMedia(const std::string& path, const std::optional<Layout>& userLayout, bool indexFrames,
    const std::atomic<bool>* cancel)
{
    if (path.find('%') == std::string::npos) {
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) {
            throw Error(ErrorKind::InputUnusable, "cannot open " + path + ": no such file");
        }
        if (std::filesystem::file_size(path, ec) == 0) {
            throw Error(ErrorKind::InputUnusable, "cannot open " + path + ": the file is empty (0 bytes)");
        }
    }
    ff::InputFormatContextPtr fmt = ff::openInput(path, cancel);
    MediaInfo info;
    info.path = path;
    info.containerName = fmt->iformat->name;
    info.durationSeconds = fmt->duration > 0 ? double(fmt->duration) / AV_TIME_BASE : 0.0;

    info.videoStreamIndex = av_find_best_stream(fmt.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (info.videoStreamIndex < 0) {
        throw Error(ErrorKind::InputUnusable, path + " has no video stream");
    }
    const AVStream* video = fmt->streams[info.videoStreamIndex];
    const AVCodecParameters* par = video->codecpar;
    if (par->width <= 0 || par->height <= 0 || !avcodec_find_decoder(par->codec_id)) {
        throw Error(ErrorKind::InputUnusable,
            path + " has a video stream this build cannot decode (codec " + avcodec_get_name(par->codec_id)
                + ")");
    }
    info.codecName = avcodec_get_name(par->codec_id);
    info.width = par->width;
    info.height = par->height;
    const auto pixFmt = static_cast<AVPixelFormat>(par->format);
    if (const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(pixFmt)) {
        info.pixelFormat = desc->name;
        info.bitDepth = desc->comp[0].depth;
    }
    info.color = ColorInfo { par->color_range, par->color_primaries, par->color_trc, par->color_space };
    info.timeBase = Rational { video->time_base.num, video->time_base.den };
    const AVRational rate = video->avg_frame_rate.num > 0 ? video->avg_frame_rate : video->r_frame_rate;
    info.frameRate = Rational { rate.num, rate.den };
    info.layoutHints = readLayoutHints(video);
    info.layout = detectLayout(path, info.width, info.height, info.layoutHints, userLayout);

    const int audioIndex
        = av_find_best_stream(fmt.get(), AVMEDIA_TYPE_AUDIO, -1, info.videoStreamIndex, nullptr, 0);
    if (audioIndex >= 0) {
        const AVCodecParameters* apar = fmt->streams[audioIndex]->codecpar;
        info.hasAudio = true;
        info.audioCodecName = avcodec_get_name(apar->codec_id);
        info.audioChannels = apar->ch_layout.nb_channels;
        info.audioSampleRate = apar->sample_rate;
    }

    if (!indexFrames) {
        info.frameCount = video->nb_frames;
        return info;
    }
    indexAllFrames(fmt.get(), video, info);
    info.variableFrameRate = isVariableFrameRate(info.framePts);
    if (info.durationSeconds <= 0.0) {
        info.durationSeconds = info.ptsToSeconds(info.endPts - info.framePts.front());
    }
    return info;
}

} // namespace passthrough
