#include "media/streamcopier.h"

#include "media/ffmpegptr.h"
#include "util/error.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>

namespace passthrough {
namespace {

// Container bookkeeping the source's muxer wrote, not the user's tags.
bool isContainerBookkeeping(const char* key)
{
    static constexpr std::array<const char*, 5> keys { "major_brand", "minor_version", "compatible_brands",
        "encoder", "creation_time" };
    for (const char* k : keys) {
        if (std::strcmp(k, key) == 0) {
            return true;
        }
    }
    return false;
}

void copyUserMetadata(AVDictionary* from, AVDictionary** to)
{
    const AVDictionaryEntry* entry = nullptr;
    while ((entry = av_dict_get(from, "", entry, AV_DICT_IGNORE_SUFFIX))) {
        if (!isContainerBookkeeping(entry->key)) {
            av_dict_set(to, entry->key, entry->value, 0);
        }
    }
}

double packetSeconds(const AVPacket& packet, const AVStream* stream)
{
    const std::int64_t ts = packet.dts != AV_NOPTS_VALUE ? packet.dts : packet.pts;
    return ts == AV_NOPTS_VALUE ? -1e300 : double(ts) * av_q2d(stream->time_base);
}

// The part's bounds (source seconds) in a stream's or chapter's ticks: the start rounded to the
// nearest tick, the end cut to the tick at or before it (nothing reaches past the video).
std::int64_t startTicks(double seconds, AVRational timeBase)
{
    return std::int64_t(std::llround(seconds / av_q2d(timeBase)));
}

std::int64_t endTicks(double seconds, AVRational timeBase)
{
    return std::int64_t(seconds / av_q2d(timeBase));
}

} // namespace

struct SourceStreamCopier::Impl {
    ff::InputFormatContextPtr source;
    AVFormatContext* output = nullptr;
    double start = 0.0; // source seconds: the output's time 0
    double videoEnd = 0.0; // source seconds
    std::map<int, AVStream*> streams; // source stream index -> output stream
    std::vector<std::string> notes;
    ff::PacketPtr pending = ff::makePacket();
    bool havePending = false;
    bool exhausted = false;
    std::int64_t written = 0;

    void readNext()
    {
        havePending = false;
        while (!exhausted) {
            av_packet_unref(pending.get());
            const int rc = av_read_frame(source.get(), pending.get());
            if (rc < 0) {
                exhausted = true; // the end, or damage past which nothing more is copied
                return;
            }
            if (streams.count(pending->stream_index)) {
                havePending = true;
                return;
            }
        }
    }

    // Moves the pending packet back by the start, in its stream's ticks.
    void moveToOutputTime()
    {
        if (start == 0.0) {
            return;
        }
        const AVStream* in = source->streams[pending->stream_index];
        const std::int64_t shift = startTicks(start, in->time_base);
        if (pending->pts != AV_NOPTS_VALUE) {
            pending->pts -= shift;
        }
        if (pending->dts != AV_NOPTS_VALUE) {
            pending->dts -= shift;
        }
    }

    // A subtitle shown across the start is kept for the part after it; audio that starts
    // before it is left out (the first packet after it starts within one packet, about 21 ms).
    bool keepAcrossStart(double t)
    {
        const AVStream* in = source->streams[pending->stream_index];
        if (in->codecpar->codec_type != AVMEDIA_TYPE_SUBTITLE || pending->duration <= 0) {
            return false;
        }
        const std::int64_t startAt = startTicks(start, in->time_base);
        const std::int64_t from = pending->pts != AV_NOPTS_VALUE ? pending->pts : pending->dts;
        if (double(from + pending->duration) * av_q2d(in->time_base) <= start || t >= start) {
            return false;
        }
        pending->duration -= startAt - from;
        pending->pts = startAt;
        pending->dts = startAt;
        return true;
    }

    void write()
    {
        AVStream* in = source->streams[pending->stream_index];
        AVStream* out = streams.at(pending->stream_index);
        // A subtitle shown past the video's end is cut there, as the audio is.
        if (in->codecpar->codec_type == AVMEDIA_TYPE_SUBTITLE && pending->duration > 0
            && pending->pts != AV_NOPTS_VALUE) {
            pending->duration = std::max<std::int64_t>(
                1, std::min(pending->duration, endTicks(videoEnd, in->time_base) - pending->pts));
        }
        moveToOutputTime();
        av_packet_rescale_ts(pending.get(), in->time_base, out->time_base);
        pending->stream_index = out->index;
        pending->pos = -1;
        if (int rc = av_interleaved_write_frame(output, pending.get()); rc < 0) {
            throw Error(ff::writeErrorKind(rc),
                std::string("writing ") + output->url + " failed: " + ff::errorString(rc));
        }
        ++written;
    }

