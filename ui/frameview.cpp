#include "frameview.h"

#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace passthrough::ui {
namespace {

constexpr double kMinZoom = 0.05;
constexpr double kMaxZoom = 16.0;
constexpr double kWheelStep = 1.25; // per notch
constexpr double kWipeGrab = 6.0; // widget pixels either side of the split line

} // namespace

FrameView::FrameView(QWidget* parent)
    : QWidget(parent)
{
    setMinimumSize(160, 80);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
}

void FrameView::setImages(
    const QImage& source, const QImage& matte, const QImage& composite, const QImage& player)
{
    const QSizeF before = imageSize();
    const QImage* given[] = { &source, &matte, &composite, &player };
    for (std::size_t i = 0; i < m_images.size(); ++i) {
        if (!given[i]->isNull() || source.isNull()) {
            m_images[i] = *given[i];
        }
    }
    if (imageSize() != before) {
        m_centre = QPointF(imageSize().width() / 2.0, imageSize().height() / 2.0); // another video
    }
    update();
}

void FrameView::setView(View view)
{
    m_view = view;
    update();
}

void FrameView::setZoom(double zoom)
{
    zoomAround(zoom, QPointF(width() / 2.0, height() / 2.0));
}

void FrameView::setWipe(double fraction)
{
    m_wipe = std::clamp(fraction, 0.0, 1.0);
    update();
}

void FrameView::setEyes(int count, bool topBottom)
{
    m_eyeCount = std::max(1, count);
    m_topBottom = topBottom;
    update();
}

const QImage& FrameView::shown() const
{
    switch (m_view) {
    case View::Matte:
        return m_images[1].isNull() ? m_images[0] : m_images[1];
    case View::Composite:
        return m_images[2].isNull() ? m_images[0] : m_images[2];
    case View::Player:
        return m_images[3].isNull() ? m_images[0] : m_images[3];
    case View::Source:
    case View::Wipe:
        break;
    }
    return m_images[0];
}

QSizeF FrameView::imageSize() const
{
    return m_images[0].isNull() ? QSizeF() : QSizeF(m_images[0].size());
}

QRectF FrameView::imageRect() const
{
    const QSizeF image = imageSize();
    if (image.isEmpty()) {
        return QRectF(rect());
    }
    if (m_zoom == kFit) {
        QSizeF size = image;
        size.scale(QSizeF(this->size()), Qt::KeepAspectRatio);
        return QRectF(QPointF((width() - size.width()) / 2.0, (height() - size.height()) / 2.0), size);
    }
    const QSizeF size = image * m_zoom;
    return QRectF(
        QPointF(width() / 2.0 - m_centre.x() * m_zoom, height() / 2.0 - m_centre.y() * m_zoom), size);
}

QRectF FrameView::eyeRect(int eye) const
{
    const QRectF image = imageRect();
    if (m_eyeCount < 2) {
        return image;
    }
    return m_topBottom
        ? QRectF(image.x(), image.y() + eye * image.height() / 2, image.width(), image.height() / 2)
        : QRectF(image.x() + eye * image.width() / 2, image.y(), image.width() / 2, image.height());
}

QPointF FrameView::widgetPoint(int eye, QPointF eyePoint) const
{
    const QRectF r = eyeRect(eye);
    return { r.x() + eyePoint.x() * r.width(), r.y() + eyePoint.y() * r.height() };
}

std::optional<FrameView::EyePoint> FrameView::eyePointAt(QPointF widget) const
{
    for (int eye = 0; eye < m_eyeCount; ++eye) {
        const QRectF r = eyeRect(eye);
        if (r.contains(widget)) {
            return EyePoint { eye,
                QPointF((widget.x() - r.x()) / r.width(), (widget.y() - r.y()) / r.height()) };
        }
    }
    return std::nullopt;
}

double FrameView::wipeX() const
{
    const QRectF image = imageRect();
    return image.x() + m_wipe * image.width();
}

