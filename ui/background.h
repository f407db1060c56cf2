#pragma once

#include <QMetaObject>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QThreadPool>

#include <exception>
#include <functional>
#include <optional>

namespace passthrough::ui {

// Runs `work` on the thread pool (it reads whole files or talks to the network) and then
// `done(result, error)` back on `owner`'s thread, unless the owner is gone by then.
template <typename Result>
void inBackground(QObject* owner, std::function<Result()> work,
    std::function<void(const std::optional<Result>&, const QString&)> done)
{
    QPointer<QObject> guard(owner);
    QThreadPool::globalInstance()->start([guard, work = std::move(work), done = std::move(done)] {
        std::optional<Result> result;
        QString error;
        try {
            result = work();
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        }
        if (!guard) {
            return;
        }
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, result, error, done] {
                if (guard) {
                    done(result, error);
                }
            },
            Qt::QueuedConnection);
    });
}

} // namespace passthrough::ui
