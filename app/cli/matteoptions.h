#pragma once

#include "matting/mattecontrols.h"

#include <QCommandLineParser>

namespace passthrough::cli {

// The matte controls, shared by `process`, `submit`, `sample` and `preview`: --region,
// --region-polygon (each repeatable), --levels, --choke, --feather, --smooth, --scene-cuts
// (their usage line is part of kJobOptionsUsage in joboptions.h).
void addMatteOptions(QCommandLineParser& parser);

// The controls the options give, checked. Throws Error(Usage) naming the option.
MatteControls readMatteOptions(const QCommandLineParser& parser);

} // namespace passthrough::cli
