#pragma once

#include <QScrollArea>
#include <QUuid>

#include <map>

class QVBoxLayout;

namespace passthrough::ui {

class JobCard;
class JobQueue;

// The queue as a column of job cards, in run order, with one of them selected.
class QueuePanel : public QScrollArea {
    Q_OBJECT

public:
    explicit QueuePanel(JobQueue& queue, QWidget* parent = nullptr);
    [[nodiscard]] QUuid selected() const { return m_selected; }
    void select(const QUuid& id);
    [[nodiscard]] JobCard* card(const QUuid& id) const;

Q_SIGNALS:
    void selectionChanged(const QUuid& id);

private:
    void addCard(const QUuid& id);
    void removeCard(const QUuid& id);
    void refresh(const QUuid& id);
    void reorder();

    JobQueue& m_queue;
    QWidget* m_list;
    QVBoxLayout* m_layout;
    std::map<QUuid, JobCard*> m_cards;
    QUuid m_selected;
};

} // namespace passthrough::ui
