#include "media/chunkjoiner.h"

#include "media/ffmpegptr.h"
#include "media/streamcopier.h"
#include "util/durablefile.h"
#include "util/error.h"

#include <algorithm>
#include <cstring>
#include <optional>

namespace passthrough {
namespace {

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
            || std::memcmp(first->extradata, other->extradata, std::size_t(first->extradata_size)) == 0);
    if (!same) {
        throw Error(ErrorKind::Encode,
            "cannot join " + chunk.string() + ": it was encoded with other parameters than the first chunk");
    }
}

// The output's video stream: the chunks' codec, the source's time base, its stereo/spherical
// side data and its title and language.
AVStream* addVideoStream(
    AVFormatContext* muxer, const AVStream* chunkVideo, const AVStream* sourceVideo, AVRational sourceTb)
{
    AVStream* video = avformat_new_stream(muxer, nullptr);
    avcodec_parameters_copy(video->codecpar, chunkVideo->codecpar);
    video->codecpar->codec_tag = 0;
    video->time_base = sourceTb;
    // Matroska marks a VP9 stream whose blocks carry alpha; the mark travels with the stream.
    if (const AVDictionaryEntry* alpha = av_dict_get(chunkVideo->metadata, "alpha_mode", nullptr, 0)) {
        av_dict_set(&video->metadata, "alpha_mode", alpha->value, 0);
    }
    for (const char* key : { "language", "title" }) {
        if (const AVDictionaryEntry* e = av_dict_get(sourceVideo->metadata, key, nullptr, 0)) {
            av_dict_set(&video->metadata, key, e->value, 0);
        }
    }
    video->disposition = sourceVideo->disposition;
    ff::copyStreamSideData(sourceVideo, video, AV_PKT_DATA_STEREO3D);
    ff::copyStreamSideData(sourceVideo, video, AV_PKT_DATA_SPHERICAL);
    if (muxer->oformat->codec_tag && video->codecpar->codec_id == AV_CODEC_ID_HEVC
        && std::strcmp(muxer->oformat->name, "mp4") == 0) {
        video->codecpar->codec_tag = MKTAG('h', 'v', 'c', '1'); // what Apple and most players expect
    }
    return video;
}

// Moves the finished temporary output to its final name: atomically and never over a file
// that is not this job's.
void publish(const std::filesystem::path& tmp, const std::filesystem::path& output, bool replace)
{
    if (replace) {
        std::error_code ec;
        if (std::filesystem::is_directory(output, ec)) {
            std::filesystem::remove_all(output, ec); // this job's own earlier sequence
        }
        commitRename(tmp, output);
        return;
    }
    std::error_code ec;
    if (std::filesystem::is_directory(output, ec) && std::filesystem::is_empty(output, ec)) {
        std::filesystem::remove(output, ec); // an empty folder made for the sequence beforehand
    }
    if (!commitRenameNoReplace(tmp, output)) {
        throw Error(ErrorKind::Usage,
            output.string()
                + " appeared while the chunks were joined and is not this job's output; move it "
                  "away and resume the job");
    }
}

} // namespace

