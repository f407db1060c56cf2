#include "job/mattejson.h"

#include "util/error.h"

#include <nlohmann/json.hpp>

namespace passthrough {

using nlohmann::json;

namespace {

const char* regionActionName(MatteRegion::Action action)
{
    return action == MatteRegion::Action::Remove ? "remove" : "keep";
}

const char* regionShapeName(MatteRegion::Shape shape)
{
    return shape == MatteRegion::Shape::Rectangle ? "rectangle" : "polygon";
}

const char* regionEyeName(MatteRegion::Eye eye)
{
    switch (eye) {
    case MatteRegion::Eye::Left:
        return "left";
    case MatteRegion::Eye::Right:
        return "right";
    case MatteRegion::Eye::Both:
        return "both";
    }
    return "both";
}

json toJson(const RegionPoints& points)
{
    json array = json::array();
    for (const auto& [x, y] : points) {
        array.push_back({ x, y });
    }
    return array;
}

RegionPoints readPoints(const JsonFields& f)
{
    RegionPoints result;
    const json& points = f.array("points", 256);
    for (std::size_t p = 0; p < points.size(); ++p) {
        const json& xy = points[p];
        if (!xy.is_array() || xy.size() != 2 || !xy[0].is_number() || !xy[1].is_number()) {
            f.fail("points[" + std::to_string(p) + "]", "must be a pair of numbers [x, y]");
        }
        result.emplace_back(xy[0].get<double>(), xy[1].get<double>());
    }
    return result;
}

json toJson(const PersonChoices& p)
{
    json picks = json::array();
    for (const PersonPick& pick : p.picks) {
        json entry { { "action", pick.action == PersonPick::Action::Keep ? "keep" : "remove" },
            { "x", pick.x }, { "y", pick.y }, { "seconds", pick.seconds } };
        writeSpan(entry, pick.span);
        picks.push_back(std::move(entry));
    }
    return json { { "pov", p.povAuto ? "auto" : "off" }, { "picks", picks }, { "maxPeople", p.maxPeople },
        { "detectionSize", p.detectionSize }, { "outsidePeople", p.removeOutside ? "remove" : "keep" },
        { "roi", p.roiAuto ? "auto" : "off" } };
}

// One of `names`, or a refusal naming the field.
template <typename Enum>
Enum readChoice(
    const JsonFields& f, const std::string& key, std::initializer_list<std::pair<const char*, Enum>> names)
{
    const std::string value = f.text(key, 32);
    std::string expected;
    for (const auto& [name, e] : names) {
        if (value == name) {
            return e;
        }
        expected += (expected.empty() ? "" : " or ") + std::string(name);
    }
    f.fail(key, "must be " + expected + ", not '" + value + "'");
}

PersonChoices readPersonChoices(const JsonFields& f)
{
    PersonChoices p;
    p.povAuto = readChoice<bool>(f, "pov", { { "auto", true }, { "off", false } });
    const json& picks = f.array("picks", 32);
    for (std::size_t i = 0; i < picks.size(); ++i) {
        const JsonFields r = f.element("picks", i);
        PersonPick pick;
        pick.action = readChoice<PersonPick::Action>(
            r, "action", { { "keep", PersonPick::Action::Keep }, { "remove", PersonPick::Action::Remove } });
        pick.x = r.number("x", 0.0, 1.0);
        pick.y = r.number("y", 0.0, 1.0);
        pick.seconds = r.number("seconds", 0.0, 1e7);
        pick.span = readSpan(r);
        p.picks.push_back(pick);
    }
    p.maxPeople = int(f.integer("maxPeople", 0, 6));
    if (f.has("detectionSize")) { // absent in settings the window saved before schema 6
        p.detectionSize = int(f.integer("detectionSize", kDefaultDetectionSize, kLargeDetectionSize));
        if (!isDetectionSize(p.detectionSize)) {
            f.fail("detectionSize",
                "must be " + std::to_string(kDefaultDetectionSize) + " or "
                    + std::to_string(kLargeDetectionSize));
        }
    }
    if (f.has("outsidePeople")) { // absent in settings the window saved before schema 7
        p.removeOutside = readChoice<bool>(f, "outsidePeople", { { "remove", true }, { "keep", false } });
    }
    if (f.has("roi")) { // absent in settings the window saved before schema 8
        p.roiAuto = readChoice<bool>(f, "roi", { { "auto", true }, { "off", false } });
    }
    return p;
}

} // namespace

void writeSpan(json& object, const TimeSpan& span)
{
    if (span.from != 0.0) {
        object["from"] = span.from;
    }
    if (span.to) {
        object["to"] = *span.to;
    }
}

TimeSpan readSpan(const JsonFields& f)
{
    TimeSpan span;
    if (f.has("from")) {
        span.from = f.number("from", 0.0, 1e7);
    }
    if (f.has("to")) {
        span.to = f.number("to", 0.0, 1e7);
    }
    try {
        validateTimeSpan(span, "the span");
    } catch (const Error& e) {
        f.fail("to", e.what());
    }
    return span;
}

json toJson(const MatteControls& m)
{
    json regions = json::array();
    for (const MatteRegion& r : m.regions) {
        json region { { "action", regionActionName(r.action) }, { "shape", regionShapeName(r.shape) },
            { "eye", regionEyeName(r.eye) }, { "points", toJson(r.points) } };
        writeSpan(region, r.span);
        if (r.moves()) {
            json keys = json::array();
            for (const RegionKey& key : r.keys) {
                keys.push_back({ { "seconds", key.seconds }, { "points", toJson(key.points) } });
            }
            region["keys"] = std::move(keys);
        }
        regions.push_back(std::move(region));
    }
    return json { { "regions", regions }, { "regionFeather", m.regionFeather },
        { "levels", { m.black, m.white } }, { "choke", m.choke }, { "feather", m.feather },
        { "smooth", m.smooth }, { "sceneCuts", m.sceneCuts ? "auto" : "off" },
        { "people", toJson(m.people) } };
}

MatteControls readMatteControls(const JsonFields& f)
{
    MatteControls m;
    const json& regions = f.array("regions", 64);
    for (std::size_t i = 0; i < regions.size(); ++i) {
        const JsonFields r = f.element("regions", i);
        MatteRegion region;
        region.action = readChoice<MatteRegion::Action>(r, "action",
            { { "remove", MatteRegion::Action::Remove }, { "keep", MatteRegion::Action::Keep } });
        region.shape = readChoice<MatteRegion::Shape>(r, "shape",
            { { "rectangle", MatteRegion::Shape::Rectangle }, { "polygon", MatteRegion::Shape::Polygon } });
        region.eye = readChoice<MatteRegion::Eye>(r, "eye",
            { { "both", MatteRegion::Eye::Both }, { "left", MatteRegion::Eye::Left },
                { "right", MatteRegion::Eye::Right } });
        region.points = readPoints(r);
        region.span = readSpan(r);
        if (r.has("keys")) {
            const json& keys = r.array("keys", 256);
            for (std::size_t k = 0; k < keys.size(); ++k) {
                const JsonFields key = r.element("keys", k);
                region.keys.push_back(RegionKey { key.number("seconds", 0.0, 1e7), readPoints(key) });
            }
        }
        try {
            MatteControls alone;
            alone.regions = { region };
            validateMatteControls(alone);
        } catch (const Error& e) {
            f.fail("regions[" + std::to_string(i) + "]", e.what());
        }
        m.regions.push_back(std::move(region));
    }
    m.regionFeather = f.number("regionFeather", 0.0, 1000.0);
    const json& levels = f.array("levels", 2);
    if (levels.size() != 2 || !levels[0].is_number() || !levels[1].is_number()) {
        f.fail("levels", "must be a pair of numbers [black, white]");
    }
    m.black = levels[0].get<double>();
    m.white = levels[1].get<double>();
    m.choke = f.number("choke", -100.0, 100.0);
    m.feather = f.number("feather", 0.0, 100.0);
    m.smooth = f.number("smooth", 0.0, 1.0);
    m.sceneCuts = readChoice<bool>(f, "sceneCuts", { { "auto", true }, { "off", false } });
    if (f.has("people")) { // absent in settings the window saved before the person choices
        m.people = readPersonChoices(f.object("people"));
    }
    if (!(m.black >= 0.0 && m.black < m.white && m.white <= 1.0)) {
        f.fail("levels", "must be two numbers 0 <= black < white <= 1");
    }
    return m;
}

} // namespace passthrough