    void copyChapters()
    {
        if (source->nb_chapters == 0) {
            return;
        }
        std::vector<AVChapter*> kept;
        for (unsigned i = 0; i < source->nb_chapters; ++i) {
            const AVChapter* in = source->chapters[i];
            if (double(in->start) * av_q2d(in->time_base) >= videoEnd
                || double(in->end) * av_q2d(in->time_base) <= start) {
                continue; // outside the video's part of the source
            }
            auto* chapter = static_cast<AVChapter*>(av_mallocz(sizeof(AVChapter)));
            if (!chapter) {
                break;
            }
            // Clipped to the part, and moved back by its start.
            const std::int64_t from = startTicks(start, in->time_base);
            chapter->id = in->id;
            chapter->time_base = in->time_base;
            chapter->start = std::max(in->start, from) - from;
            chapter->end = std::min(in->end, endTicks(videoEnd, in->time_base)) - from;
            av_dict_copy(&chapter->metadata, in->metadata, 0);
            kept.push_back(chapter);
        }
        if (kept.empty()) {
            return;
        }
        output->chapters = static_cast<AVChapter**>(av_calloc(kept.size(), sizeof(AVChapter*)));
        if (!output->chapters) {
            for (AVChapter* c : kept) {
                av_dict_free(&c->metadata);
                av_free(c);
            }
            return;
        }
        std::copy(kept.begin(), kept.end(), output->chapters);
        output->nb_chapters = unsigned(kept.size());
    }
};

SourceStreamCopier::SourceStreamCopier(const std::string& sourcePath, int sourceVideoStreamIndex,
    AVFormatContext* output, double startSeconds, double endSeconds)
    : m(std::make_unique<Impl>())
{
    m->source = ff::openInput(sourcePath);
    m->output = output;
    m->start = startSeconds;
    m->videoEnd = endSeconds;
    const bool sequence = output->oformat->flags & AVFMT_NOFILE;
    for (unsigned i = 0; i < m->source->nb_streams; ++i) {
        AVStream* in = m->source->streams[i];
        const AVMediaType type = in->codecpar->codec_type;
        const bool wanted = !sequence && int(i) != sourceVideoStreamIndex
            && (type == AVMEDIA_TYPE_AUDIO || type == AVMEDIA_TYPE_SUBTITLE);
        if (!wanted) {
            in->discard = AVDISCARD_ALL;
            continue;
        }
        const char* what = type == AVMEDIA_TYPE_AUDIO ? "audio" : "subtitles";
        if (avformat_query_codec(output->oformat, in->codecpar->codec_id, FF_COMPLIANCE_NORMAL) != 1) {
            m->notes.push_back(std::string("the source's ") + avcodec_get_name(in->codecpar->codec_id) + " "
                + what + " (stream " + std::to_string(i) + ") cannot be copied into " + output->oformat->name
                + " without re-encoding, so " + output->url + " has no " + what + " from it");
            in->discard = AVDISCARD_ALL;
            continue;
        }
        AVStream* out = avformat_new_stream(output, nullptr);
        if (!out || avcodec_parameters_copy(out->codecpar, in->codecpar) < 0) {
            throw Error(ErrorKind::Io, std::string("cannot add a stream to ") + output->url);
        }
        out->codecpar->codec_tag = 0;
        out->time_base = in->time_base;
        out->disposition = in->disposition;
        av_dict_copy(&out->metadata, in->metadata, 0);
        m->streams.emplace(int(i), out);
    }
    if (!sequence) {
        copyUserMetadata(m->source->metadata, &output->metadata);
        m->copyChapters();
    }
    m->readNext();
}

SourceStreamCopier::~SourceStreamCopier() = default;

void SourceStreamCopier::writeUntil(double seconds)
{
    constexpr double kGive = 1e-9; // a packet on the start is the start's
    while (m->havePending) {
        const double t = packetSeconds(*m->pending, m->source->streams[m->pending->stream_index]);
        if (t - m->start > seconds) {
            return;
        }
        // Packets that start before the video ends are kept: audio then ends within one packet
        // (about 21 ms for AAC at 48 kHz) of the video. Before the start only a subtitle still
        // shown at the start is (everything is kept for a whole video: negative times included).
        const bool afterStart = m->start == 0.0 || t >= m->start - kGive || m->keepAcrossStart(t);
        if (t < m->videoEnd && afterStart) {
            m->write();
        }
        m->readNext();
    }
}

void SourceStreamCopier::finish()
{
    writeUntil(m->videoEnd - m->start);
}

int SourceStreamCopier::streamCount() const
{
    return int(m->streams.size());
}

std::int64_t SourceStreamCopier::packetsWritten() const
{
    return m->written;
}

const std::vector<std::string>& SourceStreamCopier::notes() const
{
    return m->notes;
}

} // namespace passthrough