std::int64_t countVideoPackets(const std::filesystem::path& media)
{
    const std::string name = media.string();
    std::error_code ec;
    if (name.find('%') == std::string::npos && !std::filesystem::is_regular_file(media, ec)) {
        return -1;
    }
    try {
        ff::InputFormatContextPtr input = ff::openInput(name);
        const int video = av_find_best_stream(input.get(), AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
        if (video < 0) {
            return -1;
        }
        ff::PacketPtr packet = ff::makePacket();
        std::int64_t count = 0;
        int rc = 0;
        while ((rc = av_read_frame(input.get(), packet.get())) >= 0) {
            count += packet->stream_index == video ? 1 : 0;
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
    const std::filesystem::path written = sequence ? tmp.parent_path() : tmp;
    std::error_code ec;
    std::filesystem::remove_all(written, ec); // a join that died half way
    if (sequence) {
        std::filesystem::create_directories(written);
    }
    // A join that fails half way leaves nothing behind: not the temporary file, not the output.
    struct RemoveUnlessPublished {
        std::filesystem::path path;
        bool published = false;
        ~RemoveUnlessPublished()
        {
            std::error_code ignored;
            if (!published) {
                std::filesystem::remove_all(path, ignored);
            }
        }
    } guard { written };

    AVFormatContext* raw = nullptr;
    avformat_alloc_output_context2(&raw, format, nullptr, tmp.string().c_str());
    ff::OutputFormatContextPtr muxer(raw);
    // st3d/sv3d boxes are "unofficial" to libavformat's mp4 muxer; players read them.
    muxer->strict_std_compliance = FF_COMPLIANCE_UNOFFICIAL;

    ff::InputFormatContextPtr firstChunk = ff::openInput(request.chunks.front().path.string());
    const AVRational sourceTb { request.timeBaseNum, request.timeBaseDen };
    AVStream* video;
    {
        ff::InputFormatContextPtr source = ff::openInput(request.sourcePath);
        if (request.sourceVideoStreamIndex < 0 || request.sourceVideoStreamIndex >= int(source->nb_streams)) {
            throw Error(ErrorKind::InputUnusable,
                request.sourcePath + " has no video stream "
                    + std::to_string(request.sourceVideoStreamIndex));
        }
        video = addVideoStream(
            muxer.get(), firstChunk->streams[0], source->streams[request.sourceVideoStreamIndex], sourceTb);
    }
    std::optional<SourceStreamCopier> others;
    if (request.copyOtherStreams) {
        others.emplace(request.sourcePath, request.sourceVideoStreamIndex, muxer.get(),
            request.sourceStartSeconds, request.sourceStartSeconds + request.videoEndSeconds);
    }

    JoinResult result;
    if (others) {
        result.notes = others->notes();
        result.copiedStreams = others->streamCount();
    }
    int rc = sequence ? 0 : avio_open(&muxer->pb, tmp.string().c_str(), AVIO_FLAG_WRITE);
    if (rc < 0 || (rc = avformat_write_header(muxer.get(), nullptr)) < 0) {
        throw Error(ff::writeErrorKind(rc), "cannot write " + tmp.string() + ": " + ff::errorString(rc));
    }
    for (std::size_t i = 0; i < request.chunks.size(); ++i) {
        const ChunkRef& ref = request.chunks[i];
        const ChunkTimestamps ts = rebuildTimestamps(ref, sourceTb);
        ff::InputFormatContextPtr chunk = i == 0 ? std::move(firstChunk) : ff::openInput(ref.path.string());
        checkSameParameters(video->codecpar, chunk->streams[0]->codecpar, ref.path);
        const AVRational chunkTb = chunk->streams[0]->time_base;
        ff::PacketPtr packet = ff::makePacket();
        std::size_t n = 0;
        while (av_read_frame(chunk.get(), packet.get()) >= 0) {
            if (packet->stream_index != 0 || n >= ts.dts.size()) {
                av_packet_unref(packet.get());
                continue;
            }
            packet->pts = av_rescale_q(packet->pts, chunkTb, sourceTb) + ts.ptsOffset;
            packet->dts = ts.dts[n];
            packet->duration = ts.durations[n];
            ++n;
            packet->stream_index = video->index;
            packet->pos = -1;
            av_packet_rescale_ts(packet.get(), sourceTb, video->time_base);
            if (others) {
                others->writeUntil(seconds(*packet, video));
            }
            if ((rc = av_interleaved_write_frame(muxer.get(), packet.get())) < 0) {
                throw Error(
                    ff::writeErrorKind(rc), "writing " + tmp.string() + " failed: " + ff::errorString(rc));
            }
            av_packet_unref(packet.get());
            ++result.videoPackets;
        }
    }
    if (others) {
        others->finish();
        result.copiedPackets = others->packetsWritten();
    }
    if ((rc = av_write_trailer(muxer.get())) < 0 || (!sequence && (rc = avio_closep(&muxer->pb)) < 0)) {
        throw Error(ff::writeErrorKind(rc), "writing " + tmp.string() + " failed: " + ff::errorString(rc));
    }
    muxer.reset();
    publish(written, sequence ? request.output.parent_path() : request.output, request.mayReplaceOutput);
    guard.published = true;
    return result;
}

} // namespace passthrough
