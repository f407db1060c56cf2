#include "queuepanel.h"

#include "jobcard.h"
#include "jobqueue.h"

#include <QLabel>
#include <QVBoxLayout>

namespace passthrough::ui {

QueuePanel::QueuePanel(JobQueue& queue, QWidget* parent)
    : QScrollArea(parent)
    , m_queue(queue)
    , m_list(new QWidget)
    , m_layout(new QVBoxLayout(m_list))
{
    setWidgetResizable(true);
    setMinimumWidth(340);
    m_layout->setContentsMargins(4, 4, 4, 4);
    auto* hint = new QLabel(tr("Drop VR videos here, or use File → Open."), m_list);
    hint->setObjectName(QStringLiteral("dropHint"));
    hint->setAlignment(Qt::AlignCenter);
    hint->setWordWrap(true);
    m_layout->addWidget(hint);
    m_layout->addStretch();
    setWidget(m_list);

    connect(&m_queue, &JobQueue::entryAdded, this, &QueuePanel::addCard);
    connect(&m_queue, &JobQueue::entryRemoved, this, &QueuePanel::removeCard);
    connect(&m_queue, &JobQueue::entryChanged, this, &QueuePanel::refresh);
    connect(&m_queue, &JobQueue::orderChanged, this, &QueuePanel::reorder);
    for (const auto& entry : m_queue.entries()) {
        addCard(entry.id);
    }
}

JobCard* QueuePanel::card(const QUuid& id) const
{
    const auto it = m_cards.find(id);
    return it == m_cards.end() ? nullptr : it->second;
}

void QueuePanel::addCard(const QUuid& id)
{
    auto* card = new JobCard(id, m_list);
    m_cards[id] = card;
    connect(card, &JobCard::clicked, this, &QueuePanel::select);
    connect(card, &JobCard::startRequested, &m_queue, &JobQueue::start);
    connect(card, &JobCard::farmRequested, &m_queue, &JobQueue::sendToFarm);
    connect(card, &JobCard::pauseRequested, &m_queue, &JobQueue::pause);
    connect(card, &JobCard::resumeRequested, &m_queue, &JobQueue::resume);
    connect(card, &JobCard::cancelRequested, &m_queue, &JobQueue::cancel);
    connect(card, &JobCard::retryRequested, &m_queue, &JobQueue::retryFailed);
    connect(card, &JobCard::removeRequested, &m_queue, &JobQueue::remove);
    connect(card, &JobCard::moveRequested, &m_queue, &JobQueue::move);
    reorder();
    refresh(id);
    if (m_selected.isNull()) {
        select(id);
    }
}

void QueuePanel::removeCard(const QUuid& id)
{
    if (JobCard* c = card(id)) {
        m_cards.erase(id);
        c->deleteLater();
    }
    if (m_selected == id) {
        m_selected = QUuid();
        select(m_queue.entries().empty() ? QUuid() : m_queue.entries().front().id);
    }
    findChild<QLabel*>(QStringLiteral("dropHint"))->setVisible(m_cards.empty());
}

void QueuePanel::refresh(const QUuid& id)
{
    const QueueEntry* entry = m_queue.find(id);
    if (JobCard* c = card(id); c && entry) {
        c->display(*entry);
    }
}

void QueuePanel::reorder()
{
    // Cards follow the queue's order; the hint and the stretch stay first and last.
    int position = 1;
    for (const auto& entry : m_queue.entries()) {
        if (JobCard* c = card(entry.id)) {
            m_layout->removeWidget(c);
            m_layout->insertWidget(position++, c);
        }
    }
    findChild<QLabel*>(QStringLiteral("dropHint"))->setVisible(m_cards.empty());
}

void QueuePanel::select(const QUuid& id)
{
    if (m_selected == id) {
        return;
    }
    m_selected = id;
    for (auto& [cardId, c] : m_cards) {
        c->setSelected(cardId == id);
    }
    Q_EMIT selectionChanged(id);
}

} // namespace passthrough::ui
