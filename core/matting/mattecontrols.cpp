#include "matting/mattecontrols.h"

#include "util/error.h"

#include <QString>
#include <QStringList>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace passthrough {
namespace {

constexpr std::size_t kMaxPolygonPoints = 256;
constexpr std::size_t kMaxRegionKeys = 256;

[[noreturn]] void refuse(const std::string& option, const std::string& text, const std::string& why)
{
    throw Error(ErrorKind::Usage, option + " '" + text + "': " + why);
}

double coordinate(const QString& value, const std::string& option, const std::string& text)
{
    bool ok = false;
    const double v = value.trimmed().toDouble(&ok);
    if (!ok || !std::isfinite(v) || v < 0.0 || v > 1.0) {
        refuse(option, text, "'" + value.toStdString() + "' is not a coordinate between 0 and 1");
    }
    return v;
}

// Splits "ACTION:GEOMETRY[:EYE][@FROM-TO]": reads the action, the eye and the span, and returns
// the geometry (which may hold colons of its own, in the key shapes' times).
QString splitRegion(const std::string& text, const std::string& option, MatteRegion& region)
{
    std::string body = text;
    if (const std::size_t at = text.find('@'); at != std::string::npos) {
        region.span = parseTimeSpan(text.substr(at + 1), option, text);
        body = text.substr(0, at);
    }
    const std::size_t colon = body.find(':');
    if (colon == std::string::npos) {
        refuse(option, text, "expected remove|keep:GEOMETRY[:left|right|both][@FROM-TO]");
    }
    const std::string action = body.substr(0, colon);
    if (action == "remove") {
        region.action = MatteRegion::Action::Remove;
    } else if (action == "keep") {
        region.action = MatteRegion::Action::Keep;
    } else {
        refuse(option, text, "the action must be remove or keep");
    }
    std::string geometry = body.substr(colon + 1);
    // The eye is the last part when it is a word: times and coordinates are numbers.
    const std::size_t last = geometry.rfind(':');
    const std::string eye = last == std::string::npos ? std::string() : geometry.substr(last + 1);
    if (!eye.empty() && std::all_of(eye.begin(), eye.end(), [](char c) { return std::isalpha(c) != 0; })) {
        if (eye == "left") {
            region.eye = MatteRegion::Eye::Left;
        } else if (eye == "right") {
            region.eye = MatteRegion::Eye::Right;
        } else if (eye == "both") {
            region.eye = MatteRegion::Eye::Both;
        } else {
            refuse(option, text, "the eye must be left, right or both");
        }
        geometry.resize(last);
    }
    if (geometry.empty()) {
        refuse(option, text, "expected remove|keep:GEOMETRY[:left|right|both][@FROM-TO]");
    }
    return QString::fromStdString(geometry);
}

// One shape, or "TIME=SHAPE/TIME=SHAPE/..." for a moving region: fills the region's points and keys.
template <typename ReadShape>
void readShapes(const QString& geometry, const std::string& option, const std::string& text,
    MatteRegion& region, ReadShape readShape)
{
    if (!geometry.contains(QLatin1Char('='))) {
        region.points = readShape(geometry);
        return;
    }
    for (const QString& key : geometry.split(QLatin1Char('/'))) {
        const qsizetype equals = key.indexOf(QLatin1Char('='));
        if (equals < 0) {
            refuse(option, text, "each key shape of a moving region is TIME=SHAPE, separated by '/'");
        }
        const std::string time = key.left(equals).trimmed().toStdString();
        const std::optional<double> seconds = parseTimeText(time);
        if (!seconds) {
            refuse(option, text, "'" + time + "' is not a time (seconds, or hh:mm:ss[.ms])");
        }
        region.keys.push_back(RegionKey { *seconds, readShape(key.mid(equals + 1)) });
    }
    region.points = region.keys.front().points;
}

// The region's own checks (corner order, vertex count), worded for the option.
void checkRegion(const MatteRegion& region, const std::string& option, const std::string& text)
{
    try {
        MatteControls alone;
        alone.regions = { region };
        validateMatteControls(alone);
    } catch (const Error& e) {
        refuse(option, text, e.what());
    }
}

std::string fourDigits(double v)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", v);
    return text;
}

} // namespace

