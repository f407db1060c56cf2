#pragma once

#include "job/jobrecord.h"
#include "matting/mattecontrols.h"
#include "matting/mattingbackend.h"
#include "media/encodersettings.h"
#include "media/mediainfo.h"
#include "packing/packing.h"
#include "person/persondecisions.h"

#include <atomic>
#include <filesystem>
#include <functional>
#include <vector>

namespace passthrough {

struct SegmentWork {
    const MediaInfo* source = nullptr; // stream headers are enough
    SegmentRecord segment;
    std::filesystem::path chunkFile; // written here; the caller renames it when this returns
    PackingKind packing = PackingKind::Matte;
    // The layout the matte and the packer see; a side-by-side equirect 180 source whose layout
    // here is fisheye is converted frame by frame after decoding.
    Layout layout;
    EncoderSettings encoder;
    std::string keyColor = "#00B140";
    MatteControls matte; // applied to every matte before packing; scene cuts reset the model
    // Who leaves the matte by person (matte.people decided for every frame); null: nobody.
    const person::PeopleDecisions* people = nullptr;
    double downsampleRatio = 0.0; // 0 = auto
    MattingBackend* backend = nullptr;
    const std::atomic<bool>* cancel = nullptr;
    std::function<void(std::int64_t framesWritten)> onFrames; // called on the calling thread
    // Counted up by every stage as frames move (warm-up frames included): a farm worker's
    // heartbeat keeps its lease only while this advances, so a hung segment loses it.
    std::atomic<std::int64_t>* activity = nullptr;
    std::function<void(const std::string&)> onWarning; // called on any pipeline thread
};

struct SegmentOutcome {
    std::int64_t framesWritten = 0;
    std::int64_t warmupFrames = 0;
    std::string decoding; // what decoded the source (FrameReader::decoding)
    // Where a hard cut reset the model, by pts: cuts among the segment's own frames only (a
    // cut in the warm-up belongs to the segment before, which reports it).
    std::vector<std::int64_t> sceneCuts;
};

// Seek -> decode (warm-up frames, then the segment's frames) -> matte -> pack -> encode, as three
// threads joined by bounded queues. Throws Error naming the segment and the source on failure
// (a damaged frame, a missing frame, a model or encoder error) or Error(Cancelled).
SegmentOutcome processSegment(const SegmentWork& work);

} // namespace passthrough
