#include "regionview.h"

#include "peopleoverlay.h"

#include <QKeyEvent>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace passthrough::ui {
namespace {

constexpr double kDragPixels = 5.0; // a press that moves less than this is a click
// Preview frames carry their exact source time: a key shape within a millisecond of the shown
// frame is that frame's (a frame interval is 8 ms or more).
constexpr double kSameFrame = 0.001;

double clamp01(double v)
{
    return std::clamp(v, 0.0, 1.0);
}

} // namespace

RegionView::RegionView(QWidget* parent)
    : FrameView(parent)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::ClickFocus);
    setCursor(Qt::CrossCursor);
}

void RegionView::setRegions(const std::vector<MatteRegion>& regions)
{
    m_regions = regions;
    if (m_selected >= int(m_regions.size())) {
        m_selected = -1;
    }
    update();
}

void RegionView::setSelected(int index)
{
    m_selected = index;
    update();
}

void RegionView::setPeople(std::vector<PreviewPerson> people, double seconds)
{
    m_people = std::move(people);
    m_seconds = seconds;
    update();
}

void RegionView::setShowPeople(bool on)
{
    m_showPeople = on;
    update();
}

bool RegionView::offerPerson(QPointF widget, QPoint globalPos)
{
    const auto at = eyePointAt(widget);
    if (!m_showPeople || !at) {
        return false;
    }
    const int index = personAt(m_people, at->eye, at->at);
    if (index < 0) {
        return false;
    }
    if (m_personMenu) {
        m_personMenu->close();
    }
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    const auto pick = [this, index, at](PersonPick::Action action) {
        Q_EMIT personPicked(pickOf(m_people, index, at->eye, at->at, m_seconds, action));
    };
    QAction* keep
        = menu->addAction(tr("Keep only this person"), this, [pick] { pick(PersonPick::Action::Keep); });
    keep->setObjectName(QStringLiteral("keepPersonAction"));
    QAction* remove
        = menu->addAction(tr("Remove this person"), this, [pick] { pick(PersonPick::Action::Remove); });
    remove->setObjectName(QStringLiteral("removePersonAction"));
    m_personMenu = menu;
    menu->popup(globalPos);
    return true;
}

QPolygonF RegionView::outline(const MatteRegion& region, int eye) const
{
    QPolygonF polygon;
    const RegionPoints points = region.shapeAt(m_seconds); // where a moving region is in this frame
    if (region.shape == MatteRegion::Shape::Rectangle && points.size() == 2) {
        const auto [x0, y0] = points[0];
        const auto [x1, y1] = points[1];
        for (const QPointF& p : { QPointF(x0, y0), QPointF(x1, y0), QPointF(x1, y1), QPointF(x0, y1) }) {
            polygon << widgetPoint(eye, p);
        }
    } else {
        for (const auto& [x, y] : points) {
            polygon << widgetPoint(eye, QPointF(x, y));
        }
    }
    return polygon;
}

int RegionView::regionAt(QPointF widget) const
{
    for (int i = int(m_regions.size()) - 1; i >= 0; --i) {
        for (int eye = 0; eye < eyeCount(); ++eye) {
            if (m_regions[std::size_t(i)].appliesTo(eye, eyeCount())
                && outline(m_regions[std::size_t(i)], eye).containsPoint(widget, Qt::OddEvenFill)) {
                return i;
            }
        }
    }
    return -1;
}

void RegionView::paintOverlay(QPainter& painter)
{
    for (std::size_t i = 0; i < m_regions.size(); ++i) {
        const MatteRegion& region = m_regions[i];
        const QColor colour
            = region.action == MatteRegion::Action::Remove ? QColor(230, 60, 60) : QColor(60, 200, 90);
        QColor fill = colour;
        fill.setAlpha(int(i) == m_selected ? 110 : 60);
        // A region outside its span is drawn as a dotted outline: there, but not in force.
        const bool inForce = region.activeAt(m_seconds);
        painter.setPen(QPen(colour, int(i) == m_selected ? 2.5 : 1.5, inForce ? Qt::SolidLine : Qt::DotLine));
        painter.setBrush(inForce ? QBrush(fill) : QBrush(Qt::NoBrush));
        for (int eye = 0; eye < eyeCount(); ++eye) {
            if (region.appliesTo(eye, eyeCount())) {
                painter.drawPolygon(outline(region, eye));
            }
        }
    }
    if (m_showPeople) {
        paintPeople(painter, m_people, [this](int eye, QPointF p) { return widgetPoint(eye, p); });
    }
    painter.setBrush(Qt::NoBrush);
    painter.setPen(QPen(Qt::yellow, 1.5, Qt::DashLine));
    if (m_dragging && m_moving < 0 && m_pressAt) {
        painter.drawRect(QRectF(m_pressWidget, m_current).normalized());
    }
    if (!m_polygon.empty()) {
        QPolygonF open;
        for (const QPointF& p : m_polygon) {
            open << widgetPoint(m_polygonEye, p);
        }
        open << m_current;
        painter.drawPolyline(open);
    }
}

