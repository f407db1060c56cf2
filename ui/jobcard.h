#pragma once

#include "queueentry.h"

#include <QFrame>

class QLabel;
class QProgressBar;
class QToolButton;

namespace passthrough::ui {

class SegmentStrip;

// One job in the queue: name, state, progress with frames/s and ETA, the segment strip and the
// actions that make sense in its state.
class JobCard : public QFrame {
    Q_OBJECT

public:
    explicit JobCard(const QUuid& id, QWidget* parent = nullptr);
    [[nodiscard]] const QUuid& id() const { return m_id; }
    void display(const QueueEntry& entry);
    void setSelected(bool selected);
    [[nodiscard]] SegmentStrip* strip() const { return m_strip; }

Q_SIGNALS:
    void clicked(const QUuid& id);
    void startRequested(const QUuid& id);
    void farmRequested(const QUuid& id);
    void pauseRequested(const QUuid& id);
    void resumeRequested(const QUuid& id);
    void cancelRequested(const QUuid& id);
    void retryRequested(const QUuid& id);
    void removeRequested(const QUuid& id);
    void moveRequested(const QUuid& id, int delta);

protected:
    void mousePressEvent(QMouseEvent* event) override;

private:
    QToolButton* addButton(const QString& text, const QString& objectName);

    QUuid m_id;
    QLabel* m_title;
    QLabel* m_state;
    QProgressBar* m_progress;
    SegmentStrip* m_strip;
    QToolButton* m_start;
    QToolButton* m_farm;
    QToolButton* m_pause;
    QToolButton* m_resume;
    QToolButton* m_cancel;
    QToolButton* m_retry;
    QToolButton* m_showInFolder;
    QString m_outputPath;
    QToolButton* m_remove;
    QToolButton* m_up;
    QToolButton* m_down;
};

QString formatDuration(double seconds);

} // namespace passthrough::ui
