#pragma once

#include <QObject>
#include <QString>

namespace passthrough::ui {

// Downloads a model into the user's cache on a thread of its own (the core verifies it before it
// lands) and reports progress and the result as signals: RVM's official weights, or the person
// model's two files (then `finished` gives their folder).
class ModelDownloader : public QObject {
    Q_OBJECT

public:
    enum class Kind { Matting, Person };
    explicit ModelDownloader(Kind kind = Kind::Matting, QObject* parent = nullptr)
        : QObject(parent)
        , m_kind(kind)
    {
    }
    [[nodiscard]] bool isRunning() const { return m_running; }
    void start();

Q_SIGNALS:
    void progressed(qint64 received, qint64 total);
    void finished(const QString& modelFile);
    void failed(const QString& message);

private:
    Kind m_kind;
    bool m_running = false;
};

} // namespace passthrough::ui
