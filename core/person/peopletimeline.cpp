#include "person/peopletimeline.h"

#include "util/durablefile.h"
#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace passthrough::person {
namespace {

// Version 2 holds each frame's people found from below (FramePeople::fromBelow) after its eyes;
// version 1 files read with none.
constexpr char kMagic[8] = { 'P', 'T', 'P', 'E', 'O', 'P', 'L', '2' };
constexpr char kMagicVersion1[8] = { 'P', 'T', 'P', 'E', 'O', 'P', 'L', '1' };
// Who counts as a person for tracking and every decision (MoveNet's own demo threshold).
constexpr float kTrackedScore = 0.2F;
constexpr float kKeypointSeen = 0.3F;

class Writer {
public:
    template <typename T> void put(T v)
    {
        char bytes[sizeof(T)];
        std::memcpy(bytes, &v, sizeof(T));
        m_data.append(bytes, sizeof(T));
    }
    void append(const std::string& s) { m_data += s; }
    [[nodiscard]] const std::string& data() const { return m_data; }

private:
    std::string m_data;
};

class Reader {
public:
    Reader(const std::string& data, const std::filesystem::path& path)
        : m_data(data)
        , m_path(path)
    {
    }
    template <typename T> T get()
    {
        need(sizeof(T));
        T v;
        std::memcpy(&v, m_data.data() + m_offset, sizeof(T));
        m_offset += sizeof(T);
        return v;
    }
    std::string take(std::size_t n)
    {
        need(n);
        std::string s = m_data.substr(m_offset, n);
        m_offset += n;
        return s;
    }
    [[noreturn]] void fail(const std::string& why) const
    {
        throw Error(
            ErrorKind::JobMismatch, "The people file " + m_path.string() + " is not usable: " + why + ".");
    }
    [[nodiscard]] bool atEnd() const { return m_offset == m_data.size(); }

private:
    void need(std::size_t n) const
    {
        if (n > m_data.size() - m_offset) {
            fail("it ends early");
        }
    }
    const std::string& m_data;
    std::filesystem::path m_path;
    std::size_t m_offset = 0;
};

void putPerson(Writer& w, const EyePerson& p)
{
    for (const PosePoint& k : p.pose.keypoints) {
        w.put<float>(k.x);
        w.put<float>(k.y);
        w.put<float>(k.score);
    }
    for (float v : { p.pose.left, p.pose.top, p.pose.right, p.pose.bottom, p.pose.score }) {
        w.put<float>(v);
    }
    for (float v : p.appearance) {
        w.put<std::uint8_t>(std::uint8_t(std::lround(std::clamp(v, 0.0F, 1.0F) * 255.0F)));
    }
    w.put<std::int32_t>(p.track);
}

EyePerson getPerson(Reader& r)
{
    EyePerson p;
    for (PosePoint& k : p.pose.keypoints) {
        k.x = r.get<float>();
        k.y = r.get<float>();
        k.score = r.get<float>();
    }
    p.pose.left = r.get<float>();
    p.pose.top = r.get<float>();
    p.pose.right = r.get<float>();
    p.pose.bottom = r.get<float>();
    p.pose.score = r.get<float>();
    float sum = 0;
    for (float& v : p.appearance) {
        v = float(r.get<std::uint8_t>()) / 255.0F;
        sum += v;
    }
    for (float& v : p.appearance) {
        v = sum > 0 ? v / sum : 0.0F;
    }
    p.track = r.get<std::int32_t>();
    return p;
}

float centreX(const Pose& p)
{
    return 0.5F * (p.left + p.right);
}
float centreY(const Pose& p)
{
    return 0.5F * (p.top + p.bottom);
}
// Mean distance of the keypoints both poses see, in box diagonals; 1 when none is shared.
float skeletonDistance(const Pose& a, const Pose& b)
{
    const float diagonal = std::max(1e-3F, std::hypot(a.right - a.left, a.bottom - a.top));
    float sum = 0;
    int n = 0;
    for (int k = 0; k < KeypointCount; ++k) {
        const PosePoint& p = a.keypoints[std::size_t(k)];
        const PosePoint& q = b.keypoints[std::size_t(k)];
        if (p.score > kKeypointSeen && q.score > kKeypointSeen) {
            sum += std::hypot(p.x - q.x, p.y - q.y) / diagonal;
            ++n;
        }
    }
    return n > 0 ? std::min(1.0F, sum / float(n)) : 1.0F;
}

struct Candidate {
    float cost;
    std::size_t a;
    std::size_t b;
};

// Lowest cost first, each side used once.
std::vector<std::pair<std::size_t, std::size_t>> greedyMatch(std::vector<Candidate> candidates)
{
    std::stable_sort(candidates.begin(), candidates.end(),
        [](const Candidate& x, const Candidate& y) { return x.cost < y.cost; });
    std::vector<std::pair<std::size_t, std::size_t>> matches;
    std::vector<std::size_t> usedA;
    std::vector<std::size_t> usedB;
    for (const Candidate& c : candidates) {
        if (std::find(usedA.begin(), usedA.end(), c.a) == usedA.end()
            && std::find(usedB.begin(), usedB.end(), c.b) == usedB.end()) {
            matches.emplace_back(c.a, c.b);
            usedA.push_back(c.a);
            usedB.push_back(c.b);
        }
    }
    return matches;
}

struct ActiveTrack {
    int id;
    std::size_t lastFrame;
    Pose pose;
};

} // namespace

