#include "probeview.h"

#include "media/layout.h"

#include <QComboBox>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>

namespace passthrough::ui {
namespace {

const char* const kLayoutTags[] = { "LR_FISHEYE180", "LR_FISHEYE190", "LR_FISHEYE200", "LR_FISHEYE220",
    "LR_180", "TB_180", "LR_360", "TB_360", "MONO_360", "LR_FLAT", "MONO_FLAT" };

QLabel* valueLabel(QWidget* parent, const QString& name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

ProbeView::ProbeView(QWidget* parent)
    : QWidget(parent)
    , m_file(valueLabel(this, QStringLiteral("file")))
    , m_video(valueLabel(this, QStringLiteral("video")))
    , m_timing(valueLabel(this, QStringLiteral("timing")))
    , m_audio(valueLabel(this, QStringLiteral("audio")))
    , m_layout(valueLabel(this, QStringLiteral("layout")))
    , m_override(new QComboBox(this))
{
    m_override->setObjectName(QStringLiteral("layoutOverride"));
    m_override->addItem(tr("As detected"), QString());
    for (const char* tag : kLayoutTags) {
        m_override->addItem(QString::fromLatin1(tag), QString::fromLatin1(tag));
    }
    auto* form = new QFormLayout(this);
    form->addRow(tr("File"), m_file);
    form->addRow(tr("Video"), m_video);
    form->addRow(tr("Timing"), m_timing);
    form->addRow(tr("Audio"), m_audio);
    form->addRow(tr("Layout"), m_layout);
    form->addRow(tr("Use layout"), m_override);
    connect(m_override, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_loading) {
            Q_EMIT layoutOverrideEdited();
        }
    });
}

void ProbeView::display(const QueueEntry& entry)
{
    m_loading = true;
    m_file->setText(QFileInfo(entry.sourcePath).fileName());
    m_file->setToolTip(entry.sourcePath);
    const int index = entry.settings.layoutOverride
        ? m_override->findData(QString::fromStdString(*entry.settings.layoutOverride))
        : 0;
    m_override->setCurrentIndex(std::max(0, index));
    m_override->setEnabled(entry.isEditable());
    if (!entry.probe) {
        const QString status = entry.state == EntryState::Unusable ? entry.message : stateText(entry.state);
        for (QLabel* label : { m_video, m_timing, m_audio, m_layout }) {
            label->setText(label == m_video ? status : QString());
        }
        m_loading = false;
        return;
    }
    const MediaInfo& info = *entry.probe;
    m_video->setText(tr("%1 × %2, %3, %4-bit (%5)")
                         .arg(info.width)
                         .arg(info.height)
                         .arg(QString::fromStdString(info.codecName))
                         .arg(info.bitDepth)
                         .arg(QString::fromStdString(info.pixelFormat)));
    const double fps = info.frameRate.den ? double(info.frameRate.num) / info.frameRate.den : 0.0;
    m_timing->setText(tr("%1 frames/s%2, %3 s, %4 frames")
                          .arg(fps, 0, 'f', 3)
                          .arg(info.variableFrameRate ? tr(" (variable)") : QString())
                          .arg(info.durationSeconds, 0, 'f', 2)
                          .arg(info.frameCount));
    m_audio->setText(info.hasAudio ? tr("%1, %2 channels, %3 Hz")
                                         .arg(QString::fromStdString(info.audioCodecName))
                                         .arg(info.audioChannels)
                                         .arg(info.audioSampleRate)
                                   : tr("none"));
    m_layout->setText(tr("%1 — %2 (%3)")
                          .arg(QString::fromStdString(layoutTag(info.layout)),
                              QString::fromStdString(describe(info.layout)),
                              tr("from %1").arg(QString::fromStdString(info.layout.decidedBy))));
    m_loading = false;
}

std::optional<std::string> ProbeView::layoutOverride() const
{
    const QString tag = m_override->currentData().toString();
    return tag.isEmpty() ? std::nullopt : std::optional<std::string>(tag.toStdString());
}

} // namespace passthrough::ui
