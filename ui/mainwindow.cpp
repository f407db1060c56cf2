#include "mainwindow.h"

#include "costestimate.h"
#include "mattecontrolsform.h"
#include "model/personmodel.h"
#include "pipeline/folderwatch.h"
#include "previewpanel.h"
#include "probeview.h"
#include "queuepanel.h"
#include "regionview.h"
#include "samplepanel.h"
#include "settingsform.h"
#include "timelineview.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace passthrough::ui {

MainWindow::MainWindow(StudioSettings& settings, QWidget* parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_queue(settings)
    , m_queuePanel(new QueuePanel(m_queue, this))
    , m_tabs(new QTabWidget(this))
    , m_probeView(new ProbeView(this))
    , m_settingsForm(new SettingsForm(this))
    , m_preview(new PreviewPanel(this))
    , m_matteForm(new MatteControlsForm(this))
    , m_sample(new SamplePanel(this))
    , m_log(new QPlainTextEdit(this))
    , m_watchStatus(new QLabel(this))
{
    setWindowTitle(tr("Passthrough Studio"));
    setAcceptDrops(true);
    resize(1280, 800);

    auto* details = new QWidget(this);
    auto* detailsLayout = new QVBoxLayout(details);
    detailsLayout->addWidget(m_probeView);
    detailsLayout->addWidget(m_settingsForm);
    detailsLayout->addStretch();
    auto* detailsScroll = new QScrollArea(this);
    detailsScroll->setWidget(details);
    detailsScroll->setWidgetResizable(true);

    m_log->setReadOnly(true);
    m_log->setObjectName(QStringLiteral("jobLog"));
    m_tabs->addTab(detailsScroll, tr("Job"));
    // The matte controls sit beside the preview: every change shows at once.
    auto* previewPage = new QSplitter(this);
    previewPage->addWidget(m_preview);
    auto* matteScroll = new QScrollArea(this);
    matteScroll->setWidget(m_matteForm);
    matteScroll->setWidgetResizable(true);
    matteScroll->setMinimumWidth(300);
    previewPage->addWidget(matteScroll);
    previewPage->setStretchFactor(0, 1);
    m_tabs->addTab(previewPage, tr("Preview"));
    m_tabs->addTab(m_sample, tr("Sample"));
    m_tabs->addTab(m_log, tr("Log"));

    auto* splitter = new QSplitter(this);
    splitter->addWidget(m_queuePanel);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(1, 1);
    setCentralWidget(splitter);
    createMenus();
    statusBar()->showMessage(tr("Drop VR videos on the window to add them."));
    m_watchStatus->setObjectName(QStringLiteral("watchStatus"));
    statusBar()->addPermanentWidget(m_watchStatus);
    connect(&m_watcher, &FolderWatcher::statusChanged, m_watchStatus, &QLabel::setText);
    connect(&m_watcher, &FolderWatcher::skipped, this, [this](const QString& path, const QString& reason) {
        statusBar()->showMessage(tr("Skipped %1: %2").arg(QFileInfo(path).fileName(), reason), 10000);
    });

    connect(m_queuePanel, &QueuePanel::selectionChanged, this, &MainWindow::showSelected);
    connect(&m_queue, &JobQueue::entryChanged, this, &MainWindow::onEntryChanged);
    connect(&m_queue, &JobQueue::entryChanged, this, &MainWindow::notifyWhenFinished);
    m_settingsForm->setBrokerUrl(m_settings.brokerUrl());
    connect(m_settingsForm, &SettingsForm::edited, this, &MainWindow::applyForm);
    connect(m_matteForm, &MatteControlsForm::edited, this, &MainWindow::applyForm);
    RegionView* regions = m_preview->regionView();
    connect(regions, &RegionView::regionAdded, this, [this](MatteRegion region) {
        region.action = m_matteForm->drawAction();
        m_matteForm->addRegion(region);
    });
    connect(regions, &RegionView::regionChanged, m_matteForm, &MatteControlsForm::replaceRegion);
    connect(regions, &RegionView::regionRemoved, m_matteForm, &MatteControlsForm::removeRegion);
    connect(regions, &RegionView::regionSelected, m_matteForm, &MatteControlsForm::selectRegion);
    connect(m_matteForm, &MatteControlsForm::regionSelected, regions, &RegionView::setSelected);
    // The speed the preview measured becomes the draft's time estimate.
    connect(m_preview, &PreviewPanel::previewShown, this,
        [this] { m_queue.setPreviewSpeed(m_shown, m_preview->lastResult().matteFramesPerSecond); });
    connect(m_sample, &SamplePanel::sampleSized, &m_queue, &JobQueue::setSampleSize);
    connect(regions, &RegionView::personPicked, m_matteForm, &MatteControlsForm::addPersonPick);
    // The timeline: the job's range, and when each correction holds.
    TimelineView* timeline = m_preview->timeline();
    connect(timeline, &TimelineView::regionSpanEdited, m_matteForm, &MatteControlsForm::setRegionSpan);
    connect(timeline, &TimelineView::pickSpanEdited, m_matteForm, &MatteControlsForm::setPickSpan);
    connect(timeline, &TimelineView::regionSelected, m_matteForm, &MatteControlsForm::selectRegion);
    connect(timeline, &TimelineView::regionSelected, regions, &RegionView::setSelected);
    connect(m_matteForm, &MatteControlsForm::regionSelected, timeline, &TimelineView::setSelectedRegion);
    connect(timeline, &TimelineView::rangeEdited, this, [this](const std::optional<TimeSpan>& range) {
        const QueueEntry* entry = m_queue.find(m_shown);
        if (entry && entry->isEditable()) {
            JobSettings settings = entry->settings;
            settings.range = range;
            m_queue.updateDraft(m_shown, settings, entry->modelPath, entry->outputFolder);
        }
    });
    connect(m_preview, &PreviewPanel::showPeopleToggled, this, [this](bool on) {
        if (on) {
            ensurePersonModel();
        }
    });
    connect(&m_personDownloader, &ModelDownloader::progressed, this, [this](qint64 received, qint64 total) {
        m_matteForm->setPersonModelStatus(total > 0
                ? tr("Getting the person model: %1 of %2 MB")
                      .arg(received / 1e6, 0, 'f', 1)
                      .arg(total / 1e6, 0, 'f', 1)
                : tr("Getting the person model: %1 MB").arg(received / 1e6, 0, 'f', 1));
    });
    connect(&m_personDownloader, &ModelDownloader::finished, this, [this] {
        m_matteForm->setPersonModelStatus({});
        m_preview->refresh();
    });
    connect(&m_personDownloader, &ModelDownloader::failed, this, [this](const QString& message) {
        m_matteForm->setPersonModelStatus(tr("The person model could not be downloaded: %1").arg(message));
    });
    // A sample starts where the preview stands.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        const QueueEntry* entry = m_queue.find(m_shown);
        if (m_tabs->currentWidget() == m_sample && entry && entry->probe
            && entry->probe->frameRate.value() > 0) {
            m_sample->setStartSeconds(double(m_preview->frame()) / entry->probe->frameRate.value());
        }
    });
    connect(m_probeView, &ProbeView::layoutOverrideEdited, this, &MainWindow::applyForm);
    connect(m_settingsForm, &SettingsForm::downloadModelRequested, this, &MainWindow::downloadModel);
    connect(&m_downloader, &ModelDownloader::progressed, this, [this](qint64 received, qint64 total) {
        m_settingsForm->setDownloadProgress(total > 0
                ? tr("Downloading: %1 of %2 MB").arg(received / 1e6, 0, 'f', 1).arg(total / 1e6, 0, 'f', 1)
                : tr("Downloading: %1 MB").arg(received / 1e6, 0, 'f', 1));
    });
    connect(&m_downloader, &ModelDownloader::finished, this, [this](const QString& file) {
        m_settingsForm->setDownloadProgress(tr("Downloaded and verified."));
        m_settings.setModelPath(file);
        const QueueEntry* e = m_queue.find(m_shown);
        m_settingsForm->setValues(e ? e->settings : m_settings.defaultJobSettings(), file,
            e ? e->outputFolder : m_settings.outputFolder());
        applyForm();
    });
    connect(&m_downloader, &ModelDownloader::failed, this,
        [this](const QString& message) { m_settingsForm->setDownloadProgress(message); });
    m_logTimer.setInterval(1000);
    connect(&m_logTimer, &QTimer::timeout, this, &MainWindow::refreshLog);
    m_logTimer.start();
    showSelected();
    // A watch set before the last quit goes on (its finished files are skipped: outputs exist).
    if (!m_settings.watchFolder().isEmpty()) {
        const QString problem = watchFolder(
            m_settings.watchFolder(), m_settings.watchBetween(), m_settings.watchSettleSeconds());
        if (!problem.isEmpty()) {
            statusBar()->showMessage(problem);
        }
    }
}

