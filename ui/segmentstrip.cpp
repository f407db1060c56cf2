#include "segmentstrip.h"

#include <QHelpEvent>
#include <QPainter>
#include <QToolTip>

namespace passthrough::ui {

SegmentStrip::SegmentStrip(QWidget* parent)
    : QWidget(parent)
{
    setMinimumHeight(12);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void SegmentStrip::setSegments(const std::vector<SegmentView>& segments)
{
    m_segments = segments;
    update();
}

QSize SegmentStrip::sizeHint() const
{
    return { 240, 14 };
}

QColor SegmentStrip::colorFor(SegmentStatus status)
{
    switch (status) {
    case SegmentStatus::Running:
        return QColor(0x3d, 0x8e, 0xe6);
    case SegmentStatus::Done:
        return QColor(0x3c, 0xa5, 0x5c);
    case SegmentStatus::Failed:
        return QColor(0xd6, 0x45, 0x45);
    case SegmentStatus::Pending:
        break;
    }
    return QColor(0xc8, 0xc8, 0xc8);
}

int SegmentStrip::segmentAt(QPoint position) const
{
    if (m_segments.empty() || width() <= 0) {
        return -1;
    }
    const int index = int(qint64(position.x()) * qint64(m_segments.size()) / width());
    return index >= 0 && index < int(m_segments.size()) ? index : -1;
}

void SegmentStrip::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    const int n = int(m_segments.size());
    if (n == 0) {
        painter.fillRect(rect(), colorFor(SegmentStatus::Pending).lighter(115));
        return;
    }
    // Cells share the width exactly; a 1 px gap separates them while they are wide enough.
    for (int i = 0; i < n; ++i) {
        const int x0 = int(qint64(i) * width() / n);
        const int x1 = int(qint64(i + 1) * width() / n);
        const int gap = x1 - x0 > 4 ? 1 : 0;
        painter.fillRect(QRect(x0, 0, x1 - x0 - gap, height()), colorFor(m_segments[std::size_t(i)].status));
    }
}

QString SegmentStrip::toolTipFor(int index) const
{
    const SegmentView& s = m_segments.at(std::size_t(index));
    QString text = tr("Segment %1 of %2").arg(index + 1).arg(m_segments.size());
    if (!s.worker.isEmpty()) {
        text += QStringLiteral("\n") + tr("Worker: %1").arg(s.worker);
    }
    if (!s.error.isEmpty() && s.status != SegmentStatus::Done) {
        text += QStringLiteral("\n") + s.error;
    }
    return text;
}

bool SegmentStrip::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int index = segmentAt(help->pos());
        if (index < 0) {
            QToolTip::hideText();
            return true;
        }
        QToolTip::showText(help->globalPos(), toolTipFor(index), this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace passthrough::ui
