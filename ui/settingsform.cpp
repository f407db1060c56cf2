#include "settingsform.h"

#include "farm/brokeraddress.h"
#include "job/targetpreset.h"
#include "packing/outputencoding.h"
#include "packing/packing.h"
#include "targetlabels.h"

#include <QColorDialog>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>

#include <optional>

namespace passthrough::ui {
namespace {

QString q(const std::string& s)
{
    return QString::fromStdString(s);
}

// Packings come from core (allPackings), so the form cannot offer one the core lacks or miss
// a new one; the fisheye alpha pair is one entry plus a channel choice.
QString packingLabel(PackingKind kind)
{
    switch (kind) {
    case PackingKind::FisheyeAlpha:
    case PackingKind::FisheyeAlphaRed:
        return SettingsForm::tr("Fisheye alpha (DeoVR, HereSphere)");
    case PackingKind::Matte:
        return SettingsForm::tr("Matte only");
    case PackingKind::GreenScreen:
        return SettingsForm::tr("Green screen");
    case PackingKind::ProRes4444:
        return SettingsForm::tr("ProRes 4444 with alpha (.mov)");
    case PackingKind::Vp9Alpha:
        return SettingsForm::tr("VP9 with alpha (.webm)");
    case PackingKind::PngAlpha:
        return SettingsForm::tr("PNG sequence with alpha");
    }
    return q(packingName(kind));
}

void selectData(QComboBox* box, const QString& value)
{
    const int index = box->findData(value);
    if (index >= 0) {
        box->setCurrentIndex(index);
    } else if (box->isEditable()) {
        box->setEditText(value);
    }
}

QWidget* row(QWidget* parent, std::initializer_list<QWidget*> widgets)
{
    auto* holder = new QWidget(parent);
    auto* layout = new QHBoxLayout(holder);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget* w : widgets) {
        layout->addWidget(w);
    }
    return holder;
}

} // namespace