bool MatteRegion::appliesTo(int eyeIndex, int eyeCount) const
{
    if (eye == Eye::Both || eyeCount < 2) {
        return true; // a mono source has one eye, which every region means
    }
    return (eye == Eye::Left) == (eyeIndex == 0);
}

RegionPoints MatteRegion::shapeAt(double seconds) const
{
    if (keys.empty()) {
        return points;
    }
    if (seconds <= keys.front().seconds) {
        return keys.front().points;
    }
    if (seconds >= keys.back().seconds) {
        return keys.back().points;
    }
    const auto after = std::upper_bound(
        keys.begin(), keys.end(), seconds, [](double s, const RegionKey& key) { return s < key.seconds; });
    const RegionKey& a = *(after - 1);
    const RegionKey& b = *after;
    const double t = (seconds - a.seconds) / (b.seconds - a.seconds);
    RegionPoints shape(a.points.size());
    for (std::size_t i = 0; i < shape.size(); ++i) {
        shape[i] = { a.points[i].first + t * (b.points[i].first - a.points[i].first),
            a.points[i].second + t * (b.points[i].second - a.points[i].second) };
    }
    return shape;
}

void MatteRegion::setKeyShape(double seconds, RegionPoints shape, double stillSeconds, double tolerance)
{
    if (keys.empty()) {
        if (std::abs(seconds - stillSeconds) <= tolerance) {
            points = std::move(shape);
            return;
        }
        keys.push_back(RegionKey { stillSeconds, points });
    }
    const auto near = std::find_if(keys.begin(), keys.end(),
        [&](const RegionKey& key) { return std::abs(key.seconds - seconds) <= tolerance; });
    if (near != keys.end()) {
        near->points = std::move(shape);
    } else {
        const auto after = std::upper_bound(keys.begin(), keys.end(), seconds,
            [](double s, const RegionKey& key) { return s < key.seconds; });
        keys.insert(after, RegionKey { seconds, std::move(shape) });
    }
    points = keys.front().points;
}

std::vector<MatteRegion> MatteControls::regionsAt(double seconds) const
{
    std::vector<MatteRegion> now;
    for (const MatteRegion& region : regions) {
        if (!region.activeAt(seconds)) {
            continue;
        }
        MatteRegion still = region;
        still.points = region.shapeAt(seconds);
        still.keys.clear();
        still.span = {};
        now.push_back(std::move(still));
    }
    return now;
}

bool MatteControls::changesNothing() const
{
    return regions.empty() && black == 0.0 && white == 1.0 && choke == 0.0 && feather == 0.0 && smooth == 0.0;
}

MatteRegion parseRectangleRegion(const std::string& text)
{
    const std::string option = "--region";
    MatteRegion region;
    region.shape = MatteRegion::Shape::Rectangle;
    readShapes(splitRegion(text, option, region), option, text, region, [&](const QString& shape) {
        const QStringList values = shape.split(QLatin1Char(','));
        if (values.size() != 4) {
            refuse(option, text, "a rectangle is X0,Y0,X1,Y1");
        }
        return RegionPoints { { coordinate(values[0], option, text), coordinate(values[1], option, text) },
            { coordinate(values[2], option, text), coordinate(values[3], option, text) } };
    });
    checkRegion(region, option, text);
    return region;
}

MatteRegion parsePolygonRegion(const std::string& text)
{
    const std::string option = "--region-polygon";
    MatteRegion region;
    region.shape = MatteRegion::Shape::Polygon;
    readShapes(splitRegion(text, option, region), option, text, region, [&](const QString& shape) {
        RegionPoints points;
        for (const QString& vertex : shape.split(QLatin1Char(';'))) {
            const QStringList xy = vertex.split(QLatin1Char(','));
            if (xy.size() != 2) {
                refuse(option, text, "each vertex is X,Y and vertices are separated by ';'");
            }
            points.emplace_back(coordinate(xy[0], option, text), coordinate(xy[1], option, text));
        }
        return points;
    });
    checkRegion(region, option, text);
    return region;
}

