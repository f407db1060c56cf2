#include "timelineview.h"

#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace passthrough::ui {
namespace {

constexpr int kLabelWidth = 150; // the rows' names
constexpr int kRightMargin = 10;
constexpr int kRulerHeight = 26;
constexpr int kRowHeight = 20;
constexpr double kGrabPixels = 5.0; // a press this close to a mark or a bar's end takes it

const QColor kRemoveColour(230, 60, 60);
const QColor kKeepColour(60, 200, 90);
const QColor kRangeColour(70, 140, 230);
const QColor kCutColour(170, 80, 220);

// A tick step that leaves at least `pixels` between labels.
double tickStep(double duration, double width, double pixels)
{
    static constexpr double steps[]
        = { 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200 };
    for (double step : steps) {
        if (step / std::max(duration, 1e-9) * width >= pixels) {
            return step;
        }
    }
    return steps[std::size(steps) - 1];
}

} // namespace

TimelineView::TimelineView(QWidget* parent)
    : QWidget(parent)
{
    setMouseTracking(false);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    setToolTip(tr("Click or drag on the ruler to move through the video. Drag the blue marks (or press I "
                  "and O) to render only a part. Drag the ends of a bar to change when a correction "
                  "holds; [ and ] step between a moving region's key shapes."));
}

QSize TimelineView::sizeHint() const
{
    return { 600, kRulerHeight + kRowHeight * int(std::max<std::size_t>(1, m_rows.size())) + 6 };
}

void TimelineView::setVideo(qint64 frameCount, double secondsPerFrame)
{
    m_frames = frameCount;
    m_secondsPerFrame = secondsPerFrame;
    update();
}

void TimelineView::setPlayhead(qint64 frame)
{
    m_playhead = frame;
    update();
}

void TimelineView::setRange(const std::optional<TimeSpan>& range)
{
    if (m_grab != Grab::In && m_grab != Grab::Out) {
        m_range = range;
        update();
    }
}

void TimelineView::setCorrections(const MatteControls& controls)
{
    if (m_grab == Grab::SpanFrom || m_grab == Grab::SpanTo) {
        return; // the row being dragged stays as the hand has it
    }
    // The people found stay below the corrections, as they were.
    std::vector<Row> rows;
    for (std::size_t i = 0; i < controls.regions.size(); ++i) {
        const MatteRegion& r = controls.regions[i];
        Row row;
        row.index = int(i);
        row.label = tr("Region %1").arg(i + 1) + (r.moves() ? tr(" (moves)") : QString());
        row.span = r.span;
        row.remove = r.action == MatteRegion::Action::Remove;
        for (const RegionKey& key : r.keys) {
            row.keys.push_back(key.seconds);
        }
        rows.push_back(std::move(row));
    }
    for (std::size_t i = 0; i < controls.people.picks.size(); ++i) {
        const PersonPick& p = controls.people.picks[i];
        Row row;
        row.kind = Row::Kind::Pick;
        row.index = int(i);
        row.remove = p.action == PersonPick::Action::Remove;
        row.label = row.remove ? tr("Remove person %1").arg(i + 1) : tr("Keep person %1").arg(i + 1);
        row.span = p.span;
        row.keys = { p.seconds }; // the moment picked
        rows.push_back(std::move(row));
    }
    std::copy_if(m_rows.begin(), m_rows.end(), std::back_inserter(rows),
        [](const Row& r) { return r.kind == Row::Kind::Track; });
    m_rows = std::move(rows);
    updateGeometry();
    update();
}

void TimelineView::setTracks(const std::vector<person::TrackRun>& runs)
{
    m_rows.erase(
        std::remove_if(m_rows.begin(), m_rows.end(), [](const Row& r) { return r.kind == Row::Kind::Track; }),
        m_rows.end());
    m_tracks = runs;
    std::vector<Row> people;
    for (const person::TrackRun& run : runs) { // grouped by track
        if (people.empty() || people.back().index != run.track) {
            Row row;
            row.kind = Row::Kind::Track;
            row.index = run.track;
            people.push_back(std::move(row));
        }
        people.back().runs.push_back(run);
    }
    // In order of first appearance, as people come into the video.
    std::stable_sort(people.begin(), people.end(),
        [](const Row& a, const Row& b) { return a.runs.front().from < b.runs.front().from; });
    for (std::size_t i = 0; i < people.size(); ++i) {
        people[i].label = tr("Person %1").arg(i + 1);
    }
    m_rows.insert(m_rows.end(), people.begin(), people.end());
    updateGeometry();
    update();
}

