#pragma once

#include "job/jsonfields.h"
#include "matting/mattecontrols.h"
#include "util/timespan.h"

#include <nlohmann/json_fwd.hpp>

namespace passthrough {

// The matte controls in job.json (settings.matte): regions with their spans and key shapes,
// the edge and time controls, and the person choices with their picks. Read with every field
// checked (job/jsonfields.h); settings the window saved before a field existed read as its default.
nlohmann::json toJson(const MatteControls& controls);
MatteControls readMatteControls(const JsonFields& fields);

// A time span as "from" and "to" fields of `object`, each written only where it is not the whole
// video, so that a correction without one reads as every job before schema 9 (and a range too).
void writeSpan(nlohmann::json& object, const TimeSpan& span);
// Refused naming the field when it ends before it starts.
TimeSpan readSpan(const JsonFields& fields);

} // namespace passthrough
