#include "pipeline/scenescan.h"

#include "matting/eyeframes.h"
#include "matting/scenecutdetector.h"
#include "media/framereader.h"
#include "util/error.h"

extern "C" {
#include <libavutil/frame.h> // the decoded frame's pixel format
}

#include <memory>

namespace passthrough {

std::vector<std::int64_t> findSceneCuts(const MediaInfo& source, const std::atomic<bool>* cancel,
    const std::function<void(std::int64_t, std::int64_t)>& onProgress)
{
    FrameReader reader(source.path, source.videoStreamIndex);
    std::unique_ptr<EyeFrames> eyes;
    SceneCutDetector detector;
    std::vector<std::int64_t> cuts;
    std::int64_t done = 0;
    for (;;) {
        if (cancel && cancel->load()) {
            throw Error(
                ErrorKind::Cancelled, "looking for the scene cuts of " + source.path + " was cancelled");
        }
        const DecodedFrame decoded = reader.next();
        if (!decoded.frame) {
            break;
        }
        if (!eyes) {
            eyes = std::make_unique<EyeFrames>(source, decoded.frame->format);
        }
        if (detector.isCut(eyes->toBatch(decoded.frame.get()))) {
            cuts.push_back(decoded.pts);
        }
        if (onProgress) {
            onProgress(++done, source.frameCount);
        }
    }
    return cuts;
}

} // namespace passthrough