SettingsForm::SettingsForm(QWidget* parent)
    : QWidget(parent)
    , m_target(new QComboBox(this))
    , m_targetNote(new QLabel(this))
    , m_quality(new QComboBox(this))
    , m_advancedToggle(new QToolButton(this))
    , m_advanced(new QWidget(this))
    , m_advancedForm(new QFormLayout(m_advanced))
    , m_segmentSeconds(new QDoubleSpinBox(this))
    , m_packing(new QComboBox(this))
    , m_channel(new QComboBox(this))
    , m_keyColor(new QPushButton(this))
    , m_packingNote(new QLabel(this))
    , m_encoder(new QComboBox(this))
    , m_crf(new QSpinBox(this))
    , m_preset(new QComboBox(this))
    , m_downsample(new QComboBox(this))
    , m_device(new QComboBox(this))
    , m_model(new QLineEdit(this))
    , m_downloadStatus(new QLabel(this))
    , m_outputFolder(new QLineEdit(this))
    , m_outputPreview(new QLabel(this))
    , m_costEstimate(new QLabel(this))
    , m_broker(new QLineEdit(this))
    , m_brokerPassword(new QLineEdit(this))
{
    m_target->setObjectName(QStringLiteral("target"));
    for (OutputTarget target : allTargets()) {
        m_target->addItem(TargetLabels::title(target), q(targetName(target)));
        m_target->setItemData(m_target->count() - 1, TargetLabels::description(target), Qt::ToolTipRole);
    }
    m_target->addItem(tr("Custom (see Advanced)"), QString());
    m_targetNote->setObjectName(QStringLiteral("targetNote"));
    m_targetNote->setWordWrap(true);
    m_quality->setObjectName(QStringLiteral("quality"));
    for (OutputQuality quality : allQualities()) {
        m_quality->addItem(TargetLabels::title(quality), q(qualityName(quality)));
        m_quality->setItemData(m_quality->count() - 1, TargetLabels::description(quality), Qt::ToolTipRole);
    }
    m_advancedToggle->setObjectName(QStringLiteral("advancedToggle"));
    m_advancedToggle->setText(tr("Advanced"));
    m_advancedToggle->setCheckable(true);
    m_advancedToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_advancedToggle->setArrowType(Qt::RightArrow);
    m_advanced->setObjectName(QStringLiteral("advanced"));
    m_advanced->hide();
    m_advancedForm->setContentsMargins(0, 0, 0, 0);
    connect(m_advancedToggle, &QToolButton::toggled, this, [this](bool open) {
        m_advanced->setVisible(open);
        m_advancedToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
    });

    m_segmentSeconds->setObjectName(QStringLiteral("segmentSeconds"));
    m_segmentSeconds->setRange(1.0, 600.0);
    m_segmentSeconds->setDecimals(1);
    m_segmentSeconds->setSuffix(tr(" s"));
    m_segmentSeconds->setToolTip(
        tr("Each segment is matted and encoded on its own: a failure costs only it."));

    m_packing->setObjectName(QStringLiteral("packing"));
    for (PackingKind kind : allPackings()) {
        if (kind == PackingKind::FisheyeAlphaRed) {
            continue; // the channel choice of fisheye alpha
        }
        m_packing->addItem(packingLabel(kind), q(packingName(kind)));
        m_packing->setItemData(m_packing->count() - 1, q(packingDescription(kind)), Qt::ToolTipRole);
    }
    m_channel->setObjectName(QStringLiteral("channel"));
    m_channel->addItem(tr("Gray"), QStringLiteral("gray"));
    m_channel->addItem(tr("Red"), QStringLiteral("red"));
    m_keyColor->setObjectName(QStringLiteral("keyColor"));
    m_packingNote->setWordWrap(true);

    m_encoder->setObjectName(QStringLiteral("encoder"));
    m_encoder->addItem(tr("Automatic (NVENC when present, else x265)"), QStringLiteral("auto"));
    for (const std::string& name : videoEncoders()) {
        m_encoder->addItem(q(name), q(name));
    }
    m_crf->setObjectName(QStringLiteral("crf"));
    m_crf->setRange(0, 51);
    m_crf->setToolTip(tr("Lower is better quality and bigger files."));
    m_preset->setObjectName(QStringLiteral("preset"));
    for (const std::string& name : encoderPresets()) {
        m_preset->addItem(q(name), q(name));
    }
    m_downsample->setObjectName(QStringLiteral("downsample"));
    m_downsample->addItem(tr("Automatic (about 512 px per eye)"), QStringLiteral("auto"));
    for (const char* ratio : { "0.5", "0.375", "0.25", "0.125" }) {
        m_downsample->addItem(QString::fromLatin1(ratio), QString::fromLatin1(ratio));
    }
    m_device->setObjectName(QStringLiteral("device"));
    m_device->addItem(tr("Automatic (CUDA when present)"), QStringLiteral("auto"));
    m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
    m_device->addItem(tr("CUDA"), QStringLiteral("cuda"));

    m_model->setObjectName(QStringLiteral("model"));
    auto* browseModel = new QPushButton(tr("Choose…"), this);
    auto* download = new QPushButton(tr("Download"), this);
    download->setObjectName(QStringLiteral("downloadModel"));
    download->setToolTip(tr("Downloads RVM's official weights once and verifies them before use."));
    m_outputFolder->setObjectName(QStringLiteral("outputFolder"));
    m_outputFolder->setPlaceholderText(tr("Beside the source"));
    auto* browseOutput = new QPushButton(tr("Choose…"), this);
    m_outputPreview->setObjectName(QStringLiteral("outputPreview"));
    m_outputPreview->setWordWrap(true);
    m_outputPreview->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_broker->setObjectName(QStringLiteral("brokerUrl"));
    m_broker->setPlaceholderText(QStringLiteral("nats://user@host:4222"));
    m_broker->setToolTip(tr("The render farm's NATS server. With it set, a job can be sent to the farm's "
                            "workers instead of running on this computer."));
    // Kept apart and masked so that the password does not show when the settings are on screen
    // (a screen share, a screenshot for support).
    m_brokerPassword->setObjectName(QStringLiteral("brokerPassword"));
    m_brokerPassword->setEchoMode(QLineEdit::Password);
    m_brokerPassword->setPlaceholderText(tr("Password"));
    m_brokerPassword->setToolTip(tr("The broker user's password, if the broker asks for one."));

    auto* form = new QFormLayout(this);
    form->addRow(tr("Made for"), m_target);
    form->addRow(QString(), m_targetNote);
    form->addRow(tr("Quality"), m_quality);
    form->addRow(tr("Segment length"), m_segmentSeconds);
    form->addRow(m_advancedToggle);
    form->addRow(m_advanced);
    m_advancedForm->addRow(tr("Packing"), m_packing);
    m_advancedForm->addRow(tr("Matte channel"), m_channel);
    m_advancedForm->addRow(tr("Key colour"), m_keyColor);
    m_advancedForm->addRow(QString(), m_packingNote);
    m_advancedForm->addRow(tr("Encoder"), m_encoder);
    m_advancedForm->addRow(tr("Quality (CRF)"), row(this, { m_crf, m_preset }));
    m_advancedForm->addRow(tr("Model resolution"), m_downsample);
    m_advancedForm->addRow(tr("Device"), m_device);
    form->addRow(tr("Model file"), row(this, { m_model, browseModel, download }));
    form->addRow(QString(), m_downloadStatus);
    form->addRow(tr("Output folder"), row(this, { m_outputFolder, browseOutput }));
    form->addRow(tr("Output file"), m_outputPreview);
    m_costEstimate->setObjectName(QStringLiteral("costEstimate"));
    m_costEstimate->setWordWrap(true);
    form->addRow(tr("Estimate"), m_costEstimate);
    form->addRow(tr("Render farm"), row(this, { m_broker, m_brokerPassword }));

    auto notify = [this] {
        updateVisibility();
        if (!m_loading) {
            showTargetOf(settings()); // a codec setting changed by hand may make the target custom
            Q_EMIT edited();
        }
    };
    for (QComboBox* box : { m_target, m_quality }) {
        connect(box, &QComboBox::currentIndexChanged, this, [this] {
            if (!m_loading) {
                applyChosenTarget();
                Q_EMIT edited();
            }
        });
    }
    connect(m_segmentSeconds, &QDoubleSpinBox::valueChanged, this, notify);
    for (QComboBox* box : { m_packing, m_channel, m_encoder, m_preset, m_downsample, m_device }) {
        connect(box, &QComboBox::currentIndexChanged, this, notify);
    }
    connect(m_crf, &QSpinBox::valueChanged, this, notify);
    connect(m_model, &QLineEdit::editingFinished, this, notify);
    connect(m_outputFolder, &QLineEdit::editingFinished, this, notify);
    connect(m_broker, &QLineEdit::editingFinished, this, [this, notify] {
        takePasswordOutOfBrokerAddress();
        notify();
    });
    connect(m_brokerPassword, &QLineEdit::editingFinished, this, notify);
    connect(m_keyColor, &QPushButton::clicked, this, &SettingsForm::chooseKeyColor);
    connect(download, &QPushButton::clicked, this, &SettingsForm::downloadModelRequested);
    connect(browseModel, &QPushButton::clicked, this, [this, notify] {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Matting model"), m_model->text(), tr("RVM models (*.pth *.torchscript *.pt)"));
        if (!file.isEmpty()) {
            m_model->setText(file);
            notify();
        }
    });
    connect(browseOutput, &QPushButton::clicked, this, [this, notify] {
        const QString folder
            = QFileDialog::getExistingDirectory(this, tr("Output folder"), m_outputFolder->text());
        if (!folder.isEmpty()) {
            m_outputFolder->setText(folder);
            notify();
        }
    });
}

