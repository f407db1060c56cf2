#include "pipeline/segmentprocessor.h"

#include "matting/eyeframes.h"
#include "matting/matteadjuster.h"
#include "matting/scenecutdetector.h"
#include "media/chunkencoder.h"
#include "media/ffmpegptr.h"
#include "media/fisheyeconverter.h"
#include "media/framereader.h"
#include "packing/outputencoding.h"
#include "packing/packer.h"
#include "person/personmatte.h"
#include "person/roimatte.h"
#include "pipeline/boundedqueue.h"
#include "util/error.h"

#include <torch/types.h>

#include <cstdio>
#include <mutex>
#include <thread>

namespace passthrough {
namespace {

// Each queue holds at most this many frames, and at most this many bytes (but always one):
// at 2048x1024 (3 MB a frame) the count binds, at 8K (50 MB a frame, 134 MB a full-size
// matte) the bytes do, so the queues' memory stays near 100 MB each whatever the frame size.
constexpr std::size_t kQueueDepth = 4;
constexpr std::size_t kQueueBytes = std::size_t(96) << 20;

struct DecodedItem {
    ff::FramePtr frame;
    std::int64_t pts = 0;
    bool warmup = false;
};

struct MattedItem {
    ff::FramePtr frame;
    torch::Tensor matte; // H x W in the source's layout, or N x D x D tiles (Packer::packTiles)
    torch::Tensor foreground; // H x W x 3 uint8, for the packings that use it (usesForeground)
    std::int64_t pts = 0;
};

std::size_t bytesOf(const MattedItem& item)
{
    return ff::frameBytes(item.frame.get()) + std::size_t(item.matte.nbytes())
        + (item.foreground.defined() ? std::size_t(item.foreground.nbytes()) : 0);
}

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

void decodeStage(const SegmentWork& work, BoundedQueue<DecodedItem>& out, SegmentOutcome& outcome)
{
    const SegmentRecord& seg = work.segment;
    FrameReader reader(work.source->path, work.source->videoStreamIndex);
    outcome.decoding = reader.decoding();
    std::int64_t& warmupFrames = outcome.warmupFrames;
    reader.seek(seg.warmupPtsStart);
    LayoutConversion convertLayout(work.layout.projection != work.source->layout.projection);
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
        decoded.frame = convertLayout(std::move(decoded.frame));
        const std::size_t bytes = ff::frameBytes(decoded.frame.get());
        if (!out.push(DecodedItem { std::move(decoded.frame), decoded.pts, warmup }, bytes)) {
            return;
        }
    }
    out.close();
}

void matteStage(const SegmentWork& work, BoundedQueue<DecodedItem>& in, BoundedQueue<MattedItem>& out,
    std::vector<std::int64_t>& sceneCuts)
{
    std::unique_ptr<EyeFrames> eyes;
    std::unique_ptr<MatteAdjuster> adjuster;
    std::unique_ptr<person::RoiMatting> roi;
    SceneCutDetector cuts;
    double ratio = work.downsampleRatio;
    work.backend->resetState();
    MediaInfo seen = *work.source;
    seen.layout = work.layout;
    int tileSize = 0;
    while (auto item = in.pop()) {
        checkCancel(work);
        if (!eyes) {
            eyes = std::make_unique<EyeFrames>(seen, item->frame->format);
            if (ratio <= 0.0) {
                ratio = autoDownsampleRatio(eyes->eyeWidth(), eyes->eyeHeight());
            }
            // A packing that stores a smaller matte gets it refined straight to that size.
            tileSize = matteTileSize(work.packing, item->frame->width, item->frame->height);
            adjuster = std::make_unique<MatteAdjuster>(work.matte, eyes->eyeWidth(), eyes->eyeHeight());
            if (work.people && work.matte.people.roiAuto) {
                // The same plan in every segment and on every worker: a function of the job's
                // people and the ratio only.
                roi = person::makeRoiMatting(*work.people, *work.backend, eyes->eyeWidth(), eyes->eyeHeight(),
                    ratio, work.source->ptsToSeconds(1), work.onWarning);
            }
        }
        EyeBatch batch = eyes->toBatch(item->frame.get(), tileSize);
        batch.foreground = !item->warmup && tileSize == 0 && usesForeground(work.packing);
        // A hard cut, even inside the warm-up, starts the model's memory afresh: what came
        // before it belongs to another shot, so a segment's state never reaches back past the
        // last cut and segments stay as independent as a continuous run is.
        if (work.matte.sceneCuts && cuts.isCut(batch)) {
            work.backend->resetState();
            adjuster->reset();
            if (roi) {
                roi->reset();
            }
            if (!item->warmup) {
                sceneCuts.push_back(item->pts);
            }
        }
        torch::Tensor alpha = work.backend->step(batch, ratio);
        if (roi) {
            alpha = roi->apply(batch, item->pts, std::move(alpha));
        }
        alpha = adjuster->apply(alpha, work.source->ptsToSeconds(item->pts));
        noteActivity(work);
        if (item->warmup) {
            continue; // warm-up frames only prime the recurrent state
        }
        if (work.people != nullptr) {
            alpha = person::removePeople(*work.people, item->pts, alpha, eyes->eyeWidth(), eyes->eyeHeight());
        }
        const torch::Tensor foreground = work.backend->takeForeground();
        MattedItem matted { std::move(item->frame),
            tileSize > 0 ? alpha.squeeze(1) : eyes->toFrameMatte(alpha),
            foreground.defined() ? eyes->toFrameForeground(foreground) : torch::Tensor(), item->pts };
        const std::size_t bytes = bytesOf(matted);
        if (!out.push(std::move(matted), bytes)) {
            return;
        }
    }
    out.close();
}

} // namespace

SegmentOutcome processSegment(const SegmentWork& work)
{
    BoundedQueue<DecodedItem> decoded(kQueueDepth, kQueueBytes);
    BoundedQueue<MattedItem> matted(kQueueDepth, kQueueBytes);
    PipelineFailure failure;
    SegmentOutcome outcome;

    std::jthread decoder([&] {
        try {
            decodeStage(work, decoded, outcome);
        } catch (...) {
            failure.record(std::current_exception(), decoded, matted);
        }
    });
    std::jthread matter([&] {
        try {
            matteStage(work, decoded, matted, outcome.sceneCuts);
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
            const bool tiles = item->matte.dim() == 3;
            ff::FramePtr packed = tiles ? packer->packTiles(item->frame.get(), item->matte)
                : item->foreground.defined()
                ? packer->packWithForeground(item->frame.get(), item->matte, item->foreground)
                : packer->pack(item->frame.get(), item->matte);
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
