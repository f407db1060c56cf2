#include "matting/mattecontrols.h"

#include "util/error.h"

#include <QString>
#include <QStringList>

#include <cmath>
#include <cstdio>

namespace passthrough {
namespace {

constexpr std::size_t kMaxPolygonPoints = 256;

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

// Splits "ACTION:GEOMETRY[:EYE]" and reads the action and the eye.
QString splitRegion(const std::string& text, const std::string& option, MatteRegion& region)
{
    const QStringList parts = QString::fromStdString(text).split(QLatin1Char(':'));
    if (parts.size() < 2 || parts.size() > 3) {
        refuse(option, text, "expected remove|keep:GEOMETRY[:left|right|both]");
    }
    if (parts[0] == QLatin1String("remove")) {
        region.action = MatteRegion::Action::Remove;
    } else if (parts[0] == QLatin1String("keep")) {
        region.action = MatteRegion::Action::Keep;
    } else {
        refuse(option, text, "the action must be remove or keep");
    }
    if (parts.size() == 3) {
        if (parts[2] == QLatin1String("left")) {
            region.eye = MatteRegion::Eye::Left;
        } else if (parts[2] == QLatin1String("right")) {
            region.eye = MatteRegion::Eye::Right;
        } else if (parts[2] == QLatin1String("both")) {
            region.eye = MatteRegion::Eye::Both;
        } else {
            refuse(option, text, "the eye must be left, right or both");
        }
    }
    return parts[1];
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

bool MatteControls::changesNothing() const
{
    return regions.empty() && black == 0.0 && white == 1.0 && choke == 0.0 && feather == 0.0 && smooth == 0.0;
}

MatteRegion parseRectangleRegion(const std::string& text)
{
    const std::string option = "--region";
    MatteRegion region;
    region.shape = MatteRegion::Shape::Rectangle;
    const QStringList values = splitRegion(text, option, region).split(QLatin1Char(','));
    if (values.size() != 4) {
        refuse(option, text, "a rectangle is X0,Y0,X1,Y1");
    }
    region.points = { { coordinate(values[0], option, text), coordinate(values[1], option, text) },
        { coordinate(values[2], option, text), coordinate(values[3], option, text) } };
    checkRegion(region, option, text);
    return region;
}

MatteRegion parsePolygonRegion(const std::string& text)
{
    const std::string option = "--region-polygon";
    MatteRegion region;
    region.shape = MatteRegion::Shape::Polygon;
    const QStringList vertices = splitRegion(text, option, region).split(QLatin1Char(';'));
    for (const QString& vertex : vertices) {
        const QStringList xy = vertex.split(QLatin1Char(','));
        if (xy.size() != 2) {
            refuse(option, text, "each vertex is X,Y and vertices are separated by ';'");
        }
        region.points.emplace_back(coordinate(xy[0], option, text), coordinate(xy[1], option, text));
    }
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
    for (const MatteRegion& r : c.regions) {
        for (const auto& [x, y] : r.points) {
            require(within(x, 0.0, 1.0) && within(y, 0.0, 1.0), "region coordinates must be between 0 and 1");
        }
        if (r.shape == MatteRegion::Shape::Rectangle) {
            require(r.points.size() == 2, "a rectangle region has two corners");
            require(r.points[0].first < r.points[1].first && r.points[0].second < r.points[1].second,
                "a rectangle region's first corner must be above and left of the second (X0 < X1, Y0 < Y1)");
        } else {
            require(r.points.size() >= 3 && r.points.size() <= kMaxPolygonPoints,
                "a polygon region has 3 to 256 vertices");
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
    switch (region.eye) {
    case MatteRegion::Eye::Both:
        return text + " in both eyes";
    case MatteRegion::Eye::Left:
        return text + " in the left eye";
    case MatteRegion::Eye::Right:
        return text + " in the right eye";
    }
    return text;
}

} // namespace passthrough
