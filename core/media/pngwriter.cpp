#include "media/pngwriter.h"

#include "media/ffmpegptr.h"
#include "util/durablefile.h"
#include "util/error.h"

#include <torch/types.h>

#include <cstring>
#include <string_view>

namespace passthrough {

void writePng(const std::filesystem::path& path, const torch::Tensor& rgbIn)
{
    const torch::Tensor rgb = rgbIn.to(torch::kCPU, torch::kUInt8).contiguous();
    const int height = int(rgb.size(0));
    const int width = int(rgb.size(1));
    const AVCodec* codec = avcodec_find_encoder(AV_CODEC_ID_PNG);
    ff::CodecContextPtr encoder(avcodec_alloc_context3(codec));
    encoder->width = width;
    encoder->height = height;
    encoder->pix_fmt = AV_PIX_FMT_RGB24;
    encoder->time_base = AVRational { 1, 1 };
    if (avcodec_open2(encoder.get(), codec, nullptr) < 0) {
        throw Error(ErrorKind::Io, "cannot encode " + path.string() + " as PNG");
    }
    ff::FramePtr frame = ff::makeVideoFrame(width, height, AV_PIX_FMT_RGB24);
    for (int y = 0; y < height; ++y) {
        std::memcpy(frame->data[0] + std::ptrdiff_t(y) * frame->linesize[0],
            rgb.data_ptr<uint8_t>() + std::ptrdiff_t(y) * width * 3, std::size_t(width) * 3);
    }
    ff::PacketPtr packet = ff::makePacket();
    if (avcodec_send_frame(encoder.get(), frame.get()) < 0 || avcodec_send_frame(encoder.get(), nullptr) < 0
        || avcodec_receive_packet(encoder.get(), packet.get()) < 0) {
        throw Error(ErrorKind::Io, "cannot encode " + path.string() + " as PNG");
    }
    writeFileAtomically(
        path, std::string_view(reinterpret_cast<const char*>(packet->data), std::size_t(packet->size)));
}

} // namespace passthrough
