#pragma once

#include "person/persondecisions.h"
#include "previewworker.h"
#include "queueentry.h"

#include <QThread>
#include <QTimer>
#include <QWidget>

#include <array>

class QCheckBox;
class QComboBox;
class QStackedWidget;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace passthrough::ui {

class RegionView;
class TimelineView;

// Pick a frame (slider, spin box, ',' and '.' step one frame, the timeline under the views; I and
// O set the range's in and out, '[' and ']' step between key shapes) and judge it large: the source (on
// which regions are drawn), the matte, the composite over a checkerboard, the packed output as a
// player reconstructs it, or a wipe between source and composite, with zoom and pan that stay
// across views and frames (FrameView). The four-way overview is one choice away. Rendering
// happens on the preview thread; the UI never waits for it.
class PreviewPanel : public QWidget {
    Q_OBJECT

public:
    explicit PreviewPanel(QWidget* parent = nullptr);
    ~PreviewPanel() override;

    void showEntry(const QueueEntry* entry);
    [[nodiscard]] qint64 frame() const;
    void setFrame(qint64 frame);
    [[nodiscard]] bool isRendering() const { return m_inFlight > 0; }
    [[nodiscard]] const PreviewResult& lastResult() const { return m_last; }
    // The large view, on which the matte's regions are drawn (in every view but the player's).
    [[nodiscard]] RegionView* regionView() const { return m_sourceView; }
    // The timeline under the views: range, corrections' spans, key shapes.
    [[nodiscard]] TimelineView* timeline() const { return m_timeline; }
    // Draws the person model's people over the source (and finds them for every frame shown).
    void setShowPeople(bool on);
    [[nodiscard]] bool showsPeople() const;
    // Renders the shown frame again (a model became available).
    void refresh() { m_debounce.start(); }
    // Finds the people of the whole video in the background (the person pass, as a job runs it)
    // and shows each on the timeline, kept or removed by the job's choices as they change; the
    // scene cuts too.
    void findEveryone();
    [[nodiscard]] bool isFindingEveryone() const { return m_findingEveryone; }
    // Stops that scan at its next frame (the window closing: a quit never waits for a long video).
    void stopFindingEveryone() { *m_stopFinding = true; }

Q_SIGNALS:
    void previewShown(quint64 generation);
    void previewFailed(const QString& message);
    void showPeopleToggled(bool on);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void requestRender();
    void onRendered(const PreviewResult& result);
    void onFailed(quint64 generation, const QString& message);
    void updatePixmaps();
    void updateTracks();

    QThread m_thread;
    PreviewWorker* m_worker;
    QSlider* m_slider;
    QSpinBox* m_spin;
    QLabel* m_status;
    QCheckBox* m_showPeople;
    RegionView* m_sourceView;
    TimelineView* m_timeline;
    QComboBox* m_viewChoice;
    QStackedWidget* m_pages; // the large view, or the overview
    std::array<QLabel*, 4> m_views {}; // the overview: source, matte, composite, as the player shows it
    QTimer m_debounce;
    std::optional<QueueEntry> m_entry;
    quint64 m_generation = 0;
    int m_inFlight = 0;
    std::shared_ptr<std::atomic<bool>> m_cancelCurrent;
    PreviewResult m_last;
    QPushButton* m_findEveryone;
    bool m_findingEveryone = false;
    // Set when the panel goes: the scan of the whole video stops at its next frame.
    std::shared_ptr<std::atomic<bool>> m_stopFinding = std::make_shared<std::atomic<bool>>(false);
    // The whole video's people, for the entry they were found for (the timeline's tracks).
    std::shared_ptr<const person::PeopleDecisions> m_everyone;
    QUuid m_everyoneEntry;
    PersonChoices m_everyoneChoices; // the choices m_everyone decided with
};

} // namespace passthrough::ui
