#pragma once

#include "folderwatcher.h"
#include "jobqueue.h"
#include "modeldownloader.h"
#include "studiosettings.h"

#include <QHash>
#include <QMainWindow>
#include <QSystemTrayIcon>
#include <QTimer>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QTabWidget;

namespace passthrough::ui {

class MatteControlsForm;
class PreviewPanel;
class SamplePanel;
class ProbeView;
class QueuePanel;
class SettingsForm;

// The window: the queue on the left; the selected job's file and settings, its preview and its
// log on the right. It only wires the panels to the JobQueue; each panel draws itself.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(StudioSettings& settings, QWidget* parent = nullptr);
    ~MainWindow() override;

    void addFiles(const QStringList& paths);
    [[nodiscard]] JobQueue& queue() { return m_queue; }
    [[nodiscard]] QueuePanel* queuePanel() const { return m_queuePanel; }
    [[nodiscard]] SettingsForm* settingsForm() const { return m_settingsForm; }
    [[nodiscard]] ProbeView* probeView() const { return m_probeView; }
    [[nodiscard]] PreviewPanel* previewPanel() const { return m_preview; }
    [[nodiscard]] MatteControlsForm* matteForm() const { return m_matteForm; }
    [[nodiscard]] SamplePanel* samplePanel() const { return m_sample; }
    [[nodiscard]] QTabWidget* tabs() const { return m_tabs; }
    [[nodiscard]] FolderWatcher& folderWatcher() { return m_watcher; }
    // Watches `folder` (File > Watch a folder…) and remembers it for the next start; `between`
    // "HH:MM-HH:MM" or empty. Returns why not, in words, or an empty string.
    QString watchFolder(const QString& folder, const QString& between, double settleSeconds = 30.0);
    void stopWatching();
    // Asked before quitting while a job runs; the default shows a question box.
    void setQuitConfirmation(std::function<bool()> confirm) { m_confirmQuit = std::move(confirm); }

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void openFiles();
    void askForWatchedFolder();
    void showSelected();
    void onEntryChanged(const QUuid& id);
    void applyForm();
    void refreshLog();
    void downloadModel();
    // Starts the person model's download when a person feature is on and the model is missing.
    void ensurePersonModel();
    // Says so (status bar, and the desktop's notification area where there is one) when a job
    // that was running finishes or fails: a batch runs unattended.
    void notifyWhenFinished(const QUuid& id);

    StudioSettings& m_settings;
    JobQueue m_queue;
    FolderWatcher m_watcher { m_queue };
    ModelDownloader m_downloader;
    ModelDownloader m_personDownloader { ModelDownloader::Kind::Person };
    QueuePanel* m_queuePanel;
    QTabWidget* m_tabs;
    ProbeView* m_probeView;
    SettingsForm* m_settingsForm;
    PreviewPanel* m_preview;
    MatteControlsForm* m_matteForm;
    SamplePanel* m_sample;
    QPlainTextEdit* m_log;
    QLabel* m_watchStatus;
    QAction* m_stopWatching = nullptr;
    QTimer m_logTimer;
    QUuid m_shown;
    EntryState m_shownState = EntryState::Probing;
    QHash<QUuid, EntryState> m_lastStates;
    QSystemTrayIcon* m_tray = nullptr;
    std::function<bool()> m_confirmQuit;
};

} // namespace passthrough::ui