void SettingsForm::setValues(
    const JobSettings& settings, const QString& modelPath, const QString& outputFolder)
{
    m_loading = true;
    m_base = settings;
    m_segmentSeconds->setValue(settings.segmentSeconds);
    showCodecSettings(settings);
    selectData(m_downsample, q(settings.downsample));
    selectData(m_device, q(settings.device));
    showTargetOf(settings);
    m_model->setText(modelPath);
    m_outputFolder->setText(outputFolder);
    updateVisibility();
    m_loading = false;
}

JobSettings SettingsForm::settings() const
{
    JobSettings s = m_base;
    s.segmentSeconds = m_segmentSeconds->value();
    s.packing = m_packing->currentData().toString().toStdString();
    if (s.packing == "fisheye-alpha" && m_channel->currentData().toString() == QLatin1String("red")) {
        s.packing = "fisheye-alpha-red";
    }
    s.keyColor = m_keyColor->text().toStdString();
    const auto kind = parsePackingName(s.packing);
    // The real-alpha exports each have their one encoder.
    s.encoder.encoder
        = kind && hasAlphaChannel(*kind) ? "auto" : m_encoder->currentData().toString().toStdString();
    s.encoder.crf = m_crf->value();
    s.encoder.preset = m_preset->currentData().toString().toStdString();
    s.downsample = m_downsample->currentData().toString().toStdString();
    s.device = m_device->currentData().toString().toStdString();
    // The target is recorded only while the codec settings are still what it sets.
    s.target = m_target->currentData().toString().toStdString();
    s.quality = s.target.empty() ? std::string() : m_quality->currentData().toString().toStdString();
    if (!s.target.empty()) {
        JobSettings preset = s;
        applyTarget(preset, requireTarget(s.target), requireQuality(s.quality));
        if (preset != s) {
            s.target.clear();
            s.quality.clear();
        }
    }
    return s;
}