MainWindow::~MainWindow()
{
    // Before the queue (a member, gone before the panels) waits for the thread pool: the
    // preview's scan of a whole video is one of its tasks.
    m_preview->stopFindingEveryone();
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open…"), this, &MainWindow::openFiles);
    open->setShortcut(QKeySequence::Open);
    file->addAction(tr("&Watch a folder…"), this, &MainWindow::askForWatchedFolder);
    m_stopWatching = file->addAction(tr("&Stop watching"), this, &MainWindow::stopWatching);
    m_stopWatching->setEnabled(false);
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About Passthrough Studio"), this, [this] {
        QMessageBox::about(this, tr("About Passthrough Studio"),
            tr("<p>Passthrough Studio %1</p><p>Turns stereo VR videos into passthrough videos with Robust "
               "Video Matting.</p><p>GPL-3.0-or-later. RVM's code and weights are GPL-3.0.</p>")
                .arg(QStringLiteral(PTS_VERSION)));
    });
}

void MainWindow::openFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Add VR videos"), QString(),
        tr("Videos (*.mp4 *.mkv *.mov *.webm *.avi *.m4v);;All files (*)"));
    addFiles(files);
}

void MainWindow::askForWatchedFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Watch a folder"), m_watcher.folder());
    if (folder.isEmpty()) {
        return;
    }
    bool ok = false;
    const QString between = QInputDialog::getText(this, tr("Watch a folder"),
        tr("New videos in %1 become jobs with the current settings and run one after another.\n"
           "Start them only between (such as 22:00-06:00; empty: at any time):")
            .arg(folder),
        QLineEdit::Normal, m_watcher.between(), &ok);
    if (!ok) {
        return;
    }
    const QString problem = watchFolder(folder, between);
    if (!problem.isEmpty()) {
        QMessageBox::warning(this, tr("Watch a folder"), problem);
    }
}

