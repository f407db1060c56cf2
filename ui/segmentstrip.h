#pragma once

#include "queueentry.h"

#include <QWidget>

#include <vector>

namespace passthrough::ui {

// One cell per segment, coloured pending / running / done / failed; a cell's tooltip names the
// farm worker that has it and, for a failed one, its error.
class SegmentStrip : public QWidget {
    Q_OBJECT

public:
    explicit SegmentStrip(QWidget* parent = nullptr);
    void setSegments(const std::vector<SegmentView>& segments);
    [[nodiscard]] const std::vector<SegmentView>& segments() const { return m_segments; }
    [[nodiscard]] QSize sizeHint() const override;

    static QColor colorFor(SegmentStatus status);
    [[nodiscard]] QString toolTipFor(int index) const;

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    [[nodiscard]] int segmentAt(QPoint position) const;
    std::vector<SegmentView> m_segments;
};

} // namespace passthrough::ui
