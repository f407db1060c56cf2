#include "studiosettings.h"

#include "job/targetpreset.h"
#include "model/modellocation.h"

#include <QFile>

#include <nlohmann/json.hpp>

namespace passthrough::ui {
namespace {

const QString kDefaults = QStringLiteral("defaults/jobSettings");
const QString kModel = QStringLiteral("defaults/modelPath");
const QString kOutputFolder = QStringLiteral("defaults/outputFolder");
const QString kQueue = QStringLiteral("queue/entries");
const QString kBroker = QStringLiteral("farm/brokerUrl");
const QString kWatchFolder = QStringLiteral("watch/folder");
const QString kWatchBetween = QStringLiteral("watch/between");
const QString kWatchSettle = QStringLiteral("watch/settleSeconds");

} // namespace

StudioSettings::StudioSettings(const QString& file)
    : m_settings(file.isEmpty() ? std::make_unique<QSettings>()
                                : std::make_unique<QSettings>(file, QSettings::IniFormat))
{
}

JobSettings StudioSettings::defaultJobSettings() const
{
    // A first job is made for a headset: the target most users come for.
    JobSettings settings;
    applyTarget(settings, OutputTarget::Headset, OutputQuality::Balanced);
    const QByteArray stored = m_settings->value(kDefaults).toByteArray();
    if (stored.isEmpty()) {
        return settings;
    }
    try {
        // Stored in the job file's own JSON form, so both stay one format.
        return settingsFromJson(nlohmann::json::parse(stored.toStdString()));
    } catch (const std::exception&) {
        return settings; // a damaged settings file falls back to the defaults
    }
}

void StudioSettings::setDefaultJobSettings(const JobSettings& settings)
{
    JobSettings remembered = settings;
    remembered.layoutOverride.reset(); // a layout belongs to one file, not to the defaults
    remembered.matte.regions.clear(); // so do regions: who stays depends on the shot
    m_settings->setValue(kDefaults, QByteArray::fromStdString(toJson(remembered).dump()));
}

QString StudioSettings::modelPath() const
{
    const QString chosen = m_settings->value(kModel).toString();
    if (!chosen.isEmpty()) {
        return chosen;
    }
    const auto installed = installedModel();
    return installed ? QString::fromStdString(installed->string()) : QString();
}

void StudioSettings::setModelPath(const QString& path)
{
    m_settings->setValue(kModel, path);
}

QString StudioSettings::outputFolder() const
{
    return m_settings->value(kOutputFolder).toString();
}

void StudioSettings::setOutputFolder(const QString& folder)
{
    m_settings->setValue(kOutputFolder, folder);
}

QString StudioSettings::brokerUrl() const
{
    return m_settings->value(kBroker).toString();
}

void StudioSettings::setBrokerUrl(const QString& url)
{
    m_settings->setValue(kBroker, url.trimmed());
    // The address may carry the farm's password: the settings file becomes readable by its
    // owner only. QSettings rewrites the file through QSaveFile, which keeps these permissions.
    m_settings->sync();
    if (QFile::exists(m_settings->fileName())) {
        QFile::setPermissions(m_settings->fileName(), QFile::ReadOwner | QFile::WriteOwner);
    }
}

QString StudioSettings::watchFolder() const
{
    return m_settings->value(kWatchFolder).toString();
}

QString StudioSettings::watchBetween() const
{
    return m_settings->value(kWatchBetween).toString();
}

double StudioSettings::watchSettleSeconds() const
{
    return m_settings->value(kWatchSettle, 30.0).toDouble();
}

void StudioSettings::setWatch(const QString& folder, const QString& between, double settleSeconds)
{
    m_settings->setValue(kWatchFolder, folder);
    m_settings->setValue(kWatchBetween, between);
    m_settings->setValue(kWatchSettle, settleSeconds);
}

QByteArray StudioSettings::queueState() const
{
    return m_settings->value(kQueue).toByteArray();
}

void StudioSettings::setQueueState(const QByteArray& json)
{
    m_settings->setValue(kQueue, json);
}

void StudioSettings::sync()
{
    m_settings->sync();
}

} // namespace passthrough::ui
