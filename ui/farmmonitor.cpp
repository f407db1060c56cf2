#include "farmmonitor.h"

#include "farm/broker.h"
#include "farm/farmsubmit.h"
#include "job/jobstore.h"

#include <QTimer>

namespace passthrough::ui {
namespace {

SegmentStatus statusOf(const std::string& state)
{
    if (state == "done") {
        return SegmentStatus::Done;
    }
    if (state == "running") {
        return SegmentStatus::Running;
    }
    return state == "failed" ? SegmentStatus::Failed : SegmentStatus::Pending;
}

} // namespace

FarmMonitor::FarmMonitor()
{
    qRegisterMetaType<FarmSnapshot>();
}

FarmMonitor::~FarmMonitor() = default;

void FarmMonitor::watch(const QUuid& id, const QString& jobFolder, const QString& brokerUrl)
{
    m_watched.insert(id, Watched { jobFolder, brokerUrl });
    if (!m_timer) {
        m_timer = new QTimer(this);
        m_timer->setInterval(1000);
        connect(m_timer, &QTimer::timeout, this, &FarmMonitor::poll);
    }
    m_timer->start();
    poll();
}

void FarmMonitor::unwatch(const QUuid& id)
{
    m_watched.remove(id);
    if (m_watched.isEmpty() && m_timer) {
        m_timer->stop();
    }
}

farm::Broker* FarmMonitor::brokerFor(const QString& url)
{
    auto it = m_brokers.find(url);
    if (it == m_brokers.end()) {
        auto broker = std::make_unique<farm::Broker>(url.toStdString(), "passthrough-studio");
        broker->ensureSetup(farm::farmLimits());
        it = m_brokers.emplace(url, std::move(broker)).first;
    }
    return it->second.get();
}

void FarmMonitor::poll()
{
    for (auto it = m_watched.cbegin(); it != m_watched.cend(); ++it) {
        FarmSnapshot snapshot;
        try {
            const JobRecord job = JobStore(it->jobFolder.toStdString()).load();
            const farm::FarmJobStatus status = farm::farmStatus(*brokerFor(it->brokerUrl), job);
            snapshot.totalFrames = job.frameCount();
            for (const auto& p : status.segments) {
                snapshot.segments.push_back(SegmentView {
                    statusOf(p.state), QString::fromStdString(p.error), QString::fromStdString(p.worker) });
                snapshot.framesDone += p.state == "done" ? p.totalFrames : p.frames;
            }
            snapshot.joined = status.join.state == "joined";
            snapshot.failed = status.join.state == "failed";
            snapshot.message = QString::fromStdString(status.join.error);
        } catch (const std::exception& e) {
            m_brokers.erase(it->brokerUrl); // reconnect next time
            snapshot.message = QString::fromStdString(e.what());
        }
        Q_EMIT updated(it.key(), snapshot);
    }
}

} // namespace passthrough::ui