int TimelineView::trackCount() const
{
    return int(
        std::count_if(m_rows.begin(), m_rows.end(), [](const Row& r) { return r.kind == Row::Kind::Track; }));
}

void TimelineView::setSceneCuts(std::vector<double> seconds)
{
    m_sceneCuts = std::move(seconds);
    update();
}

void TimelineView::setSelectedRegion(int index)
{
    m_selectedRegion = index;
    update();
}

double TimelineView::duration() const
{
    return std::max(1e-6, double(m_frames) * m_secondsPerFrame);
}

double TimelineView::xOf(double seconds) const
{
    const double width = std::max(1, this->width() - kLabelWidth - kRightMargin);
    return kLabelWidth + std::clamp(seconds / duration(), 0.0, 1.0) * width;
}

double TimelineView::secondsAt(double x) const
{
    const double width = std::max(1, this->width() - kLabelWidth - kRightMargin);
    return std::clamp((x - kLabelWidth) / width, 0.0, 1.0) * duration();
}

qint64 TimelineView::frameAt(double seconds) const
{
    if (m_secondsPerFrame <= 0.0 || m_frames <= 0) {
        return 0;
    }
    return std::clamp<qint64>(std::llround(seconds / m_secondsPerFrame), 0, m_frames - 1);
}

double TimelineView::spanEnd(const TimeSpan& span) const
{
    return span.to ? std::min(*span.to, duration()) : duration();
}

int TimelineView::rowCentre(int row) const
{
    return row < 0 ? kRulerHeight / 2 : kRulerHeight + row * kRowHeight + kRowHeight / 2;
}

int TimelineView::rowAt(double y) const
{
    if (y < kRulerHeight) {
        return -1;
    }
    const int row = int((y - kRulerHeight) / kRowHeight);
    return row < int(m_rows.size()) ? row : -2;
}

void TimelineView::setInAtPlayhead()
{
    const double at = double(m_playhead) * m_secondsPerFrame;
    TimeSpan range = m_range.value_or(TimeSpan {});
    range.from = at;
    if (range.to && *range.to <= at) {
        range.to.reset();
    }
    m_range = range.whole() ? std::nullopt : std::optional<TimeSpan>(range);
    update();
    Q_EMIT rangeEdited(m_range);
}

void TimelineView::setOutAtPlayhead()
{
    // Out is after the frame the playhead is on: that frame is the range's last.
    const double at = double(m_playhead + 1) * m_secondsPerFrame;
    TimeSpan range = m_range.value_or(TimeSpan {});
    range.to = at >= duration() - 1e-9 ? std::nullopt : std::optional<double>(at);
    if (range.from >= at) {
        range.from = 0.0;
    }
    m_range = range.whole() ? std::nullopt : std::optional<TimeSpan>(range);
    update();
    Q_EMIT rangeEdited(m_range);
}

void TimelineView::stepKey(int direction)
{
    const double now = double(m_playhead) * m_secondsPerFrame;
    const double half = m_secondsPerFrame / 2;
    std::optional<double> best;
    for (const Row& row : m_rows) {
        if (row.kind != Row::Kind::Region || (m_selectedRegion >= 0 && row.index != m_selectedRegion)) {
            continue;
        }
        for (double key : row.keys) {
            const bool ahead = direction > 0 ? key > now + half : key < now - half;
            if (ahead && (!best || (direction > 0 ? key < *best : key > *best))) {
                best = key;
            }
        }
    }
    if (best) {
        Q_EMIT frameRequested(frameAt(*best));
    }
}

void TimelineView::emitSpan(const Row& row)
{
    if (row.kind == Row::Kind::Region) {
        Q_EMIT regionSpanEdited(row.index, row.span);
    } else {
        Q_EMIT pickSpanEdited(row.index, row.span);
    }
}

