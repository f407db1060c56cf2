#pragma once

#include "job/targetpreset.h"

#include <QCoreApplication>
#include <QString>

namespace passthrough::ui {

// The output targets and quality levels in the user's words (translated); the values behind
// them come from core (job/targetpreset.h), so the window cannot offer a preset the CLI lacks.
class TargetLabels {
    Q_DECLARE_TR_FUNCTIONS(passthrough::ui::TargetLabels)

public:
    static QString title(OutputTarget target);
    static QString description(OutputTarget target);
    static QString title(OutputQuality quality);
    static QString description(OutputQuality quality);
};

} // namespace passthrough::ui
