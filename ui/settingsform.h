#pragma once

#include "job/jobrecord.h"

#include <QWidget>

class QComboBox;
class QFormLayout;
class QToolButton;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace passthrough::ui {

// The settings of one job. First what the output is for (a target: "Quest / Pico / Vision Pro in
// HereSphere or DeoVR", ...) and a quality in words, each a preset of the codec settings; then
// segment length, model file and output folder. The codec settings themselves (packing with
// gray/red and the key colour, encoder, CRF and preset, model resolution, device) sit under
// "Advanced", each shown only where the packing uses it; changing one there makes the target
// "Custom". Emits `edited` after every change the user makes; setting values from code does not.
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
    // The draft's time and size on this machine (costestimate.h); empty: not previewed yet.
    void setCostEstimate(const QString& text);
    void setDownloadProgress(const QString& text);

Q_SIGNALS:
    void edited();
    void downloadModelRequested();

private:
    void updateVisibility();
    void applyChosenTarget();
    // Packing, channel, key colour, encoder, CRF and preset as `settings` has them (no signal).
    void showCodecSettings(const JobSettings& settings);
    void showTargetOf(const JobSettings& settings);
    void chooseKeyColor();
    void takePasswordOutOfBrokerAddress();

    JobSettings m_base; // fields the form does not show (layout) pass through
    bool m_loading = false;
    QComboBox* m_target;
    QLabel* m_targetNote;
    QComboBox* m_quality;
    QToolButton* m_advancedToggle;
    QWidget* m_advanced;
    QFormLayout* m_advancedForm;
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
    QLabel* m_costEstimate;
    QLineEdit* m_broker;
    QLineEdit* m_brokerPassword;
};

} // namespace passthrough::ui