void TimelineView::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), palette().base());
    if (m_frames <= 0) {
        p.setPen(palette().color(QPalette::PlaceholderText));
        p.drawText(rect(), Qt::AlignCenter, tr("The timeline appears once the file is read."));
        return;
    }
    const int bottom = rowCentre(int(m_rows.size()) - 1) + kRowHeight / 2;
    // The ruler: ticks with times.
    const double width = this->width() - kLabelWidth - kRightMargin;
    const double step = tickStep(duration(), width, 70.0);
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRectF(4, 0, kLabelWidth - 8, kRulerHeight), Qt::AlignVCenter | Qt::AlignLeft, tr("Time"));
    for (double t = 0.0; t <= duration() + 1e-9; t += step) {
        const double x = xOf(t);
        p.drawLine(QPointF(x, kRulerHeight - 7), QPointF(x, kRulerHeight - 1));
        const QString label = QString::fromStdString(timeText(t));
        if (x + 2 + p.fontMetrics().horizontalAdvance(label) <= this->width()) { // no half labels
            p.drawText(QPointF(x + 2, kRulerHeight - 10), label);
        }
    }
    // Outside the range: shaded over every row.
    const double in = m_range ? m_range->from : 0.0;
    const double out = m_range ? spanEnd(*m_range) : duration();
    QColor shade = palette().color(QPalette::Text);
    shade.setAlpha(40);
    p.fillRect(QRectF(xOf(0), 0, xOf(in) - xOf(0), bottom), shade);
    p.fillRect(QRectF(xOf(out), 0, xOf(duration()) - xOf(out), bottom), shade);
    // The rows.
    for (std::size_t r = 0; r < m_rows.size(); ++r) {
        const Row& row = m_rows[r];
        const int y = rowCentre(int(r));
        if (row.kind == Row::Kind::Region && row.index == m_selectedRegion) {
            QColor selected = palette().color(QPalette::Highlight);
            selected.setAlpha(50);
            p.fillRect(QRectF(0, y - kRowHeight / 2, this->width(), kRowHeight), selected);
        }
        p.setPen(palette().color(QPalette::Text));
        p.drawText(QRectF(4, y - kRowHeight / 2, kLabelWidth - 8, kRowHeight),
            Qt::AlignVCenter | Qt::AlignLeft,
            p.fontMetrics().elidedText(row.label, Qt::ElideRight, kLabelWidth - 8));
        if (row.kind == Row::Kind::Track) {
            for (const person::TrackRun& run : row.runs) {
                const QColor colour = run.removed ? kRemoveColour : kKeepColour;
                QColor fill = colour;
                fill.setAlpha(run.removed ? 60 : 140);
                p.setPen(QPen(colour, 1));
                p.setBrush(run.removed ? QBrush(colour, Qt::BDiagPattern) : QBrush(fill));
                const double x0 = xOf(run.from);
                p.drawRect(QRectF(x0, y - 5, std::max(2.0, xOf(run.to) - x0), 10));
            }
            continue;
        }
        const QColor colour = row.remove ? kRemoveColour : kKeepColour;
        const double x0 = xOf(row.span.from);
        const double x1 = xOf(spanEnd(row.span));
        QColor fill = colour;
        fill.setAlpha(120);
        p.setPen(QPen(colour, 1));
        p.setBrush(fill);
        p.drawRoundedRect(QRectF(x0, y - 6, std::max(2.0, x1 - x0), 12), 3, 3);
        p.setBrush(colour); // the handles
        p.drawRect(QRectF(x0 - 2, y - 8, 4, 16));
        p.drawRect(QRectF(x1 - 2, y - 8, 4, 16));
        p.setBrush(palette().color(QPalette::Text));
        p.setPen(Qt::NoPen);
        for (double key : row.keys) {
            const double x = xOf(key);
            QPainterPath diamond;
            diamond.moveTo(x, y - 5);
            diamond.lineTo(x + 4, y);
            diamond.lineTo(x, y + 5);
            diamond.lineTo(x - 4, y);
            diamond.closeSubpath();
            p.drawPath(diamond);
        }
    }
    // Scene cuts: where the model starts afresh, and where a correction's span usually belongs.
    p.setPen(QPen(kCutColour, 1.5, Qt::DashLine));
    for (double cut : m_sceneCuts) {
        p.drawLine(QPointF(xOf(cut), kRulerHeight - 8), QPointF(xOf(cut), bottom));
    }
    // In and out marks, and the playhead.
    p.setPen(QPen(kRangeColour, 2));
    p.setBrush(kRangeColour);
    for (const double x : { xOf(in), xOf(out) }) {
        p.drawLine(QPointF(x, 0), QPointF(x, bottom));
        const double dir = x == xOf(in) ? 1.0 : -1.0;
        p.drawPolygon(QPolygonF { QPointF(x, 0), QPointF(x + dir * 8, 0), QPointF(x, 10) });
    }
    const double playhead = xOf(double(m_playhead) * m_secondsPerFrame);
    p.setPen(QPen(QColor(250, 200, 40), 2));
    p.drawLine(QPointF(playhead, 0), QPointF(playhead, bottom));
}

