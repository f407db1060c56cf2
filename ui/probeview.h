#pragma once

#include "queueentry.h"

#include <QWidget>

#include <optional>
#include <string>

class QComboBox;
class QLabel;

namespace passthrough::ui {

// What the file is: resolution, frame rate, duration, codec, bit depth, audio, and the detected
// layout with the rule that decided it, which the user can override.
class ProbeView : public QWidget {
    Q_OBJECT

public:
    explicit ProbeView(QWidget* parent = nullptr);
    void display(const QueueEntry& entry);
    [[nodiscard]] std::optional<std::string> layoutOverride() const;

Q_SIGNALS:
    void layoutOverrideEdited();

private:
    QLabel* m_file;
    QLabel* m_video;
    QLabel* m_timing;
    QLabel* m_audio;
    QLabel* m_layout;
    QComboBox* m_override;
    bool m_loading = false;
};

} // namespace passthrough::ui
