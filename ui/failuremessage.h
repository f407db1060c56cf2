#pragma once

#include <QString>

#include <exception>

namespace passthrough::ui {

// What a background worker reports for an exception: the message, or an empty one for a
// cancelled request, which the panels count as ended rather than failed.
QString failureMessage(const std::exception& e);

} // namespace passthrough::ui