void RegionView::mousePressEvent(QMouseEvent* event)
{
    if (navigationPress(event)) {
        return;
    }
    if (event->button() == Qt::RightButton) {
        offerPerson(event->position(), event->globalPosition().toPoint());
        return;
    }
    if (event->button() != Qt::LeftButton) {
        return;
    }
    m_pressAt = eyePointAt(event->position());
    m_pressWidget = event->position();
    m_current = event->position();
    m_dragging = false;
    m_moving = m_polygon.empty() ? regionAt(event->position()) : -1;
    if (m_moving >= 0) {
        m_selected = m_moving;
        Q_EMIT regionSelected(m_moving);
    }
    update();
}

void RegionView::mouseMoveEvent(QMouseEvent* event)
{
    if (navigationMove(event)) {
        return;
    }
    m_current = event->position();
    if (m_pressAt && (event->buttons() & Qt::LeftButton)
        && QLineF(m_pressWidget, m_current).length() >= kDragPixels) {
        m_dragging = true;
    }
    update();
}

void RegionView::mouseReleaseEvent(QMouseEvent* event)
{
    if (navigationRelease(event)) {
        return;
    }
    if (event->button() != Qt::LeftButton || !m_pressAt) {
        return;
    }
    const EyePoint start = *m_pressAt;
    m_pressAt.reset();
    const QRectF eye = eyeRect(start.eye);
    const QPointF end(
        (event->position().x() - eye.x()) / eye.width(), (event->position().y() - eye.y()) / eye.height());
    if (m_dragging && m_moving >= 0) {
        // Move the whole region by the drag, kept inside the eye. A region drawn here keeps the
        // frame it was drawn at as its key: moved at another frame, it gets a key shape there and
        // moves between the two (MatteRegion::setKeyShape).
        MatteRegion moved = m_regions[std::size_t(m_moving)];
        RegionPoints shape = moved.shapeAt(m_seconds);
        double dx = end.x() - start.at.x();
        double dy = end.y() - start.at.y();
        for (const auto& [x, y] : shape) {
            dx = std::clamp(dx, -x, 1.0 - x);
            dy = std::clamp(dy, -y, 1.0 - y);
        }
        for (auto& [x, y] : shape) {
            x = clamp01(x + dx);
            y = clamp01(y + dy);
        }
        if (moved.keys.empty()) {
            moved.points = std::move(shape);
        } else {
            moved.setKeyShape(m_seconds, std::move(shape), m_seconds, kSameFrame);
        }
        Q_EMIT regionChanged(m_moving, moved);
    } else if (m_dragging) {
        MatteRegion region;
        region.action = m_action;
        region.shape = MatteRegion::Shape::Rectangle;
        const double x0 = clamp01(std::min(start.at.x(), end.x()));
        const double x1 = clamp01(std::max(start.at.x(), end.x()));
        const double y0 = clamp01(std::min(start.at.y(), end.y()));
        const double y1 = clamp01(std::max(start.at.y(), end.y()));
        if (x1 > x0 && y1 > y0) {
            region.points = { { x0, y0 }, { x1, y1 } };
            region.keys = { RegionKey { m_seconds, region.points } };
            Q_EMIT regionAdded(region);
        }
    } else if (m_moving < 0 && m_polygon.empty()
        && offerPerson(event->position(), event->globalPosition().toPoint())) {
        // A click on a person, with people shown: the person menu, not a polygon's first vertex.
    } else if (m_moving < 0) {
        // A click: one more polygon vertex (in the eye the polygon started in).
        if (m_polygon.empty()) {
            m_polygonEye = start.eye;
        }
        const QRectF r = eyeRect(m_polygonEye);
        m_polygon.emplace_back(clamp01((event->position().x() - r.x()) / r.width()),
            clamp01((event->position().y() - r.y()) / r.height()));
    }
    m_dragging = false;
    m_moving = -1;
    update();
}

void RegionView::mouseDoubleClickEvent(QMouseEvent* event)
{
    // The double-click's first press and release already added its vertex.
    Q_UNUSED(event);
    finishPolygon();
}

void RegionView::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        finishPolygon();
    } else if (event->key() == Qt::Key_Escape) {
        m_polygon.clear();
        update();
    } else if ((event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace) && m_selected >= 0) {
        const int index = m_selected;
        m_selected = -1;
        Q_EMIT regionRemoved(index);
    } else {
        QWidget::keyPressEvent(event);
    }
}

void RegionView::finishPolygon()
{
    // Repeated vertices (a double-click lands twice on one point) are dropped.
    std::vector<QPointF> vertices;
    for (const QPointF& p : m_polygon) {
        if (vertices.empty() || QLineF(vertices.back(), p).length() > 1e-4) {
            vertices.push_back(p);
        }
    }
    m_polygon.clear();
    update();
    if (vertices.size() < 3 || vertices.size() > 256) {
        return;
    }
    MatteRegion region;
    region.action = m_action;
    region.shape = MatteRegion::Shape::Polygon;
    for (const QPointF& p : vertices) {
        region.points.emplace_back(p.x(), p.y());
    }
    region.keys = { RegionKey { m_seconds, region.points } };
    Q_EMIT regionAdded(region);
}

} // namespace passthrough::ui