void SettingsForm::showCodecSettings(const JobSettings& settings)
{
    const bool red = settings.packing == "fisheye-alpha-red";
    selectData(m_packing, red ? QStringLiteral("fisheye-alpha") : q(settings.packing));
    selectData(m_channel, red ? QStringLiteral("red") : QStringLiteral("gray"));
    m_keyColor->setText(q(settings.keyColor));
    m_keyColor->setStyleSheet(QStringLiteral("background-color: %1").arg(q(settings.keyColor)));
    selectData(m_encoder, q(settings.encoder.encoder));
    m_crf->setValue(settings.encoder.crf);
    selectData(m_preset, q(settings.encoder.preset));
}

void SettingsForm::applyChosenTarget()
{
    const QString target = m_target->currentData().toString();
    if (target.isEmpty()) {
        return; // "Custom": the fields stay as they are
    }
    JobSettings s = settings();
    applyTarget(s, requireTarget(target.toStdString()),
        requireQuality(m_quality->currentData().toString().toStdString()));
    m_loading = true;
    showCodecSettings(s);
    m_base.refiner = s.refiner;
    updateVisibility();
    m_loading = false;
    showTargetOf(settings());
}

void SettingsForm::showTargetOf(const JobSettings& settings)
{
    const bool loading = m_loading;
    m_loading = true;
    JobSettings preset = settings;
    const bool known = !settings.target.empty();
    if (known) {
        applyTarget(preset, requireTarget(settings.target), requireQuality(settings.quality));
    }
    const bool matches = known && preset == settings;
    selectData(m_target, matches ? q(settings.target) : QString());
    if (matches) {
        selectData(m_quality, q(settings.quality));
    }
    const auto target = matches ? std::optional(requireTarget(settings.target)) : std::nullopt;
    m_targetNote->setText(target ? TargetLabels::description(*target) : tr("Set by hand under Advanced."));
    m_quality->setEnabled(matches);
    m_loading = loading;
}

void SettingsForm::setBrokerUrl(const QString& url)
{
    m_loading = true;
    const farm::BrokerPasswordSplit split = farm::splitBrokerPassword(url.trimmed().toStdString());
    m_broker->setText(q(split.address));
    m_brokerPassword->setText(q(split.password));
    m_loading = false;
}

QString SettingsForm::brokerUrl() const
{
    return q(farm::withBrokerPassword(
        m_broker->text().trimmed().toStdString(), m_brokerPassword->text().toStdString()));
}

// A whole address pasted with its password: the password moves to its masked field.
void SettingsForm::takePasswordOutOfBrokerAddress()
{
    const farm::BrokerPasswordSplit split
        = farm::splitBrokerPassword(m_broker->text().trimmed().toStdString());
    if (!split.password.empty()) {
        m_broker->setText(q(split.address));
        m_brokerPassword->setText(q(split.password));
    }
}

QString SettingsForm::modelPath() const
{
    return m_model->text();
}

QString SettingsForm::outputFolder() const
{
    return m_outputFolder->text();
}

void SettingsForm::setOutputPreview(const QString& path)
{
    m_outputPreview->setText(path);
}

void SettingsForm::setCostEstimate(const QString& text)
{
    m_costEstimate->setText(text.isEmpty() ? tr("Preview a frame to see the time and size on this computer.")
                                           : tr("%1 on this computer").arg(text));
}

void SettingsForm::setDownloadProgress(const QString& text)
{
    m_downloadStatus->setText(text);
}

void SettingsForm::updateVisibility()
{
    const QString packing = m_packing->currentData().toString();
    const auto kind = parsePackingName(packing.toStdString());
    // Settings the packing does not use are hidden, not shown inert.
    m_advancedForm->setRowVisible(m_channel, packing == QLatin1String("fisheye-alpha"));
    m_advancedForm->setRowVisible(m_keyColor, usesKeyColor(packing.toStdString()));
    const bool alphaChannel = kind && hasAlphaChannel(*kind);
    m_packingNote->setText(alphaChannel
            ? tr("A real alpha channel is for editors: no headset player is known to read it.")
            : QString());
    m_advancedForm->setRowVisible(m_packingNote, alphaChannel);
    m_advancedForm->setRowVisible(m_encoder, usesVideoEncoder(packing.toStdString()));
    m_advancedForm->setRowVisible(m_crf->parentWidget(), usesVideoEncoder(packing.toStdString()));
}

void SettingsForm::chooseKeyColor()
{
    const QColor chosen = QColorDialog::getColor(QColor(m_keyColor->text()), this, tr("Key colour"));
    if (chosen.isValid()) {
        m_keyColor->setText(chosen.name().toUpper());
        m_keyColor->setStyleSheet(QStringLiteral("background-color: %1").arg(chosen.name()));
        if (!m_loading) {
            Q_EMIT edited();
        }
    }
}

} // namespace passthrough::ui
