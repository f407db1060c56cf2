#pragma once

#include "job/jobrecord.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace passthrough::ui {

// The settings of one job: segment length, packing (with gray/red and the key colour), encoder
// and quality, model resolution, device, model file and output folder. Emits `edited` after
// every change the user makes; setting values from code does not.
class SettingsForm : public QWidget {
    Q_OBJECT

public:
    explicit SettingsForm(QWidget* parent = nullptr);

    void setValues(const JobSettings& settings, const QString& modelPath, const QString& outputFolder);
    [[nodiscard]] JobSettings settings() const;
    [[nodiscard]] QString modelPath() const;
    [[nodiscard]] QString outputFolder() const;
    // The render farm's broker: a setting of this computer, not of a job. Its password is shown
    // masked in a field of its own; brokerUrl() puts it back into the address.
    void setBrokerUrl(const QString& url);
    [[nodiscard]] QString brokerUrl() const;
    void setOutputPreview(const QString& path);
    void setDownloadProgress(const QString& text);

Q_SIGNALS:
    void edited();
    void downloadModelRequested();

private:
    void updateVisibility();
    void chooseKeyColor();
    void takePasswordOutOfBrokerAddress();

    JobSettings m_base; // fields the form does not show (layout) pass through
    bool m_loading = false;
    QDoubleSpinBox* m_segmentSeconds;
    QComboBox* m_packing;
    QComboBox* m_channel;
    QPushButton* m_keyColor;
    QLabel* m_packingNote;
    QComboBox* m_encoder;
    QSpinBox* m_crf;
    QComboBox* m_preset;
    QComboBox* m_downsample;
    QComboBox* m_device;
    QLineEdit* m_model;
    QLabel* m_downloadStatus;
    QLineEdit* m_outputFolder;
    QLabel* m_outputPreview;
    QLineEdit* m_broker;
    QLineEdit* m_brokerPassword;
};

} // namespace passthrough::ui
