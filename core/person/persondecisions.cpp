#include "person/persondecisions.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

namespace passthrough::person {
namespace {

// Calibrated on the shared clips (see README "Who stays"): a visible head part scores 0.3 or
// more; a POV body's box reaches the eye's bottom edge.
constexpr float kHeadSeen = 0.3F;
constexpr float kLimbSeen = 0.3F;
constexpr float kBottomEdge = 0.92F;
// Box overlap (intersection over union) above which a body seen from below and a headless
// person seen upright are the same one.
constexpr float kSameBody = 0.3F;
// The share of a body seen from below inside someone standing upright above which it is their
// own legs (in the shared clips a standing person's legs from below lie wholly in their box).
constexpr float kTheirOwnLegs = 0.7F;
// How far around a frame someone seen standing protects their part of the matte (seconds): the
// person model looks 6 times a second and may miss a detection or two.
constexpr double kStandingWindow = 0.5;
// How far a POV body found from below stands in for looks that missed it (seconds): the wearer
// never leaves, and the model finds a headless body in most looks but not all.
constexpr double kBodyHold = 0.5;
// Appearance similarity (Bhattacharyya coefficient of torso colour histograms) at or above which
// a track that never shares a frame with the picked one is the same person back in view, and
// below which a track is somebody else for sure. In between: not recognised with confidence.
constexpr float kSamePerson = 0.90F;
constexpr float kOtherPerson = 0.80F;

struct TrackInfo {
    std::set<std::size_t> frames;
    Appearance appearance {};
};

float meanY(const Pose& p, std::initializer_list<Keypoint> points, int& seen)
{
    float sum = 0;
    seen = 0;
    for (Keypoint k : points) {
        if (p.keypoints[std::size_t(k)].score > kLimbSeen) {
            sum += p.keypoints[std::size_t(k)].y;
            ++seen;
        }
    }
    return seen > 0 ? sum / float(seen) : 0.0F;
}

std::string text(const char* format, auto... values)
{
    char buffer[256];
    std::snprintf(buffer, sizeof buffer, format, values...);
    return buffer;
}

// How far a point is from a person, in eye units: 0 inside the skeleton's reach, growing outside
// the box. Used to find the person a click means.
float distanceTo(const Pose& p, double x, double y)
{
    const float dx = std::max({ p.left - float(x), 0.0F, float(x) - p.right });
    const float dy = std::max({ p.top - float(y), 0.0F, float(y) - p.bottom });
    float nearestPoint = 1.0F;
    for (const PosePoint& k : p.keypoints) {
        if (k.score > kLimbSeen) {
            nearestPoint = std::min(nearestPoint, std::hypot(k.x - float(x), k.y - float(y)));
        }
    }
    return std::hypot(dx, dy) + 0.1F * nearestPoint;
}

float headScore(const Pose& p)
{
    float head = 0;
    for (Keypoint k : { Nose, LeftEye, RightEye, LeftEar, RightEar }) {
        head = std::max(head, p.keypoints[std::size_t(k)].score);
    }
    return head;
}

// How much of `inner`'s box lies inside `outer`'s.
float shareInside(const Pose& inner, const Pose& outer)
{
    return boxIntersection(inner, outer) / std::max(1e-6F, boxArea(inner));
}

// Whether `body`, seen from below, is someone standing upright's own legs in `people`.
bool theirOwnLegs(const Pose& body, const std::vector<EyePerson>& people)
{
    return std::any_of(people.begin(), people.end(), [&](const EyePerson& p) {
        return !p.povBody && p.pose.score >= kPersonScore && standsUpright(p.pose)
            && shareInside(body, p.pose) >= kTheirOwnLegs;
    });
}

// Adds a POV body to a frame's people in one eye (an upright detection of the same headless
// body is marked too).
void addBody(std::vector<EyePerson>& people, const EyePerson& body)
{
    for (EyePerson& p : people) {
        if (!standsUpright(p.pose) && boxOverlap(p.pose, body.pose) > kSameBody) {
            p.povBody = true;
        }
    }
    EyePerson added = body;
    added.povBody = true;
    added.track = -1;
    added.pose.score = std::max(added.pose.score, kPersonScore);
    people.push_back(added);
}

// The camera wearer's bodies that the look from below found join the frame's people, marked
// povBody and counted as people by the split (their scores are low: the model knows heads). A
// body mostly inside someone standing upright is that person's own legs, seen from below: they
// stay. Returns the frames in which a body was found or held.
std::size_t addBodiesFromBelow(PeopleTimeline& timeline, double secondsPerPts)
{
    // The bodies each frame's own look found, per eye.
    auto& frames = timeline.frames;
    std::vector<std::array<std::vector<EyePerson>, 2>> found(frames.size());
    for (std::size_t f = 0; f < frames.size(); ++f) {
        for (int e = 0; e < timeline.eyeCount; ++e) {
            for (const EyePerson& body : frames[f].fromBelow[std::size_t(e)]) {
                if (isBodyFromBelow(body.pose) && !theirOwnLegs(body.pose, frames[f].eyes[std::size_t(e)])) {
                    found[f][std::size_t(e)].push_back(body);
                }
            }
        }
    }
    // The wearer never leaves: where a look missed the body, the nearest one found within
    // kBodyHold seconds stands in (unless it is someone standing's legs in this frame).
    const auto hold = std::int64_t(kBodyHold / secondsPerPts);
    std::size_t withBody = 0;
    for (std::size_t f = 0; f < frames.size(); ++f) {
        bool any = false;
        for (int e = 0; e < timeline.eyeCount; ++e) {
            const auto eye = std::size_t(e);
            const std::vector<EyePerson>* bodies = &found[f][eye];
            for (std::size_t d = 1; bodies->empty(); ++d) {
                const bool before = f >= d && frames[f].pts - frames[f - d].pts <= hold;
                const bool after = f + d < frames.size() && frames[f + d].pts - frames[f].pts <= hold;
                if (!before && !after) {
                    break;
                }
                if (before && !found[f - d][eye].empty()) {
                    bodies = &found[f - d][eye];
                } else if (after && !found[f + d][eye].empty()) {
                    bodies = &found[f + d][eye];
                }
            }
            for (const EyePerson& body : *bodies) {
                if (bodies == &found[f][eye] || !theirOwnLegs(body.pose, frames[f].eyes[eye])) {
                    addBody(frames[f].eyes[eye], body);
                    any = true;
                }
            }
        }
        withBody += any ? 1 : 0;
    }
    return withBody;
}

} // namespace

bool standsUpright(const Pose& p)
{
    if (headScore(p) < kHeadSeen) {
        return false;
    }
    int heads = 0;
    int shoulders = 0;
    const float headY = meanY(p, { Nose, LeftEye, RightEye, LeftEar, RightEar }, heads);
    const float shoulderY = meanY(p, { LeftShoulder, RightShoulder }, shoulders);
    return shoulders == 0 || heads == 0 || headY < shoulderY;
}

bool isBodyFromBelow(const Pose& p)
{
    if (p.score < kStoredPersonScore || p.bottom < kBottomEdge || headScore(p) >= kHeadSeen) {
        return false;
    }
    // The model scores a headless body low and sees few of its joints; what it does see must not
    // say upright: legs below the hips, or shoulders above them.
    int hips = 0;
    int legs = 0;
    int shoulders = 0;
    const float hipY = meanY(p, { LeftHip, RightHip }, hips);
    const float legY = meanY(p, { LeftKnee, RightKnee, LeftAnkle, RightAnkle }, legs);
    const float shoulderY = meanY(p, { LeftShoulder, RightShoulder }, shoulders);
    const bool legsDown = hips > 0 && legs > 0 && legY > hipY + 0.02F;
    const bool torsoUpright = hips > 0 && shoulders > 0 && shoulderY < hipY - 0.02F;
    return !legsDown && !torsoUpright;
}

bool isPovBody(const Pose& p)
{
    if (p.bottom < kBottomEdge) {
        return false;
    }
    float head = 0;
    for (Keypoint k : { Nose, LeftEye, RightEye, LeftEar, RightEar }) {
        head = std::max(head, p.keypoints[std::size_t(k)].score);
    }
    int hips = 0;
    int legs = 0;
    const float hipY = meanY(p, { LeftHip, RightHip }, hips);
    const float legY = meanY(p, { LeftKnee, RightKnee, LeftAnkle, RightAnkle }, legs);
    const bool legsUp = hips > 0 && legs > 0 && legY < hipY - 0.02F;
    return head < kHeadSeen || legsUp;
}

PeopleDecisions::PeopleDecisions(PeopleTimeline timeline, const PersonChoices& choices, double secondsPerPts)
    : m_timeline(std::move(timeline))
    , m_removeOutside(choices.removeOutside)
    , m_povAuto(choices.povAuto)
{
    const std::size_t frameCount = m_timeline.frames.size();
    const std::size_t bodyFrames = choices.povAuto ? addBodiesFromBelow(m_timeline, secondsPerPts) : 0;
    m_standingWindow = std::int64_t(kStandingWindow / secondsPerPts);
    m_removed.resize(frameCount);
    for (std::size_t f = 0; f < frameCount; ++f) {
        for (int e = 0; e < 2; ++e) {
            m_removed[f][std::size_t(e)].assign(m_timeline.frames[f].eyes[std::size_t(e)].size(), false);
        }
    }

    // Each left-eye track: where it is seen and what it looks like on average.
    std::map<int, TrackInfo> tracks;
    for (std::size_t f = 0; f < frameCount; ++f) {
        for (const EyePerson& p : m_timeline.frames[f].eyes[0]) {
            if (p.track < 0) {
                continue;
            }
            TrackInfo& info = tracks[p.track];
            info.frames.insert(f);
            for (int b = 0; b < kAppearanceBins; ++b) {
                info.appearance[std::size_t(b)] += p.appearance[std::size_t(b)];
            }
        }
    }
    for (auto& [id, info] : tracks) {
        float sum = 0;
        for (float v : info.appearance) {
            sum += v;
        }
        for (float& v : info.appearance) {
            v = sum > 0 ? v / sum : 0.0F;
        }
    }
    const auto coexist = [&](const TrackInfo& a, const TrackInfo& b) {
        return std::any_of(
            a.frames.begin(), a.frames.end(), [&](std::size_t f) { return b.frames.count(f) > 0; });
    };

    // Each pick: the track under its point, then every track recognised as the same person.
    for (const PersonPick& pick : choices.picks) {
        std::vector<int> identity;
        const std::ptrdiff_t f = m_timeline.nearest(std::int64_t(std::llround(pick.seconds / secondsPerPts)));
        int best = -1;
        float bestDistance = 0.05F; // a click may miss a thin limb by a little
        if (f >= 0) {
            for (const EyePerson& p : m_timeline.frames[std::size_t(f)].eyes[0]) {
                const float d = distanceTo(p.pose, pick.x, pick.y);
                if (p.track >= 0 && d <= bestDistance) {
                    best = p.track;
                    bestDistance = d;
                }
            }
        }
        const char* verb = pick.action == PersonPick::Action::Keep ? "keep" : "remove";
        if (best < 0) {
            m_notes.push_back(
                text("%s person at (%.3g,%.3g) at %.3g s: nobody found under that point; the pick is "
                     "left out",
                    verb, pick.x, pick.y, pick.seconds));
            m_pickedTracks.push_back({});
            continue;
        }
        const TrackInfo& chosen = tracks.at(best);
        std::set<std::size_t> seenIn = chosen.frames;
        identity.push_back(best);
        for (const auto& [id, info] : tracks) {
            if (id != best && !coexist(chosen, info)
                && similarity(chosen.appearance, info.appearance) >= kSamePerson) {
                identity.push_back(id);
                seenIn.insert(info.frames.begin(), info.frames.end());
            }
        }
        m_notes.push_back(
            text("%s person at (%.3g,%.3g) at %.3g s: recognised in %zu of %zu frames (%zu track%s)", verb,
                pick.x, pick.y, pick.seconds, seenIn.size(), frameCount, identity.size(),
                identity.size() == 1 ? "" : "s"));
        m_pickedTracks.push_back(identity);
    }
    // With a keep pick in force, a track goes only when it is somebody else for sure: it shares a
    // frame with a kept person or looks clearly different from each. Not recognised either way:
    // it stays (losing the subject is worse than keeping an extra). Picks hold during their
    // spans, so which picks are in force is a function of the frame's time: the tracks that go
    // are worked out once for each set of picks in force (at most 2^32, in practice a handful).
    const auto tracksOut = [&](std::uint32_t inForce) {
        std::set<int> kept;
        std::set<int> out;
        for (std::size_t i = 0; i < choices.picks.size(); ++i) {
            if ((inForce >> i & 1U) == 0) {
                continue;
            }
            const std::vector<int>& identity = m_pickedTracks[i];
            (choices.picks[i].action == PersonPick::Action::Keep ? kept : out)
                .insert(identity.begin(), identity.end());
        }
        if (kept.empty()) {
            return out;
        }
        for (const auto& [id, info] : tracks) {
            if (kept.count(id) > 0) {
                continue;
            }
            bool different = true;
            for (int k : kept) {
                const TrackInfo& keep = tracks.at(k);
                if (!coexist(keep, info) && similarity(keep.appearance, info.appearance) >= kOtherPerson) {
                    different = false;
                }
            }
            if (different) {
                out.insert(id);
            }
        }
        return out;
    };
    std::map<std::uint32_t, std::set<int>> outByPicks;

    std::size_t povFrames = 0;
    std::size_t outsideFrames = 0;
    for (std::size_t f = 0; f < frameCount; ++f) {
        const FramePeople& frame = m_timeline.frames[f];
        std::uint32_t inForce = 0;
        for (std::size_t i = 0; i < choices.picks.size(); ++i) {
            const bool holds = choices.picks[i].span.contains(double(frame.pts) * secondsPerPts);
            inForce |= holds && !m_pickedTracks[i].empty() ? 1U << i : 0U;
        }
        auto found = outByPicks.find(inForce);
        if (found == outByPicks.end()) {
            found = outByPicks.emplace(inForce, tracksOut(inForce)).first;
        }
        const std::set<int>& picked = found->second;
        bool pov = false;
        for (int e = 0; e < m_timeline.eyeCount; ++e) {
            const auto& people = frame.eyes[std::size_t(e)];
            auto& removed = m_removed[f][std::size_t(e)];
            std::vector<std::size_t> ranked;
            for (std::size_t i = 0; i < people.size(); ++i) {
                const EyePerson& p = people[i];
                if (p.pose.score < kPersonScore) {
                    continue;
                }
                bool out = choices.povAuto && (p.povBody || isPovBody(p.pose));
                pov = pov || out;
                out = out || (p.track >= 0 && picked.count(p.track) > 0);
                removed[i] = out;
                if (!out) {
                    ranked.push_back(i);
                }
            }
            if (choices.maxPeople > 0 && int(ranked.size()) > choices.maxPeople) {
                std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) {
                    return boxArea(people[a].pose) > boxArea(people[b].pose);
                });
                for (std::size_t r = std::size_t(choices.maxPeople); r < ranked.size(); ++r) {
                    removed[ranked[r]] = true;
                }
            }
        }
        // Both eyes agree on a person they both see: the left eye's decision wins.
        if (m_timeline.eyeCount == 2) {
            const auto& left = frame.eyes[0];
            const auto& right = frame.eyes[1];
            for (std::size_t r = 0; r < right.size(); ++r) {
                for (std::size_t l = 0; l < left.size(); ++l) {
                    if (right[r].track >= 0 && right[r].track == left[l].track) {
                        m_removed[f][1][r] = m_removed[f][0][l];
                    }
                }
            }
        }
        povFrames += pov ? 1 : 0;
        outsideFrames += m_removeOutside && (someoneStays(f, 0) || someoneStays(f, 1)) ? 1 : 0;
    }
    if (choices.povAuto) {
        m_notes.push_back(text("POV body found and removed in %zu of %zu frames (seen from below in %zu)",
            povFrames, frameCount, bodyFrames));
        if (!m_timeline.lookedFromBelow) {
            m_notes.push_back("the people file was made before the look from below: the POV body is found "
                              "upright only, as when this job began (delete people.bin to look again)");
        }
    }
    if (choices.removeOutside) {
        m_notes.push_back(text("matte outside the people who stay removed in %zu of %zu frames (kept in "
                               "frames where nobody stays)",
            outsideFrames, frameCount));
    }
}

