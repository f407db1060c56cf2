#include "media/chunkjoiner.h"

#include "media/ffmpegptr.h"
#include "util/error.h"

#include <algorithm>
#include <cstring>
#include <optional>

namespace passthrough {
namespace {

struct OutputStreams {
    AVStream* video = nullptr;
    AVStream* audio = nullptr;
};

bool isSequence(const AVOutputFormat* format, const std::filesystem::path& output)
{
    return (format->flags & AVFMT_NOFILE) && output.filename().string().find('%') != std::string::npos;
}

// Where the output is written until it is complete: a sibling file, or for a sequence a sibling
// folder holding the same pattern.
std::filesystem::path temporaryName(const std::filesystem::path& output, bool sequence)
{
    if (sequence) {
        auto folder = output.parent_path();
        folder += ".partial";
        return folder / output.filename();
    }
    auto tmp = output;
    tmp.replace_filename(output.stem().string() + ".partial" + output.extension().string());
    return tmp;
}

// Reads packets of one input stream in order; timestamps rescaled to the output stream.
class PacketSource {
public:
    PacketSource(AVFormatContext* input, int streamIndex, AVStream* outStream)
        : m_input(input)
        , m_index(streamIndex)
        , m_out(outStream)
    {
    }
    std::optional<ff::PacketPtr> next()
    {
        ff::PacketPtr packet = ff::makePacket();
        while (av_read_frame(m_input, packet.get()) >= 0) {
            if (packet->stream_index == m_index) {
                av_packet_rescale_ts(packet.get(), m_input->streams[m_index]->time_base, m_out->time_base);
                packet->stream_index = m_out->index;
                packet->pos = -1;
                return packet;
            }
            av_packet_unref(packet.get());
        }
        return std::nullopt;
    }

private:
    AVFormatContext* m_input;
    int m_index;
    AVStream* m_out;
};

// Muxers may shift a chunk's timestamps (NUT makes them non-negative) and leave the first
// dts unset. The joiner therefore rebuilds them: pts shifted so that the chunk starts at its
// segment's source pts, and dts derived from decode order (dts[i] = i-th smallest pts, moved
// back by the encoder's reorder depth), so dts <= pts and dts strictly increases.
struct ChunkTimestamps {
    std::int64_t ptsOffset = 0;
    std::vector<std::int64_t> dts;
    std::vector<std::int64_t> durations; // per packet, in decode order
};

ChunkTimestamps rebuildTimestamps(const ChunkRef& chunk, AVRational sourceTb)
{
    ff::InputFormatContextPtr input = ff::openInput(chunk.path.string());
    const AVRational chunkTb = input->streams[0]->time_base;
    std::vector<std::int64_t> pts;
    ff::PacketPtr packet = ff::makePacket();
    while (av_read_frame(input.get(), packet.get()) >= 0) {
        if (packet->stream_index == 0) {
            pts.push_back(av_rescale_q(packet->pts, chunkTb, sourceTb));
        }
        av_packet_unref(packet.get());
    }
    if (pts.empty()) {
        throw Error(ErrorKind::Encode, "cannot join " + chunk.path.string() + ": it holds no video");
    }
    std::vector<std::int64_t> sorted = pts;
    std::sort(sorted.begin(), sorted.end());
    ChunkTimestamps ts;
    ts.ptsOffset = chunk.firstPts - sorted.front();
    std::ptrdiff_t delay = 0;
    for (std::size_t i = 0; i < pts.size(); ++i) {
        const auto rank = std::lower_bound(sorted.begin(), sorted.end(), pts[i]) - sorted.begin();
        delay = std::max(delay, std::ptrdiff_t(i) - rank);
    }
    for (std::size_t i = 0; i < pts.size(); ++i) {
        const std::ptrdiff_t j = std::ptrdiff_t(i) - delay;
        ts.dts.push_back(ts.ptsOffset + (j >= 0 ? sorted[std::size_t(j)] : sorted.front() + j));
    }
    // Durations in decode order, the last one reaching the segment's end: containers that
    // keep dts (mp4) then give the track exactly the source's length, edit list included.
    for (std::size_t i = 0; i < ts.dts.size(); ++i) {
        const std::int64_t next = i + 1 < ts.dts.size() ? ts.dts[i + 1] : chunk.endPts;
        ts.durations.push_back(std::max<std::int64_t>(1, next - ts.dts[i]));
    }
    return ts;
}

double seconds(const AVPacket& packet, const AVStream* stream)
{
    const std::int64_t ts = packet.dts != AV_NOPTS_VALUE ? packet.dts : packet.pts;
    return double(ts) * av_q2d(stream->time_base);
}

void checkSameParameters(
    const AVCodecParameters* first, const AVCodecParameters* other, const std::filesystem::path& chunk)
{
    const bool same = first->codec_id == other->codec_id && first->width == other->width
        && first->height == other->height && first->format == other->format
        && first->extradata_size == other->extradata_size
        && (first->extradata_size == 0
            || std::memcmp(first->extradata, other->extradata, first->extradata_size) == 0);
    if (!same) {
        throw Error(ErrorKind::Encode,
            "cannot join " + chunk.string() + ": it was encoded with other parameters than the first chunk");
    }
}

} // namespace

std::int64_t countChunkFrames(const std::filesystem::path& chunk)
{
    std::error_code ec;
    if (!std::filesystem::exists(chunk, ec)) {
        return -1;
    }
    try {
        ff::InputFormatContextPtr input = ff::openInput(chunk.string());
        ff::PacketPtr packet = ff::makePacket();
        std::int64_t count = 0;
        int rc = 0;
        while ((rc = av_read_frame(input.get(), packet.get())) >= 0) {
            count += packet->stream_index == 0 ? 1 : 0;
            av_packet_unref(packet.get());
        }
        return rc == AVERROR_EOF ? count : -1;
    } catch (const Error&) {
        return -1;
    }
}

JoinResult joinChunks(const JoinRequest& request)
{
    if (request.chunks.empty()) {
        throw Error(ErrorKind::Usage, "nothing to join for " + request.output.string());
    }
    const std::string outName = request.output.string();
    const AVOutputFormat* format = av_guess_format(nullptr, outName.c_str(), nullptr);
    if (!format) {
        throw Error(ErrorKind::Usage, "cannot tell the container format from the name " + outName);
    }
    const bool sequence = isSequence(format, request.output);
    const std::filesystem::path tmp = temporaryName(request.output, sequence);
    const std::filesystem::path removeOnFailure = sequence ? tmp.parent_path() : tmp;
    if (sequence) {
        std::filesystem::remove_all(removeOnFailure);
        std::filesystem::create_directories(removeOnFailure);
    }
    AVFormatContext* raw = nullptr;
    avformat_alloc_output_context2(&raw, format, nullptr, tmp.string().c_str());
    ff::OutputFormatContextPtr muxer(raw);
    // st3d/sv3d boxes are "unofficial" to libavformat's mp4 muxer; players read them.
    muxer->strict_std_compliance = FF_COMPLIANCE_UNOFFICIAL;

    ff::InputFormatContextPtr firstChunk = ff::openInput(request.chunks.front().path.string());
    const AVRational sourceTb { request.timeBaseNum, request.timeBaseDen };
    ff::InputFormatContextPtr source = ff::openInput(request.sourcePath);
    OutputStreams out;
    out.video = avformat_new_stream(muxer.get(), nullptr);
    avcodec_parameters_copy(out.video->codecpar, firstChunk->streams[0]->codecpar);
    out.video->codecpar->codec_tag = 0;
    out.video->time_base = sourceTb;
    // Matroska marks a VP9 stream whose blocks carry alpha; the mark travels with the stream.
    if (const AVDictionaryEntry* alpha
        = av_dict_get(firstChunk->streams[0]->metadata, "alpha_mode", nullptr, 0)) {
        av_dict_set(&out.video->metadata, "alpha_mode", alpha->value, 0);
    }
    const AVStream* sourceVideo = source->streams[request.sourceVideoStreamIndex];
    ff::copyStreamSideData(sourceVideo, out.video, AV_PKT_DATA_STEREO3D);
    ff::copyStreamSideData(sourceVideo, out.video, AV_PKT_DATA_SPHERICAL);
    if (format->codec_tag && out.video->codecpar->codec_id == AV_CODEC_ID_HEVC
        && std::strcmp(format->name, "mp4") == 0) {
        out.video->codecpar->codec_tag = MKTAG('h', 'v', 'c', '1'); // what Apple and most players expect
    }

    JoinResult result;
    const int audioIndex
        = sequence ? -1 : av_find_best_stream(source.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    const bool audioFits = audioIndex >= 0
        && avformat_query_codec(format, source->streams[audioIndex]->codecpar->codec_id, FF_COMPLIANCE_NORMAL)
            == 1;
    if (audioIndex >= 0 && !audioFits) {
        result.audioNote = std::string("the source's ")
            + avcodec_get_name(source->streams[audioIndex]->codecpar->codec_id)
            + " audio cannot be copied into " + format->name + " without re-encoding, so " + outName
            + " has no audio";
    }
    if (audioFits) {
        out.audio = avformat_new_stream(muxer.get(), nullptr);
        avcodec_parameters_copy(out.audio->codecpar, source->streams[audioIndex]->codecpar);
        out.audio->codecpar->codec_tag = 0;
        out.audio->time_base = source->streams[audioIndex]->time_base;
        for (unsigned i = 0; i < source->nb_streams; ++i) {
            source->streams[i]->discard = int(i) == audioIndex ? AVDISCARD_DEFAULT : AVDISCARD_ALL;
        }
    }

    // A join that fails half way leaves nothing behind: not the temporary file, not the output.
    struct RemoveUnlessCommitted {
        std::filesystem::path path;
        bool committed = false;
        ~RemoveUnlessCommitted()
        {
            std::error_code ec;
            if (!committed) {
                std::filesystem::remove_all(path, ec);
            }
        }
    } guard { removeOnFailure };

    int rc = sequence ? 0 : avio_open(&muxer->pb, tmp.string().c_str(), AVIO_FLAG_WRITE);
    if (rc < 0 || (rc = avformat_write_header(muxer.get(), nullptr)) < 0) {
        throw Error(ErrorKind::Io, "cannot write " + tmp.string() + ": " + ff::errorString(rc));
    }

    std::optional<PacketSource> audio;
    std::optional<ff::PacketPtr> pendingAudio;
    if (out.audio) {
        audio.emplace(source.get(), audioIndex, out.audio);
        pendingAudio = audio->next();
    }
    auto writePacket = [&](AVPacket* packet) {
        if (int wrc = av_interleaved_write_frame(muxer.get(), packet); wrc < 0) {
            throw Error(ErrorKind::Io, "writing " + tmp.string() + " failed: " + ff::errorString(wrc));
        }
    };
    // Audio packets that start before the video ends are kept: the track ends within one audio
    // packet (about 21 ms for AAC at 48 kHz) of the video.
    auto writeAudioUpTo = [&](double untilSeconds) {
        while (pendingAudio && seconds(**pendingAudio, out.audio) <= untilSeconds
            && seconds(**pendingAudio, out.audio) < request.videoEndSeconds) {
            writePacket(pendingAudio->get());
            ++result.audioPackets;
            pendingAudio = audio->next();
        }
    };

    for (std::size_t i = 0; i < request.chunks.size(); ++i) {
        const ChunkRef& ref = request.chunks[i];
        const ChunkTimestamps ts = rebuildTimestamps(ref, sourceTb);
        ff::InputFormatContextPtr chunk = i == 0 ? std::move(firstChunk) : ff::openInput(ref.path.string());
        checkSameParameters(out.video->codecpar, chunk->streams[0]->codecpar, ref.path);
        const AVRational chunkTb = chunk->streams[0]->time_base;
        ff::PacketPtr packet = ff::makePacket();
        std::size_t n = 0;
        while (av_read_frame(chunk.get(), packet.get()) >= 0) {
            if (packet->stream_index != 0 || n >= ts.dts.size()) {
                av_packet_unref(packet.get());
                continue;
            }
            packet->pts = av_rescale_q(packet->pts, chunkTb, sourceTb) + ts.ptsOffset;
            packet->dts = ts.dts[n++];
            packet->duration = ts.durations[n - 1];
            packet->stream_index = out.video->index;
            packet->pos = -1;
            av_packet_rescale_ts(packet.get(), sourceTb, out.video->time_base);
            if (out.audio) {
                writeAudioUpTo(seconds(*packet, out.video));
            }
            writePacket(packet.get());
            av_packet_unref(packet.get());
            ++result.videoPackets;
        }
    }
    if (out.audio) {
        writeAudioUpTo(request.videoEndSeconds);
    }
    if ((rc = av_write_trailer(muxer.get())) < 0 || (!sequence && (rc = avio_closep(&muxer->pb)) < 0)) {
        throw Error(ErrorKind::Io, "writing " + tmp.string() + " failed: " + ff::errorString(rc));
    }
    muxer.reset();
    if (sequence) {
        // An empty folder of the final name (made by the user beforehand) is replaced.
        std::error_code ec;
        std::filesystem::remove(request.output.parent_path(), ec);
        std::filesystem::rename(tmp.parent_path(), request.output.parent_path());
    } else {
        std::filesystem::rename(tmp, request.output);
    }
    guard.committed = true;
    return result;
}

} // namespace passthrough
