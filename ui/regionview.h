#pragma once

#include "frameview.h"
#include "matting/mattecontrols.h"
#include "person/personchoices.h"
#include "pipeline/previewperson.h"

#include <QImage>
#include <QMenu>
#include <QPointF>
#include <QPointer>
#include <QWidget>

#include <optional>
#include <vector>

namespace passthrough::ui {

// The preview's source view, on which the user draws the matte's regions: drag for a
// rectangle, click points for a polygon (double-click or Enter closes it, Escape drops it),
// drag a region to move it (at another frame than the one it was drawn or last moved at, this
// adds a key shape there: the region moves between them), Delete removes the selected one. Regions are shown
// in every eye they apply to; what is drawn in one eye applies to both unless the user changes it. The view
// only reports; the form that owns the regions decides.
//
// With people shown, the person model's boxes and skeletons are drawn too, and a click on a
// person (or a right-click anywhere in their box) offers "Keep only this person" and "Remove
// this person", reported as a person pick.
class RegionView : public FrameView {
    Q_OBJECT

public:
    explicit RegionView(QWidget* parent = nullptr);

    void setRegions(const std::vector<MatteRegion>& regions);
    void setDrawAction(MatteRegion::Action action) { m_action = action; }
    void setSelected(int index);
    // The people of the shown frame, and the frame's source time (what a pick records).
    void setPeople(std::vector<PreviewPerson> people, double seconds);
    void setShowPeople(bool on);
    [[nodiscard]] const std::vector<PreviewPerson>& people() const { return m_people; }
    // The person menu while it is open (tests trigger its actions), else null.
    [[nodiscard]] QMenu* personMenu() const { return m_personMenu; }

Q_SIGNALS:
    void regionAdded(const passthrough::MatteRegion& region);
    void regionChanged(int index, const passthrough::MatteRegion& region);
    void regionRemoved(int index);
    void regionSelected(int index);
    void personPicked(const passthrough::PersonPick& pick);

protected:
    void paintOverlay(QPainter& painter) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    [[nodiscard]] int regionAt(QPointF widget) const;
    [[nodiscard]] QPolygonF outline(const MatteRegion& region, int eye) const;
    void finishPolygon();
    // Opens the person menu when a person is at `widget`; false when nobody is.
    bool offerPerson(QPointF widget, QPoint globalPos);

    std::vector<MatteRegion> m_regions;
    MatteRegion::Action m_action = MatteRegion::Action::Remove;
    int m_selected = -1;
    // A gesture in progress.
    std::optional<EyePoint> m_pressAt;
    QPointF m_pressWidget;
    QPointF m_current;
    bool m_dragging = false;
    int m_moving = -1; // the region being dragged
    std::vector<QPointF> m_polygon; // vertices so far, in eye coordinates
    int m_polygonEye = 0;
    std::vector<PreviewPerson> m_people;
    double m_seconds = 0.0; // the shown frame's source time: where moving regions are drawn
    bool m_showPeople = false;
    QPointer<QMenu> m_personMenu;
};

} // namespace passthrough::ui