const FramePeople* PeopleTimeline::at(std::int64_t pts) const
{
    const auto it = std::lower_bound(
        frames.begin(), frames.end(), pts, [](const FramePeople& f, std::int64_t p) { return f.pts < p; });
    return it != frames.end() && it->pts == pts ? &*it : nullptr;
}

std::ptrdiff_t PeopleTimeline::nearest(std::int64_t pts) const
{
    if (frames.empty()) {
        return -1;
    }
    const auto it = std::lower_bound(
        frames.begin(), frames.end(), pts, [](const FramePeople& f, std::int64_t p) { return f.pts < p; });
    if (it == frames.end()) {
        return std::ptrdiff_t(frames.size()) - 1;
    }
    if (it != frames.begin() && pts - std::prev(it)->pts < it->pts - pts) {
        return std::prev(it) - frames.begin();
    }
    return it - frames.begin();
}

float similarity(const Appearance& a, const Appearance& b)
{
    float sum = 0;
    for (int i = 0; i < kAppearanceBins; ++i) {
        sum += std::sqrt(std::max(0.0F, a[std::size_t(i)]) * std::max(0.0F, b[std::size_t(i)]));
    }
    return sum;
}

void writePeopleTimeline(const std::filesystem::path& path, const PeopleTimeline& t)
{
    Writer w;
    // A timeline read from a version 1 file is written as one, so that it keeps saying so.
    w.append(t.lookedFromBelow ? std::string(kMagic, sizeof kMagic)
                               : std::string(kMagicVersion1, sizeof kMagicVersion1));
    w.put<std::uint32_t>(std::uint32_t(t.eyeCount));
    w.put<std::uint32_t>(std::uint32_t(t.eyeWidth));
    w.put<std::uint32_t>(std::uint32_t(t.eyeHeight));
    w.put<std::uint32_t>(std::uint32_t(t.detectionSize));
    w.put<std::uint32_t>(std::uint32_t(t.sourceKey.size()));
    w.append(t.sourceKey);
    w.put<std::uint64_t>(t.frames.size());
    for (const FramePeople& f : t.frames) {
        w.put<std::int64_t>(f.pts);
        for (const auto* list : { &f.eyes, &f.fromBelow }) {
            if (list == &f.fromBelow && !t.lookedFromBelow) {
                break;
            }
            for (int e = 0; e < t.eyeCount; ++e) {
                const auto& people = (*list)[std::size_t(e)];
                w.put<std::uint8_t>(std::uint8_t(people.size()));
                for (const EyePerson& p : people) {
                    putPerson(w, p);
                }
            }
        }
    }
    writeFileAtomically(path, w.data());
}

