#pragma once

#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QWidget>

#include <array>
#include <optional>

namespace passthrough::ui {

// One previewed frame shown large: the source, the matte, the composite, the output as the player
// shows it, or a wipe (source left of a draggable split, composite right) to judge edges. Zoom
// (fit, 100 %, 200 %, the wheel around the pointer) and pan (middle button, or Alt and the left
// button) stay when the view or the frame changes, so one hair edge can be compared across them.
// Subclasses draw on top (paintOverlay) in the frame's eye coordinates.
class FrameView : public QWidget {
    Q_OBJECT

public:
    enum class View { Source, Matte, Composite, Player, Wipe };
    static constexpr double kFit = 0.0;

    explicit FrameView(QWidget* parent = nullptr);

    // The four pictures of one frame; a null one keeps the picture before (a new source alone
    // shows until its matte comes), a null source clears them all.
    void setImages(const QImage& source, const QImage& matte, const QImage& composite, const QImage& player);
    void setImage(const QImage& source) { setImages(source, {}, {}, {}); }
    void setView(View view);
    [[nodiscard]] View view() const { return m_view; }
    // kFit, or image pixels per screen pixel's inverse: 1.0 is 100 %, 2.0 is 200 %.
    void setZoom(double zoom);
    [[nodiscard]] double zoom() const { return m_zoom; }
    // The image point (in image pixels) at the middle of the view.
    [[nodiscard]] QPointF centre() const { return m_centre; }
    void setWipe(double fraction); // where the split stands, 0..1 of the image's width
    [[nodiscard]] double wipe() const { return m_wipe; }
    // How the eyes sit in the frame: 1 (mono), or 2 side by side or top and bottom.
    void setEyes(int count, bool topBottom);

    // Where a point in eye coordinates (0..1) of `eye` is on the widget, for tests and painting.
    [[nodiscard]] QPointF widgetPoint(int eye, QPointF eyePoint) const;
    // The widget x of the wipe's split line.
    [[nodiscard]] double wipeX() const;

Q_SIGNALS:
    void zoomChanged(double zoom);

protected:
    struct EyePoint {
        int eye = 0;
        QPointF at; // normalised to the eye
    };
    [[nodiscard]] QRectF imageRect() const;
    [[nodiscard]] QRectF eyeRect(int eye) const;
    [[nodiscard]] std::optional<EyePoint> eyePointAt(QPointF widget) const;
    [[nodiscard]] int eyeCount() const { return m_eyeCount; }
    // True when the overlays (regions, people) belong on the shown picture: every view but the
    // packed output, whose geometry is the player's.
    [[nodiscard]] bool showsOverlays() const { return m_view != View::Player; }
    virtual void paintOverlay(QPainter& painter) { Q_UNUSED(painter); }

    // Navigation (pan, the wipe's handle) takes the mouse first; true when it did.
    bool navigationPress(QMouseEvent* event);
    bool navigationMove(QMouseEvent* event);
    bool navigationRelease(QMouseEvent* event);

    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override { navigationPress(event); }
    void mouseMoveEvent(QMouseEvent* event) override { navigationMove(event); }
    void mouseReleaseEvent(QMouseEvent* event) override { navigationRelease(event); }

private:
    [[nodiscard]] const QImage& shown() const;
    [[nodiscard]] QSizeF imageSize() const;
    void zoomAround(double zoom, QPointF widget);

    std::array<QImage, 4> m_images; // source, matte, composite, player
    View m_view = View::Source;
    double m_zoom = kFit;
    QPointF m_centre;
    double m_wipe = 0.5;
    int m_eyeCount = 1;
    bool m_topBottom = false;
    std::optional<QPointF> m_panFrom; // widget point of a pan in progress
    bool m_draggingWipe = false;
};

} // namespace passthrough::ui
