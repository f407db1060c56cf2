#include "failuremessage.h"

#include "util/error.h"

namespace passthrough::ui {

QString failureMessage(const std::exception& e)
{
    const auto* error = dynamic_cast<const Error*>(&e);
    if (error && error->kind() == ErrorKind::Cancelled) {
        return {};
    }
    return QString::fromStdString(e.what());
}

} // namespace passthrough::ui