PeopleTimeline readPeopleTimeline(const std::filesystem::path& path)
{
    const std::string data = readWholeFile(path);
    Reader r(data, path);
    const std::string magic = r.take(sizeof kMagic);
    const bool version1 = magic == std::string(kMagicVersion1, sizeof kMagicVersion1);
    if (!version1 && magic != std::string(kMagic, sizeof kMagic)) {
        r.fail("it is not a people file of this version");
    }
    PeopleTimeline t;
    t.lookedFromBelow = !version1;
    t.eyeCount = int(r.get<std::uint32_t>());
    t.eyeWidth = int(r.get<std::uint32_t>());
    t.eyeHeight = int(r.get<std::uint32_t>());
    t.detectionSize = int(r.get<std::uint32_t>());
    if (t.eyeCount < 1 || t.eyeCount > 2 || t.eyeWidth < 1 || t.eyeHeight < 1 || t.eyeWidth > 65536
        || t.eyeHeight > 65536 || t.detectionSize < 32 || t.detectionSize > 4096) {
        r.fail("its header is out of range");
    }
    const std::uint32_t keyLength = r.get<std::uint32_t>();
    if (keyLength > 4096) {
        r.fail("its source key is too long");
    }
    t.sourceKey = r.take(keyLength);
    const std::uint64_t frames = r.get<std::uint64_t>();
    if (frames > data.size() / 9) { // every frame takes at least 9 bytes
        r.fail("it claims more frames than it holds");
    }
    t.frames.resize(frames);
    for (FramePeople& f : t.frames) {
        f.pts = r.get<std::int64_t>();
        for (auto* list : { &f.eyes, &f.fromBelow }) {
            if (list == &f.fromBelow && version1) {
                break;
            }
            for (int e = 0; e < t.eyeCount; ++e) {
                const int count = r.get<std::uint8_t>();
                if (count > 6) {
                    r.fail("a frame holds more than 6 people in an eye");
                }
                for (int i = 0; i < count; ++i) {
                    (*list)[std::size_t(e)].push_back(getPerson(r));
                }
            }
        }
    }
    if (!r.atEnd()) {
        r.fail("it has bytes after its last frame");
    }
    for (std::size_t i = 1; i < t.frames.size(); ++i) {
        if (t.frames[i].pts <= t.frames[i - 1].pts) {
            r.fail("its frames are not in time order");
        }
    }
    return t;
}

void trackPeople(PeopleTimeline& t, double framesPerSecond, double secondsPerPts)
{
    // A person hidden for longer than this starts a new track (and may be recognised again by
    // appearance when decisions are made).
    const std::size_t maxGap = std::size_t(std::max(1.0, std::round(0.5 * framesPerSecond)));
    std::vector<ActiveTrack> active;
    int nextTrack = 0;
    for (std::size_t fi = 0; fi < t.frames.size(); ++fi) {
        auto& left = t.frames[fi].eyes[0];
        if (fi > 0 && double(t.frames[fi].pts - t.frames[fi - 1].pts) * secondsPerPts > 0.5) {
            active.clear();
        }
        std::erase_if(active, [&](const ActiveTrack& a) { return fi - a.lastFrame > maxGap; });
        std::vector<Candidate> candidates;
        for (std::size_t d = 0; d < left.size(); ++d) {
            left[d].track = -1;
            if (left[d].pose.score < kTrackedScore) {
                continue;
            }
            for (std::size_t a = 0; a < active.size(); ++a) {
                const float iou = boxOverlap(active[a].pose, left[d].pose);
                const float shift = std::hypot(centreX(active[a].pose) - centreX(left[d].pose),
                    centreY(active[a].pose) - centreY(left[d].pose));
                if (iou > 0.1F || shift < 0.15F) {
                    candidates.push_back(
                        { (1.0F - iou) + 0.5F * skeletonDistance(active[a].pose, left[d].pose), a, d });
                }
            }
        }
        for (const auto& [a, d] : greedyMatch(candidates)) {
            left[d].track = active[a].id;
            active[a].lastFrame = fi;
            active[a].pose = left[d].pose;
        }
        for (EyePerson& p : left) {
            if (p.track < 0 && p.pose.score >= kTrackedScore) {
                p.track = nextTrack++;
                active.push_back({ p.track, fi, p.pose });
            }
        }
        if (t.eyeCount < 2) {
            continue;
        }
        // The other eye sees the same people a little shifted (parallax): pair by position,
        // size and colours.
        auto& right = t.frames[fi].eyes[1];
        std::vector<Candidate> pairs;
        for (std::size_t r = 0; r < right.size(); ++r) {
            right[r].track = -1;
            if (right[r].pose.score < kTrackedScore) {
                continue;
            }
            for (std::size_t l = 0; l < left.size(); ++l) {
                if (left[l].track < 0) {
                    continue;
                }
                const Pose& a = left[l].pose;
                const Pose& b = right[r].pose;
                const float size = std::max(1e-3F, 0.5F * (a.bottom - a.top + b.bottom - b.top));
                const float cost = 2.0F * std::abs(centreY(a) - centreY(b)) / size
                    + std::abs(centreX(a) - centreX(b)) / size
                    + std::abs(std::log(std::max(1e-6F, boxArea(a)) / std::max(1e-6F, boxArea(b))))
                    + (1.0F - similarity(left[l].appearance, right[r].appearance));
                if (cost < 1.5F) {
                    pairs.push_back({ cost, r, l });
                }
            }
        }
        for (const auto& [r, l] : greedyMatch(pairs)) {
            right[r].track = left[l].track;
        }
    }
}

} // namespace passthrough::person
