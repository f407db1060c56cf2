#pragma once

#include "previewworker.h"
#include "queueentry.h"

#include <QThread>
#include <QTimer>
#include <QWidget>

#include <array>

class QCheckBox;
class QLabel;
class QSlider;
class QSpinBox;

namespace passthrough::ui {

class RegionView;

// Pick a frame (slider, spin box, ',' and '.' step one frame) and see it four ways side by side:
// source | matte | composite over a checkerboard | the packed output as a player reconstructs it.
// Rendering happens on the preview thread; the UI never waits for it.
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
    // The source view, on which the matte's regions are drawn.
    [[nodiscard]] RegionView* regionView() const { return m_sourceView; }
    // Draws the person model's people over the source (and finds them for every frame shown).
    void setShowPeople(bool on);
    [[nodiscard]] bool showsPeople() const;
    // Renders the shown frame again (a model became available).
    void refresh() { m_debounce.start(); }

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

    QThread m_thread;
    PreviewWorker* m_worker;
    QSlider* m_slider;
    QSpinBox* m_spin;
    QLabel* m_status;
    QCheckBox* m_showPeople;
    RegionView* m_sourceView;
    std::array<QLabel*, 3> m_views {}; // matte, composite, as the player shows it
    QTimer m_debounce;
    std::optional<QueueEntry> m_entry;
    quint64 m_generation = 0;
    int m_inFlight = 0;
    std::shared_ptr<std::atomic<bool>> m_cancelCurrent;
    PreviewResult m_last;
};

} // namespace passthrough::ui