const std::array<std::vector<bool>, 2>* PeopleDecisions::removed(std::int64_t pts) const
{
    const FramePeople* frame = m_timeline.at(pts);
    if (frame == nullptr) {
        return nullptr;
    }
    return &m_removed[std::size_t(frame - m_timeline.frames.data())];
}

// The matte outside the people goes only beside someone who stays: in an eye where the model
// finds nobody (a missed frame) or everyone is removed, the matte is all there is of whoever the
// model missed, and removing it would blank the eye.
std::array<bool, 2> PeopleDecisions::outsideRemoved(std::int64_t pts) const
{
    const FramePeople* frame = m_timeline.at(pts);
    if (!m_removeOutside || frame == nullptr) {
        return { false, false };
    }
    const auto f = std::size_t(frame - m_timeline.frames.data());
    return { someoneStays(f, 0), someoneStays(f, 1) };
}

std::array<std::vector<Pose>, 2> PeopleDecisions::standingNear(std::int64_t pts) const
{
    std::array<std::vector<Pose>, 2> near;
    const FramePeople* frame = m_timeline.at(pts);
    if (!m_povAuto || frame == nullptr) {
        return near;
    }
    const auto& frames = m_timeline.frames;
    const auto centre = std::size_t(frame - frames.data());
    std::size_t first = centre;
    while (first > 0 && frames[first - 1].pts >= pts - m_standingWindow) {
        --first;
    }
    for (std::size_t g = first; g < frames.size() && frames[g].pts <= pts + m_standingWindow; ++g) {
        for (int e = 0; e < m_timeline.eyeCount; ++e) {
            for (const EyePerson& p : frames[g].eyes[std::size_t(e)]) {
                if (!p.povBody && p.pose.score >= kStoredPersonScore && standsUpright(p.pose)) {
                    near[std::size_t(e)].push_back(p.pose);
                }
            }
        }
    }
    return near;
}

bool PeopleDecisions::someoneStays(std::size_t f, int eye) const
{
    if (eye >= m_timeline.eyeCount) {
        return false;
    }
    const auto& people = m_timeline.frames[f].eyes[std::size_t(eye)];
    const auto& removed = m_removed[f][std::size_t(eye)];
    for (std::size_t i = 0; i < people.size(); ++i) {
        if (people[i].pose.score >= kPersonScore && !removed[i]) {
            return true;
        }
    }
    return false;
}

} // namespace passthrough::person
