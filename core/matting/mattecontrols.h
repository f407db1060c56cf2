#pragma once

#include "person/personchoices.h"
#include "util/timespan.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace passthrough {

using RegionPoints = std::vector<std::pair<double, double>>;

// A region's shape at one moment of a moving region (source seconds).
struct RegionKey {
    double seconds = 0.0;
    RegionPoints points;
    bool operator==(const RegionKey&) const = default;
};

// A region of an eye that the user removes from the matte or keeps in it. Coordinates are
// normalised to the eye (0..1, origin top-left), so one region fits every resolution. A region
// holds during its span (the whole video by default) and may move: with key shapes, its shape
// at a frame's time is interpolated between the two keys around it, point by point (a rectangle
// by its corners), and held before the first key and after the last. Both are functions of the
// frame's time only, so every segment and every farm worker draws the same region.
struct MatteRegion {
    enum class Action { Remove, Keep };
    enum class Shape { Rectangle, Polygon };
    enum class Eye { Both, Left, Right };

    Action action = Action::Remove;
    Shape shape = Shape::Rectangle;
    // The same geometry in both eyes is the default: a POV body sits in the same place in each.
    Eye eye = Eye::Both;
    // Rectangle: two corners (x0, y0), (x1, y1). Polygon: three or more vertices in order. For a
    // moving region: the first key's shape.
    RegionPoints points;
    TimeSpan span;
    // Empty: the region stands still. Else its shapes, in time order, each with as many points
    // as `points` (which is the first's): two or more move it; one stands still and records the
    // frame it was drawn at (the window's regions), so that moving it at another frame adds a key.
    std::vector<RegionKey> keys;

    [[nodiscard]] bool appliesTo(int eyeIndex, int eyeCount) const;
    [[nodiscard]] bool moves() const { return keys.size() >= 2; }
    // The shape at a frame's time (`points` for a region that stands still).
    [[nodiscard]] RegionPoints shapeAt(double seconds) const;
    // Whether the region is in force at a frame's time: in its span.
    [[nodiscard]] bool activeAt(double seconds) const { return span.contains(seconds); }
    // Sets or replaces the key shape at `seconds` (a key within half a frame, `tolerance`, is
    // replaced): how the window records a region moved at another frame. A region that stood
    // still becomes a moving one with its old shape as the key at `stillSeconds`.
    void setKeyShape(double seconds, RegionPoints shape, double stillSeconds, double tolerance);
    bool operator==(const MatteRegion&) const = default;
};

// Who stays in the matte and how its edge looks, applied to each eye's matte after the model
// and before packing (matting/matteadjuster.h). Every default leaves the matte unchanged.
struct MatteControls {
    std::vector<MatteRegion> regions;
    double regionFeather = 8.0; // eye pixels: regions fade out over this width, outside their edge
    double black = 0.0; // levels: alpha at or below becomes 0
    double white = 1.0; // levels: alpha at or above becomes 1
    double choke = 0.0; // eye pixels: > 0 shrinks the matte, < 0 grows it
    double feather = 0.0; // eye pixels: softens the matte's edge
    double smooth = 0.0; // 0..1: how strongly small frame-to-frame changes (flicker) are calmed
    bool sceneCuts = true; // a detected hard cut resets the model's recurrent state
    PersonChoices people; // who stays by person: applied after the controls above (core/person)

    // True when nothing but the scene-cut reset would change a matte in MatteAdjuster (the
    // person choices are applied by their own stage).
    [[nodiscard]] bool changesNothing() const;
    // The regions in force at a frame's time, each standing still in its shape there.
    [[nodiscard]] std::vector<MatteRegion> regionsAt(double seconds) const;
    bool operator==(const MatteControls&) const = default;
};

// Command-line forms: "remove|keep:X0,Y0,X1,Y1[:left|right|both][@FROM-TO]" and
// "remove|keep:X,Y;X,Y;X,Y[:left|right|both][@FROM-TO]"; a moving region gives key shapes
// instead of one, "TIME=SHAPE/TIME=SHAPE/...", times in seconds or hh:mm:ss[.ms] (e.g.
// "remove:2=0.1,0.4,0.3,0.9/4=0.6,0.4,0.8,0.9@2-4"). Throw Error(Usage) naming the option and the text.
MatteRegion parseRectangleRegion(const std::string& text);
MatteRegion parsePolygonRegion(const std::string& text);
// "BLACK,WHITE" -> the levels. Throws Error(Usage).
std::pair<double, double> parseLevels(const std::string& text);

// Throws Error(Usage) with the first value out of its range (what the job file and the window
// accept as well as the command line).
void validateMatteControls(const MatteControls& controls);

// One line for the job log and the window: "remove rectangle (0,0.7)-(1,1) in both eyes".
std::string describe(const MatteRegion& region);

} // namespace passthrough
