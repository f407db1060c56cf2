#pragma once

#include <string>

struct AVCodec;
struct AVCodecContext;
struct AVFrame;

namespace passthrough {

// Hardware decoding (libavcodec's hw_device_ctx: NVDEC through "cuda", VAAPI, D3D11VA,
// VideoToolbox), a choice of the machine rather than of the job, so it is set once per process.
// "auto" tries the machine's device types in that order and decodes in software when none opens;
// "none" always decodes in software; a device type name asks for that one (and falls back to
// software, saying why, when it cannot be had). Throws Error(Usage) for a name FFmpeg does not know.
void setHardwareDecoding(const std::string& request);
[[nodiscard]] std::string hardwareDecoding();

// Attaches the requested device to a decoder before avcodec_open2. Returns what decodes, in
// words, for the job log and `probe`: "software", "cuda (hardware)" or "software (vaapi: ...)".
// `hwFormat` receives the AVPixelFormat of hardware frames (AV_PIX_FMT_NONE in software).
std::string attachHardwareDecoder(AVCodecContext* decoder, const AVCodec* codec, int& hwFormat);

// A frame in hardware memory copied to a software frame with its timestamps and flags (the
// pipeline works on system-memory planes). Throws Error(Decode).
void downloadHardwareFrame(AVFrame* frame);

} // namespace passthrough
