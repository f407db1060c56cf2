#include "pipeline/segmentprocessor.h"

#include "matting/eyeframes.h"
#include "media/chunkencoder.h"
#include "media/ffmpegptr.h"
#include "media/fisheyeconverter.h"
#include "media/framereader.h"
#include "packing/outputencoding.h"
#include "packing/packer.h"
#include "pipeline/boundedqueue.h"
#include "util/error.h"

#include <torch/torch.h>

#include <cstdio>
#include <mutex>
#include <thread>

namespace passthrough {
namespace {

constexpr std::size_t kQueueDepth = 4;

struct DecodedItem {
    ff::FramePtr frame;
    std::int64_t pts = 0;
    bool warmup = false;
};

struct MattedItem {
    ff::FramePtr frame;
    torch::Tensor matte;
    std::int64_t pts = 0;
};

std::string segmentName(const SegmentWork& work)
{
    return "segment " + std::to_string(work.segment.index) + " of " + work.source->path;
}

std::string timeAt(const MediaInfo& source, std::int64_t pts)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3f s", source.ptsToSeconds(pts));
    return text;
}

void noteActivity(const SegmentWork& work)
{
    if (work.activity) {
        work.activity->fetch_add(1, std::memory_order_relaxed);
    }
}

void checkCancel(const SegmentWork& work)
{
    if (work.cancel && work.cancel->load()) {
        throw Error(ErrorKind::Cancelled, segmentName(work) + " was interrupted");
    }
}

// Collects the first error of any thread and stops the others.
class PipelineFailure {
public:
    template <typename... Queues> void record(std::exception_ptr error, Queues&... queues)
    {
        {
            std::lock_guard lock(m_mutex);
            if (!m_error) {
                m_error = error;
            }
        }
        (queues.abort(), ...);
    }
    void rethrowIfAny()
    {
        if (m_error) {
            std::rethrow_exception(m_error);
        }
    }

private:
    std::mutex m_mutex;
    std::exception_ptr m_error;
};

void decodeStage(const SegmentWork& work, BoundedQueue<DecodedItem>& out, std::int64_t& warmupFrames)
{
    const SegmentRecord& seg = work.segment;
    FrameReader reader(work.source->path, work.source->videoStreamIndex);
    reader.seek(seg.warmupPtsStart);
    const bool convert = work.layout.projection != work.source->layout.projection;
    std::unique_ptr<FisheyeConverter> converter;
    for (;;) {
        checkCancel(work);
        DecodedFrame decoded = reader.next();
        if (!decoded.frame || decoded.pts >= seg.ptsEnd) {
            break;
        }
        const bool warmup = decoded.pts < seg.ptsStart;
        // Only what the decoder says of this very frame counts here: errors it reports while
        // reading ahead belong to later frames, and a packet it rejected shows up as a
        // missing frame, which the frame count check after the segment catches.
        const bool damaged = decoded.damaged;
        if (damaged && !warmup) {
            throw Error(ErrorKind::Decode,
                segmentName(work) + ": the frame at " + timeAt(*work.source, decoded.pts) + " is damaged ("
                    + (reader.lastDecodeError().empty() ? "decoder reported corruption"
                                                        : reader.lastDecodeError())
                    + ")");
        }
        if (damaged && work.onWarning) {
            work.onWarning(segmentName(work) + ": a warm-up frame at " + timeAt(*work.source, decoded.pts)
                + " is damaged; the matte may settle a little later");
        }
        warmupFrames += warmup ? 1 : 0;
        noteActivity(work);
        if (convert) {
            if (!converter) {
                converter = std::make_unique<FisheyeConverter>(
                    decoded.frame->width, decoded.frame->height, decoded.frame->format);
            }
            decoded.frame = converter->convert(decoded.frame.get());
        }
        if (!out.push(DecodedItem { std::move(decoded.frame), decoded.pts, warmup })) {
            return;
        }
    }
    out.close();
}

void matteStage(const SegmentWork& work, BoundedQueue<DecodedItem>& in, BoundedQueue<MattedItem>& out)
{
    std::unique_ptr<EyeFrames> eyes;
    double ratio = work.downsampleRatio;
    work.backend->resetState();
    MediaInfo seen = *work.source;
    seen.layout = work.layout;
    while (auto item = in.pop()) {
        checkCancel(work);
        if (!eyes) {
            eyes = std::make_unique<EyeFrames>(seen, item->frame->format);
            if (ratio <= 0.0) {
                ratio = autoDownsampleRatio(eyes->eyeWidth(), eyes->eyeHeight());
            }
        }
        torch::Tensor alpha = work.backend->step(eyes->toEyes(item->frame.get()), ratio);
        noteActivity(work);
        if (item->warmup) {
            continue; // warm-up frames only prime the recurrent state
        }
        if (!out.push(MattedItem { std::move(item->frame), eyes->toFrameMatte(alpha), item->pts })) {
            return;
        }
    }
    out.close();
}

} // namespace

SegmentOutcome processSegment(const SegmentWork& work)
{
    BoundedQueue<DecodedItem> decoded(kQueueDepth);
    BoundedQueue<MattedItem> matted(kQueueDepth);
    PipelineFailure failure;
    SegmentOutcome outcome;

    std::jthread decoder([&] {
        try {
            decodeStage(work, decoded, outcome.warmupFrames);
        } catch (...) {
            failure.record(std::current_exception(), decoded, matted);
        }
    });
    std::jthread matter([&] {
        try {
            matteStage(work, decoded, matted);
        } catch (const c10::Error& e) {
            failure.record(std::make_exception_ptr(modelFailure(segmentName(work) + ": the model failed",
                               e.what_without_backtrace(), work.backend->device())),
                decoded, matted);
        } catch (const std::bad_alloc&) {
            failure.record(std::make_exception_ptr(modelFailure(segmentName(work) + ": the model failed",
                               "out of memory", work.backend->device())),
                decoded, matted);
        } catch (...) {
            failure.record(std::current_exception(), decoded, matted);
        }
    });

    try {
        const PackerConfig config = packerConfigFor(work.packing, *work.source, work.encoder, work.keyColor);
        auto packer = makePacker(work.packing, config);
        ChunkEncoder encoder(work.chunkFile,
            ChunkFormat { packer->outputWidth(), packer->outputHeight(), config.format(),
                config.keepsSourceRange(work.packing) },
            *work.source, work.encoder);
        while (auto item = matted.pop()) {
            ff::FramePtr packed = packer->pack(item->frame.get(), item->matte);
            encoder.encode(packed.get(), item->pts);
            outcome.framesWritten = encoder.framesWritten();
            noteActivity(work);
            if (work.onFrames) {
                work.onFrames(outcome.framesWritten);
            }
        }
        decoder.join();
        matter.join();
        failure.rethrowIfAny();
        checkCancel(work);
        if (outcome.framesWritten != work.segment.frameCount()) {
            throw Error(ErrorKind::Decode,
                segmentName(work) + ": expected " + std::to_string(work.segment.frameCount())
                    + " frames between " + timeAt(*work.source, work.segment.ptsStart) + " and "
                    + timeAt(*work.source, work.segment.ptsEnd) + " but only "
                    + std::to_string(outcome.framesWritten) + " could be decoded: the file is damaged there");
        }
        encoder.finish();
    } catch (...) {
        failure.record(std::current_exception(), decoded, matted);
        if (decoder.joinable()) {
            decoder.join();
        }
        if (matter.joinable()) {
            matter.join();
        }
        failure.rethrowIfAny();
    }
    return outcome;
}

} // namespace passthrough