void TimelineView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || m_frames <= 0
        || event->position().x() < kLabelWidth - kGrabPixels) {
        return;
    }
    const QPointF at = event->position();
    const int row = rowAt(at.y());
    m_grab = Grab::None;
    if (row == -1) {
        const double in = m_range ? m_range->from : 0.0;
        const double out = m_range ? spanEnd(*m_range) : duration();
        if (std::abs(at.x() - xOf(in)) <= kGrabPixels) {
            m_grab = Grab::In;
        } else if (std::abs(at.x() - xOf(out)) <= kGrabPixels) {
            m_grab = Grab::Out;
        } else {
            m_grab = Grab::Playhead;
            Q_EMIT frameRequested(frameAt(secondsAt(at.x())));
        }
        return;
    }
    if (row < 0) {
        return;
    }
    const Row& r = m_rows[std::size_t(row)];
    if (r.kind == Row::Kind::Track) { // a person: their first frame
        Q_EMIT frameRequested(frameAt(r.runs.front().from));
        return;
    }
    const double x0 = xOf(r.span.from);
    const double x1 = xOf(spanEnd(r.span));
    m_grabRow = row;
    if (std::abs(at.x() - x1) <= kGrabPixels) {
        m_grab = Grab::SpanTo;
    } else if (std::abs(at.x() - x0) <= kGrabPixels) {
        m_grab = Grab::SpanFrom;
    } else if (at.x() > x0 && at.x() < x1) {
        // The bar: its first frame, and the region chosen.
        if (r.kind == Row::Kind::Region) {
            m_selectedRegion = r.index;
            Q_EMIT regionSelected(r.index);
        }
        Q_EMIT frameRequested(frameAt(r.span.from));
        update();
    } else {
        Q_EMIT frameRequested(frameAt(secondsAt(at.x())));
    }
}

void TimelineView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_grab == Grab::None) {
        return;
    }
    // Dragged marks and ends rest on frame starts, at least one frame apart.
    const double frame = m_secondsPerFrame;
    const double t = double(frameAt(secondsAt(event->position().x()))) * frame;
    const double end = duration();
    switch (m_grab) {
    case Grab::Playhead:
        Q_EMIT frameRequested(frameAt(t));
        return;
    case Grab::In: {
        TimeSpan range = m_range.value_or(TimeSpan {});
        range.from = std::min(t, spanEnd(range) - frame);
        m_range = range;
        break;
    }
    case Grab::Out: {
        TimeSpan range = m_range.value_or(TimeSpan {});
        const double to = std::max(t, range.from + frame);
        range.to = to >= end - frame / 2 ? std::nullopt : std::optional<double>(to);
        m_range = range;
        break;
    }
    case Grab::SpanFrom: {
        TimeSpan& span = m_rows[std::size_t(m_grabRow)].span;
        span.from = std::max(0.0, std::min(t, spanEnd(span) - frame));
        break;
    }
    case Grab::SpanTo: {
        TimeSpan& span = m_rows[std::size_t(m_grabRow)].span;
        const double to = std::max(t, span.from + frame);
        span.to = to >= end - frame / 2 ? std::nullopt : std::optional<double>(to);
        break;
    }
    case Grab::None:
        break;
    }
    update();
}

void TimelineView::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton) {
        return;
    }
    const Grab grab = std::exchange(m_grab, Grab::None);
    if (grab == Grab::In || grab == Grab::Out) {
        if (m_range && m_range->whole()) {
            m_range.reset();
        }
        Q_EMIT rangeEdited(m_range);
    } else if ((grab == Grab::SpanFrom || grab == Grab::SpanTo) && m_grabRow >= 0
        && m_grabRow < int(m_rows.size())) {
        emitSpan(m_rows[std::size_t(m_grabRow)]);
    }
    m_grabRow = -1;
}

} // namespace passthrough::ui
