#pragma once

#include "person/personchoices.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace passthrough {

// A region of an eye that the user removes from the matte or keeps in it. Coordinates are
// normalised to the eye (0..1, origin top-left), so one region fits every resolution.
struct MatteRegion {
    enum class Action { Remove, Keep };
    enum class Shape { Rectangle, Polygon };
    enum class Eye { Both, Left, Right };

    Action action = Action::Remove;
    Shape shape = Shape::Rectangle;
    // The same geometry in both eyes is the default: a POV body sits in the same place in each.
    Eye eye = Eye::Both;
    // Rectangle: two corners (x0, y0), (x1, y1). Polygon: three or more vertices in order.
    std::vector<std::pair<double, double>> points;

    [[nodiscard]] bool appliesTo(int eyeIndex, int eyeCount) const;
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
    bool operator==(const MatteControls&) const = default;
};

// Command-line forms: "remove|keep:X0,Y0,X1,Y1[:left|right|both]" and
// "remove|keep:X,Y;X,Y;X,Y[:left|right|both]". Throw Error(Usage) naming the option and the text.
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
