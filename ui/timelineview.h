#pragma once

#include "matting/mattecontrols.h"
#include "person/trackruns.h"
#include "util/timespan.h"

#include <QWidget>

#include <optional>
#include <vector>

namespace passthrough::ui {

// The timeline under the preview: the video's length with the playhead, the job's range (in and
// out marks the user drags; I and O set them at the playhead), and one row per correction
// (each region and each person pick) with a bar over its span, handles at its ends to drag, and
// a diamond at each key shape of a moving region; under them, once the whole video's people are
// found, a row per person with the stretches they are seen in (kept solid, removed hatched red),
// and the scene cuts as violet lines across the rows.
// A click on the ruler moves the playhead; a click on a bar goes to its first frame (a person's:
// their first frame) and selects the region. The view only reports; the window decides what the
// job becomes.
class TimelineView : public QWidget {
    Q_OBJECT

public:
    explicit TimelineView(QWidget* parent = nullptr);

    // The video: its frame count and the time of one frame (seconds).
    void setVideo(qint64 frameCount, double secondsPerFrame);
    void setPlayhead(qint64 frame);
    void setRange(const std::optional<TimeSpan>& range);
    void setCorrections(const MatteControls& controls);
    // The person pass's tracks over the whole video (empty: not looked for).
    void setTracks(const std::vector<person::TrackRun>& runs);
    [[nodiscard]] const std::vector<person::TrackRun>& tracks() const { return m_tracks; }
    // The hard cuts found in the whole video (source seconds of each new shot's first frame).
    void setSceneCuts(std::vector<double> seconds);
    [[nodiscard]] const std::vector<double>& sceneCuts() const { return m_sceneCuts; }
    void setSelectedRegion(int index);

    // Keyboard actions (the preview's shortcuts): in and out at the playhead, and the frame of
    // the previous or next key shape (the selected region's, or any region's).
    void setInAtPlayhead();
    void setOutAtPlayhead();
    void stepKey(int direction);

    [[nodiscard]] QSize sizeHint() const override;
    [[nodiscard]] QSize minimumSizeHint() const override { return { 200, sizeHint().height() }; }
    [[nodiscard]] std::optional<TimeSpan> range() const { return m_range; }
    [[nodiscard]] int trackCount() const;
    // The rows, for tests: 0 .. corrections - 1 are the regions' then the picks', then the tracks'.
    [[nodiscard]] int rowCount() const { return int(m_rows.size()); }
    // Where things are drawn, for tests: the x of a time, the y-centre of a row (-1: the ruler).
    [[nodiscard]] double xOf(double seconds) const;
    [[nodiscard]] int rowCentre(int row) const;

Q_SIGNALS:
    void frameRequested(qint64 frame);
    // None: the whole video.
    void rangeEdited(const std::optional<passthrough::TimeSpan>& range);
    void regionSpanEdited(int index, const passthrough::TimeSpan& span);
    void pickSpanEdited(int index, const passthrough::TimeSpan& span);
    void regionSelected(int index);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    // What a press grabbed.
    enum class Grab { None, Playhead, In, Out, SpanFrom, SpanTo };
    struct Row {
        enum class Kind { Region, Pick, Track };
        Kind kind = Kind::Region;
        std::vector<person::TrackRun> runs; // a track's stretches
        int index = 0; // the region's or pick's index in the job; a track's number
        QString label;
        TimeSpan span;
        std::vector<double> keys; // key shape times
        bool remove = true;
    };

    [[nodiscard]] double duration() const;
    [[nodiscard]] double secondsAt(double x) const;
    [[nodiscard]] qint64 frameAt(double seconds) const;
    [[nodiscard]] double spanEnd(const TimeSpan& span) const;
    [[nodiscard]] int rowAt(double y) const;
    void emitSpan(const Row& row);

    qint64 m_frames = 0;
    double m_secondsPerFrame = 0.0;
    qint64 m_playhead = 0;
    std::optional<TimeSpan> m_range;
    std::vector<Row> m_rows; // the corrections' rows, then the tracks'
    std::vector<person::TrackRun> m_tracks; // as setTracks was given them
    std::vector<double> m_sceneCuts;
    int m_selectedRegion = -1;
    Grab m_grab = Grab::None;
    int m_grabRow = -1;
};

} // namespace passthrough::ui