QString MainWindow::watchFolder(const QString& folder, const QString& between, double settleSeconds)
{
    const QString problem = m_watcher.watch(folder, between, m_settings.outputFolder(), settleSeconds);
    if (problem.isEmpty()) {
        m_settings.setWatch(folder, between.trimmed(), settleSeconds);
        m_stopWatching->setEnabled(true);
    }
    return problem;
}

void MainWindow::stopWatching()
{
    m_watcher.stop();
    m_settings.setWatch({}, {});
    m_stopWatching->setEnabled(false);
}

void MainWindow::addFiles(const QStringList& paths)
{
    QUuid last;
    for (const QString& path : paths) {
        // A dropped folder brings every video in it (the names the folder watch takes), in name order.
        if (QFileInfo(path).isDir()) {
            const QDir folder(path);
            for (const QString& name : folder.entryList(QDir::Files | QDir::NoDotAndDotDot, QDir::Name)) {
                if (isVideoFileName(name.toStdString())) {
                    last = m_queue.addFile(folder.filePath(name));
                }
            }
            continue;
        }
        last = m_queue.addFile(path);
    }
    if (!last.isNull()) {
        m_queuePanel->select(last);
    }
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasUrls()) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent* event)
{
    QStringList paths;
    for (const QUrl& url : event->mimeData()->urls()) {
        if (url.isLocalFile()) {
            paths << url.toLocalFile();
        }
    }
    if (paths.isEmpty()) {
        statusBar()->showMessage(tr("Only files on this computer can be added."), 5000);
        return;
    }
    addFiles(paths);
    event->acceptProposedAction();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_queue.hasActiveJob()) {
        const bool quit = m_confirmQuit ? m_confirmQuit()
                                        : QMessageBox::question(this, tr("Quit Passthrough Studio"),
                                              tr("A job is running. Stop it and quit? It resumes where it "
                                                 "stopped the next time you start Passthrough Studio."))
                == QMessageBox::Yes;
        if (!quit) {
            event->ignore();
            return;
        }
    }
    m_queue.shutdown();
    m_settings.sync();
    event->accept();
}

