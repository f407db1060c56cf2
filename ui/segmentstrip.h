#pragma once

#include "queueentry.h"

#include <QWidget>

#include <vector>

namespace passthrough::ui {

// One cell per segment, coloured pending / running / done / failed; a failed cell's tooltip is
// its error.
class SegmentStrip : public QWidget {
    Q_OBJECT

public:
    explicit SegmentStrip(QWidget* parent = nullptr);
    void setSegments(const std::vector<SegmentView>& segments);
    [[nodiscard]] const std::vector<SegmentView>& segments() const { return m_segments; }
    [[nodiscard]] QSize sizeHint() const override;

    static QColor colorFor(SegmentStatus status);

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    [[nodiscard]] int segmentAt(QPoint position) const;
    std::vector<SegmentView> m_segments;
};

} // namespace passthrough::ui