void FrameView::zoomAround(double zoom, QPointF widget)
{
    const QSizeF image = imageSize();
    if (image.isEmpty()) {
        m_zoom = zoom;
        Q_EMIT zoomChanged(m_zoom);
        return;
    }
    // The image point under `widget` stays under it.
    const QRectF before = imageRect();
    const double scale = before.width() / image.width();
    const QPointF under((widget.x() - before.x()) / scale, (widget.y() - before.y()) / scale);
    m_zoom = zoom == kFit ? kFit : std::clamp(zoom, kMinZoom, kMaxZoom);
    if (m_zoom == kFit) {
        m_centre = QPointF(image.width() / 2.0, image.height() / 2.0);
    } else {
        m_centre = under + (QPointF(width() / 2.0, height() / 2.0) - widget) / m_zoom;
    }
    update();
    Q_EMIT zoomChanged(m_zoom);
}

void FrameView::wheelEvent(QWheelEvent* event)
{
    const double notches = event->angleDelta().y() / 120.0;
    if (notches == 0.0 || imageSize().isEmpty()) {
        return;
    }
    const double current = imageRect().width() / imageSize().width(); // fit counts as its own scale
    zoomAround(current * std::pow(kWheelStep, notches), event->position());
    event->accept();
}

bool FrameView::navigationPress(QMouseEvent* event)
{
    const bool pan = event->button() == Qt::MiddleButton
        || (event->button() == Qt::LeftButton && (event->modifiers() & Qt::AltModifier));
    if (pan) {
        if (m_zoom == kFit) {
            // Panning starts from what the fit shows, at its scale.
            const double scale = imageRect().width() / std::max(1.0, imageSize().width());
            m_centre = QPointF(imageSize().width() / 2.0, imageSize().height() / 2.0);
            m_zoom = scale;
            Q_EMIT zoomChanged(m_zoom);
        }
        m_panFrom = event->position();
        return true;
    }
    if (m_view == View::Wipe && event->button() == Qt::LeftButton
        && std::abs(event->position().x() - wipeX()) <= kWipeGrab) {
        m_draggingWipe = true;
        return true;
    }
    return false;
}

bool FrameView::navigationMove(QMouseEvent* event)
{
    if (m_panFrom) {
        m_centre -= (event->position() - *m_panFrom) / m_zoom;
        m_panFrom = event->position();
        update();
        return true;
    }
    if (m_draggingWipe) {
        const QRectF image = imageRect();
        setWipe((event->position().x() - image.x()) / std::max(1.0, image.width()));
        return true;
    }
    return false;
}

bool FrameView::navigationRelease(QMouseEvent* event)
{
    Q_UNUSED(event);
    if (m_panFrom || m_draggingWipe) {
        m_panFrom.reset();
        m_draggingWipe = false;
        return true;
    }
    return false;
}

void FrameView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), palette().window());
    const QRectF target = imageRect();
    // Enlarged pixels stay pixels: an edge judged at 200 % must not be smoothed by the view.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, m_zoom == kFit || m_zoom < 1.0);
    if (m_view == View::Wipe && !m_images[2].isNull()) {
        const double split = wipeX();
        painter.save();
        painter.setClipRect(QRectF(QPointF(target.left(), target.top()), QPointF(split, target.bottom())));
        painter.drawImage(target, m_images[0]);
        painter.setClipRect(QRectF(QPointF(split, target.top()), QPointF(target.right(), target.bottom())));
        painter.drawImage(target, m_images[2]);
        painter.restore();
        painter.setPen(QPen(Qt::white, 2.0));
        painter.drawLine(QPointF(split, target.top()), QPointF(split, target.bottom()));
    } else if (!shown().isNull()) {
        painter.drawImage(target, shown());
    }
    painter.setRenderHint(QPainter::Antialiasing);
    if (showsOverlays()) {
        paintOverlay(painter);
    }
}

} // namespace passthrough::ui
