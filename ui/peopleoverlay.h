#pragma once

#include "person/personchoices.h"
#include "pipeline/previewperson.h"

#include <QPointF>

#include <functional>
#include <vector>

class QPainter;

namespace passthrough::ui {

// The people the person model found in the previewed frame, drawn over the source: a box and a
// skeleton each, green when they stay and red (dashed) when the job's person choices take them
// out, so that the user sees what the model saw before picking someone; the squares --roi auto
// mattes again dotted blue, "sharpened".
using EyeToWidget = std::function<QPointF(int eye, QPointF eyePoint)>;
void paintPeople(QPainter& painter, const std::vector<PreviewPerson>& people, const EyeToWidget& toWidget);

// The person whose box holds `eyePoint` (normalised to `eye`); where boxes overlap, the smallest
// (a person standing in front of another is inside the other's box, rarely the other way round).
// -1 for nobody.
int personAt(const std::vector<PreviewPerson>& people, int eye, QPointF eyePoint);

// A pick of people[index], clicked at `eyePoint` in `eye`. Picks are stored in left-eye
// coordinates: a click in the right eye points at the same person's torso in the left eye
// (paired by track), or at the same place when the left eye did not find them.
PersonPick pickOf(const std::vector<PreviewPerson>& people, int index, int eye, QPointF eyePoint,
    double seconds, PersonPick::Action action);

} // namespace passthrough::ui