std::pair<double, double> parseLevels(const std::string& text)
{
    const QStringList values = QString::fromStdString(text).split(QLatin1Char(','));
    bool ok1 = false;
    bool ok2 = false;
    const double black = values.size() == 2 ? values[0].toDouble(&ok1) : 0.0;
    const double white = values.size() == 2 ? values[1].toDouble(&ok2) : 0.0;
    if (!ok1 || !ok2) {
        refuse("--levels", text, "expected BLACK,WHITE such as 0.1,0.9");
    }
    MatteControls controls;
    controls.black = black;
    controls.white = white;
    validateMatteControls(controls);
    return { black, white };
}

void validateMatteControls(const MatteControls& c)
{
    const auto require = [](bool ok, const std::string& why) {
        if (!ok) {
            throw Error(ErrorKind::Usage, why);
        }
    };
    const auto within = [](double v, double lo, double hi) { return std::isfinite(v) && v >= lo && v <= hi; };
    require(c.regions.size() <= 64, "at most 64 regions");
    const auto checkShape = [&](const MatteRegion& r, const RegionPoints& points) {
        for (const auto& [x, y] : points) {
            require(within(x, 0.0, 1.0) && within(y, 0.0, 1.0), "region coordinates must be between 0 and 1");
        }
        if (r.shape == MatteRegion::Shape::Rectangle) {
            require(points.size() == 2, "a rectangle region has two corners");
            require(points[0].first < points[1].first && points[0].second < points[1].second,
                "a rectangle region's first corner must be above and left of the second (X0 < X1, Y0 < Y1)");
        } else {
            require(points.size() >= 3 && points.size() <= kMaxPolygonPoints,
                "a polygon region has 3 to 256 vertices");
        }
    };
    for (const MatteRegion& r : c.regions) {
        checkShape(r, r.points);
        validateTimeSpan(r.span, "a region's span");
        if (!r.keys.empty()) {
            require(r.keys.size() <= kMaxRegionKeys,
                "a moving region has at most " + std::to_string(kMaxRegionKeys) + " key shapes");
            for (std::size_t k = 0; k < r.keys.size(); ++k) {
                const RegionKey& key = r.keys[k];
                require(std::isfinite(key.seconds) && key.seconds >= 0.0 && key.seconds <= 1e7,
                    "a key shape's time must lie between 0 and 1e7 seconds");
                require(k == 0 || key.seconds > r.keys[k - 1].seconds,
                    "a moving region's key shapes must be in time order, each at its own time");
                require(key.points.size() == r.points.size(),
                    "each key shape of a moving region has the same number of points");
                checkShape(r, key.points);
            }
            require(r.points == r.keys.front().points, "a moving region's points are its first key shape");
        }
    }
    require(within(c.regionFeather, 0.0, 1000.0), "the region feather must be 0 to 1000 pixels");
    require(within(c.black, 0.0, 1.0) && within(c.white, 0.0, 1.0) && c.black < c.white,
        "levels must be two numbers 0 <= BLACK < WHITE <= 1");
    require(within(c.choke, -100.0, 100.0), "--choke must be -100 to 100 pixels (negative grows)");
    require(within(c.feather, 0.0, 100.0), "--feather must be 0 to 100 pixels");
    require(within(c.smooth, 0.0, 1.0), "--smooth must be 0 to 1");
    validatePersonChoices(c.people);
}

std::string describe(const MatteRegion& region)
{
    std::string text = region.action == MatteRegion::Action::Remove ? "remove " : "keep ";
    if (region.shape == MatteRegion::Shape::Rectangle && region.points.size() == 2) {
        text += "rectangle (" + fourDigits(region.points[0].first) + "," + fourDigits(region.points[0].second)
            + ")-(" + fourDigits(region.points[1].first) + "," + fourDigits(region.points[1].second) + ")";
    } else {
        text += "polygon of " + std::to_string(region.points.size()) + " points";
    }
    if (region.moves()) {
        text += ", moving through " + std::to_string(region.keys.size()) + " key shapes from "
            + timeText(region.keys.front().seconds) + " to " + timeText(region.keys.back().seconds) + ",";
    }
    switch (region.eye) {
    case MatteRegion::Eye::Both:
        text += " in both eyes";
        break;
    case MatteRegion::Eye::Left:
        text += " in the left eye";
        break;
    case MatteRegion::Eye::Right:
        text += " in the right eye";
        break;
    }
    const std::string span = describe(region.span);
    return span.empty() ? text : text + " " + span;
}

} // namespace passthrough
