#pragma once

#include "queueentry.h"

#include <QMap>
#include <QObject>
#include <QString>
#include <QUuid>

#include <memory>

class QTimer;

namespace passthrough::farm {
class Broker;
}

namespace passthrough::ui {

// A farm job as the broker reports it, for one card of the queue.
struct FarmSnapshot {
    std::vector<SegmentView> segments; // with each segment's worker
    qint64 framesDone = 0;
    qint64 totalFrames = 0;
    bool joined = false;
    bool failed = false; // settled with failed segments
    QString message; // the broker cannot be reached, or why the job failed
};

// Watches farm jobs on a thread of its own (the window's thread never waits on the network):
// once a second it reads each watched job's progress from the broker and reports it with a
// queued signal. One connection per broker address.
class FarmMonitor : public QObject {
    Q_OBJECT

public:
    FarmMonitor();
    ~FarmMonitor() override;

    // Called through queued invocations from the window's thread.
    void watch(const QUuid& id, const QString& jobFolder, const QString& brokerUrl);
    void unwatch(const QUuid& id);

Q_SIGNALS:
    void updated(const QUuid& id, const passthrough::ui::FarmSnapshot& snapshot);

private:
    void poll();
    farm::Broker* brokerFor(const QString& url);

    struct Watched {
        QString jobFolder;
        QString brokerUrl;
    };
    QMap<QUuid, Watched> m_watched;
    std::map<QString, std::unique_ptr<farm::Broker>> m_brokers;
    QTimer* m_timer = nullptr;
};

} // namespace passthrough::ui

Q_DECLARE_METATYPE(passthrough::ui::FarmSnapshot)
