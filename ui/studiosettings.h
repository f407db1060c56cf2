#pragma once

#include "job/jobrecord.h"

#include <QSettings>
#include <QString>

#include <memory>

namespace passthrough::ui {

// The window's remembered choices (QSettings): the defaults a new job starts with, the model
// file, the output folder, and the queue itself (so it survives restarts).
class StudioSettings {
public:
    // `file` empty = the platform's usual place for PassthroughStudio's settings.
    explicit StudioSettings(const QString& file = {});

    [[nodiscard]] JobSettings defaultJobSettings() const;
    void setDefaultJobSettings(const JobSettings& settings);
    [[nodiscard]] QString modelPath() const; // the chosen file, else the installed model, else empty
    void setModelPath(const QString& path);
    [[nodiscard]] QString outputFolder() const; // empty = beside the source
    void setOutputFolder(const QString& folder);

    // The render farm's broker (nats://user:password@host:4222 or tls://…); empty = no farm.
    [[nodiscard]] QString brokerUrl() const;
    void setBrokerUrl(const QString& url);

    // The watched folder ("Watch folder"), empty = none, the hours its jobs may start in
    // ("HH:MM-HH:MM", empty = any time), and how long a new file must stay unchanged.
    [[nodiscard]] QString watchFolder() const;
    [[nodiscard]] QString watchBetween() const;
    [[nodiscard]] double watchSettleSeconds() const; // default 30
    void setWatch(const QString& folder, const QString& between, double settleSeconds = 30.0);

    [[nodiscard]] QByteArray queueState() const;
    void setQueueState(const QByteArray& json);

    void sync();

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace passthrough::ui