void MainWindow::showSelected()
{
    m_shown = m_queuePanel->selected();
    const QueueEntry* entry = m_queue.find(m_shown);
    m_settingsForm->setEnabled(entry && entry->isEditable());
    m_matteForm->setEnabled(entry && entry->isEditable());
    m_matteForm->setControls(entry ? entry->settings.matte : m_settings.defaultJobSettings().matte);
    if (entry) {
        m_shownState = entry->state;
        m_probeView->display(*entry);
        m_settingsForm->setValues(entry->settings, entry->modelPath, entry->outputFolder);
        m_settingsForm->setOutputPreview(m_queue.plannedOutput(*entry));
        m_settingsForm->setCostEstimate(costEstimate(*entry));
    } else {
        m_settingsForm->setValues(
            m_settings.defaultJobSettings(), m_settings.modelPath(), m_settings.outputFolder());
        m_settingsForm->setOutputPreview(QString());
    }
    m_preview->showEntry(entry);
    m_sample->showEntry(entry);
    refreshLog();
}

void MainWindow::notifyWhenFinished(const QUuid& id)
{
    const QueueEntry* entry = m_queue.find(id);
    if (!entry) {
        return;
    }
    const EntryState before = m_lastStates.value(id, entry->state);
    m_lastStates.insert(id, entry->state);
    if (before != EntryState::Running
        || (entry->state != EntryState::Done && entry->state != EntryState::Failed)) {
        return;
    }
    const QString name = QFileInfo(entry->sourcePath).fileName();
    const QString message = entry->state == EntryState::Done
        ? tr("%1 is finished: %2").arg(name, entry->outputPath)
        : tr("%1 failed: %2").arg(name, entry->message);
    statusBar()->showMessage(message);
    if (QSystemTrayIcon::isSystemTrayAvailable() && QSystemTrayIcon::supportsMessages()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(windowIcon(), this);
            m_tray->show();
        }
        m_tray->showMessage(tr("Passthrough Studio"), message,
            entry->state == EntryState::Done ? QSystemTrayIcon::Information : QSystemTrayIcon::Warning);
    }
}

void MainWindow::onEntryChanged(const QUuid& id)
{
    if (id != m_shown) {
        return;
    }
    const QueueEntry* entry = m_queue.find(id);
    if (!entry) {
        return;
    }
    // Progress arrives many times a second; the forms only change with the state.
    if (entry->state != m_shownState) {
        showSelected();
        return;
    }
    m_probeView->display(*entry);
    m_settingsForm->setOutputPreview(m_queue.plannedOutput(*entry));
    m_settingsForm->setCostEstimate(costEstimate(*entry));
    m_preview->showEntry(entry);
    m_sample->showEntry(entry);
}

void MainWindow::applyForm()
{
    const QueueEntry* entry = m_queue.find(m_shown);
    JobSettings settings = m_settingsForm->settings();
    settings.layoutOverride = m_probeView->layoutOverride();
    settings.matte = m_matteForm->controls();
    // The range is the timeline's, and this video's only.
    settings.range = entry ? entry->settings.range : std::nullopt;
    if (settings.matte.people.active()) {
        ensurePersonModel();
    }
    // The user's latest choices become the defaults of the next job (the range aside).
    JobSettings defaults = settings;
    defaults.range.reset();
    m_settings.setDefaultJobSettings(defaults);
    m_settings.setModelPath(m_settingsForm->modelPath());
    m_settings.setOutputFolder(m_settingsForm->outputFolder());
    m_settings.setBrokerUrl(m_settingsForm->brokerUrl());
    if (entry && entry->isEditable()) {
        m_queue.updateDraft(m_shown, settings, m_settingsForm->modelPath(), m_settingsForm->outputFolder());
    }
}

void MainWindow::refreshLog()
{
    const QString text = m_queue.logText(m_shown);
    if (text != m_log->toPlainText()) {
        m_log->setPlainText(text);
        m_log->moveCursor(QTextCursor::End);
    }
}

void MainWindow::ensurePersonModel()
{
    if (m_personDownloader.isRunning() || installedPersonModel()) {
        return;
    }
    m_matteForm->setPersonModelStatus(tr("Getting the person model (once, about 10 MB)…"));
    m_personDownloader.start();
}

void MainWindow::downloadModel()
{
    m_settingsForm->setDownloadProgress(tr("Starting the download…"));
    m_downloader.start();
}

} // namespace passthrough::ui
