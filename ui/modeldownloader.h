#pragma once

#include <QObject>
#include <QString>

namespace passthrough::ui {

// Downloads RVM's official weights into the user's cache on a thread of its own (the core
// verifies the file before it lands) and reports progress and the result as signals.
class ModelDownloader : public QObject {
    Q_OBJECT

public:
    using QObject::QObject;
    [[nodiscard]] bool isRunning() const { return m_running; }
    void start();

Q_SIGNALS:
    void progressed(qint64 received, qint64 total);
    void finished(const QString& modelFile);
    void failed(const QString& message);

private:
    bool m_running = false;
};

} // namespace passthrough::ui
