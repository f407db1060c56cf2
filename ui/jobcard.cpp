#include "jobcard.h"

#include "costestimate.h"
#include "segmentstrip.h"
#include "targetlabels.h"

#include <QDesktopServices>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace passthrough::ui {

QString formatDuration(double seconds)
{
    if (seconds < 0.0) {
        return QStringLiteral("–");
    }
    const auto total = qint64(seconds + 0.5);
    return total >= 3600 ? QStringLiteral("%1:%2:%3")
                               .arg(total / 3600)
                               .arg((total / 60) % 60, 2, 10, QLatin1Char('0'))
                               .arg(total % 60, 2, 10, QLatin1Char('0'))
                         : QStringLiteral("%1:%2").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
}

JobCard::JobCard(const QUuid& id, QWidget* parent)
    : QFrame(parent)
    , m_id(id)
    , m_title(new QLabel(this))
    , m_state(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_strip(new SegmentStrip(this))
{
    setFrameShape(QFrame::StyledPanel);
    setObjectName(QStringLiteral("jobCard"));
    m_title->setTextFormat(Qt::PlainText);
    m_state->setWordWrap(true);
    m_progress->setRange(0, 1000);

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(2);
    m_start = addButton(tr("Start"), QStringLiteral("start"));
    m_farm = addButton(tr("Send to farm"), QStringLiteral("farm"));
    m_farm->setToolTip(tr("Let the render farm's workers do this job instead of this computer."));
    m_pause = addButton(tr("Pause"), QStringLiteral("pause"));
    m_resume = addButton(tr("Resume"), QStringLiteral("resume"));
    m_cancel = addButton(tr("Stop"), QStringLiteral("cancel"));
    m_retry = addButton(tr("Retry failed"), QStringLiteral("retry"));
    m_showInFolder = addButton(tr("Show in folder"), QStringLiteral("showInFolder"));
    m_showInFolder->setToolTip(tr("Opens the folder that holds the finished video."));
    m_up = addButton(tr("Up"), QStringLiteral("up"));
    m_down = addButton(tr("Down"), QStringLiteral("down"));
    m_remove = addButton(tr("Remove"), QStringLiteral("remove"));
    for (auto* button : { m_start, m_farm, m_pause, m_resume, m_cancel, m_retry, m_showInFolder }) {
        buttons->addWidget(button);
    }
    buttons->addStretch();
    for (auto* button : { m_up, m_down, m_remove }) {
        buttons->addWidget(button);
    }
    connect(m_start, &QToolButton::clicked, this, [this] { Q_EMIT startRequested(m_id); });
    connect(m_farm, &QToolButton::clicked, this, [this] { Q_EMIT farmRequested(m_id); });
    connect(m_pause, &QToolButton::clicked, this, [this] { Q_EMIT pauseRequested(m_id); });
    connect(m_resume, &QToolButton::clicked, this, [this] { Q_EMIT resumeRequested(m_id); });
    connect(m_cancel, &QToolButton::clicked, this, [this] { Q_EMIT cancelRequested(m_id); });
    connect(m_retry, &QToolButton::clicked, this, [this] { Q_EMIT retryRequested(m_id); });
    connect(m_showInFolder, &QToolButton::clicked, this,
        [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(m_outputPath).absolutePath())); });
    connect(m_remove, &QToolButton::clicked, this, [this] { Q_EMIT removeRequested(m_id); });
    connect(m_up, &QToolButton::clicked, this, [this] { Q_EMIT moveRequested(m_id, -1); });
    connect(m_down, &QToolButton::clicked, this, [this] { Q_EMIT moveRequested(m_id, 1); });

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_state);
    layout->addWidget(m_progress);
    layout->addWidget(m_strip);
    layout->addLayout(buttons);
}

QToolButton* JobCard::addButton(const QString& text, const QString& objectName)
{
    auto* button = new QToolButton(this);
    button->setText(text);
    button->setObjectName(objectName);
    button->setAutoRaise(true);
    return button;
}

void JobCard::display(const QueueEntry& entry)
{
    m_title->setText(QFileInfo(entry.sourcePath).fileName());
    m_title->setToolTip(entry.sourcePath);
    QString state = stateText(entry.state);
    if (entry.isActive() && entry.framesPerSecond > 0.0) {
        state += tr(" · %1 frames/s · %2 left")
                     .arg(entry.framesPerSecond, 0, 'f', 1)
                     .arg(formatDuration(entry.etaSeconds));
    }
    if (!entry.message.isEmpty()) {
        state += QStringLiteral("\n") + entry.message;
    }
    // What the core decided about the output (a rounded size, a converted projection, dropped
    // audio), as the CLI prints it.
    for (const QString& note : entry.notes) {
        state += QStringLiteral("\n") + note;
    }
    // What it will cost, once the preview measured this machine's speed.
    if (entry.isEditable()) {
        if (const QString cost = costEstimate(entry); !cost.isEmpty()) {
            state += QStringLiteral("\n") + tr("Estimate: %1").arg(cost);
        }
    }
    // What the output is for, as the user chose it on the Job tab.
    if (!entry.settings.target.empty()) {
        state += QStringLiteral("\n")
            + tr("For %1, %2")
                  .arg(TargetLabels::title(requireTarget(entry.settings.target)),
                      TargetLabels::title(requireQuality(entry.settings.quality)).toLower());
    }
    // Who stays by person, in words ("remove the camera wearer's body (POV) where it is recognised").
    for (const std::string& choice : describe(entry.settings.matte.people)) {
        state += QStringLiteral("\n") + QString::fromStdString(choice);
    }
    m_state->setText(state);
    m_progress->setValue(entry.totalFrames > 0 ? int(1000 * entry.framesDone / entry.totalFrames) : 0);
    m_progress->setFormat(tr("%1 of %2 frames").arg(entry.framesDone).arg(entry.totalFrames));
    m_strip->setSegments(entry.segments);

    const EntryState s = entry.state;
    m_start->setVisible(s == EntryState::Draft);
    m_farm->setVisible(s == EntryState::Draft);
    m_pause->setVisible(s == EntryState::Running);
    m_resume->setVisible(s == EntryState::Paused || s == EntryState::Interrupted);
    m_cancel->setVisible(s == EntryState::Running || s == EntryState::Paused || s == EntryState::Queued);
    m_retry->setVisible(s == EntryState::Failed && !entry.onFarm);
    m_outputPath = entry.outputPath;
    m_showInFolder->setVisible(s == EntryState::Done && !entry.outputPath.isEmpty());
}

void JobCard::setSelected(bool selected)
{
    setFrameShadow(selected ? QFrame::Sunken : QFrame::Raised);
    setLineWidth(selected ? 2 : 1);
    setBackgroundRole(selected ? QPalette::AlternateBase : QPalette::Window);
    setAutoFillBackground(selected);
}

void JobCard::mousePressEvent(QMouseEvent* event)
{
    Q_EMIT clicked(m_id);
    QFrame::mousePressEvent(event);
}

} // namespace passthrough::ui
