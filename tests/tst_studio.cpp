// The window, offscreen, driven as a user would: drop files, change settings, preview a frame
// four ways, run a real job through the queue with pause and resume, quit while it runs and
// find it restored on the next start. With PTS_SCREENSHOT_DIR set (scripts/take-screenshots.sh
// runs it under Xvfb) it also saves screenshots of the job states; tst_tour takes those of real
// footage.
#include "frameview.h"
#include "jobcard.h"
#include "mainwindow.h"
#include "mattecontrolsform.h"
#include "media/chunkjoiner.h"
#include "peopleoverlay.h"
#include "pipeline/spacecheck.h"
#include "previewpanel.h"
#include "probeview.h"
#include "queuepanel.h"
#include "queuestore.h"
#include "regionview.h"
#include "samplepanel.h"
#include "segmentstrip.h"
#include "settingsform.h"
#include "support/farmharness.h"
#include "support/testmedia.h"
#include "support/windowshots.h"
#include "timelineview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMediaPlayer>
#include <QMenu>
#include <QMimeData>
#include <QPainter>
#include <QProcess>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSlider>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QToolButton>
#include <QTranslator>
#include <QVideoFrame>
#include <QVideoSink>
#include <QVideoWidget>
#include <QWheelEvent>

#include <nlohmann/json.hpp>
#include <torch/types.h>

#include <cmath>
#include <fstream>
#include <memory>
#include <unistd.h>

using namespace passthrough;
using namespace passthrough::ui;
using namespace passthrough::test;

namespace {

constexpr int kJobTimeoutMs = 300000;

void dropFiles(QWidget* target, const QStringList& paths)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& path : paths) {
        urls << QUrl::fromLocalFile(path);
    }
    mime.setUrls(urls);
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &enter);
    QVERIFY(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(target, &drop);
}

bool allSegments(const QueueEntry& entry, SegmentStatus status)
{
    return !entry.segments.empty()
        && std::all_of(entry.segments.begin(), entry.segments.end(),
            [&](const SegmentView& s) { return s.status == status; });
}

int segmentsWith(const QueueEntry& entry, SegmentStatus status)
{
    return int(std::count_if(entry.segments.begin(), entry.segments.end(),
        [&](const SegmentView& s) { return s.status == status; }));
}

} // namespace

class TestStudio : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::filesystem::path m_root;
    std::filesystem::path m_model;
    std::filesystem::path m_clip;
    QString m_shots;

    QString settingsFile(const QString& name) const { return m_dir.filePath(name + QStringLiteral(".ini")); }

    // A window on its own settings file, using the fast test model and writing into the temp dir.
    std::unique_ptr<MainWindow> makeWindow(
        StudioSettings& settings, const QString& outputFolder, const std::filesystem::path& model = {})
    {
        settings.setModelPath(str(model.empty() ? m_model : model));
        settings.setOutputFolder(outputFolder);
        auto window = std::make_unique<MainWindow>(settings);
        window->setQuitConfirmation([] { return true; });
        window->show();
        return window;
    }

    // Drops `clip` on a 1400 x 900 window, waits until it is a draft, and shows the Preview tab
    // at `frame` once it is rendered. The caller checks the draft's state and the render.
    QUuid previewDraft(MainWindow& window, const std::filesystem::path& clip, int frame)
    {
        window.resize(1400, 900);
        window.addFiles({ str(clip) });
        const QUuid id = window.queue().entries().back().id;
        if (!QTest::qWaitFor([&] { return window.queue().find(id)->state == EntryState::Draft; }, 20000)) {
            return id; // the caller's checks say what did not happen
        }
        window.tabs()->setCurrentIndex(1);
        PreviewPanel* preview = window.previewPanel();
        preview->setFrame(frame);
        (void)QTest::qWaitFor(
            [&] { return !preview->isRendering() && !preview->lastResult().composite.isNull(); }, 120000);
        return id;
    }

    // The shared plaza VR clip four times over (1200 frames of 2048x1024, 40 s), by stream copy.
    std::filesystem::path plazaFourTimes()
    {
        const std::filesystem::path longer = m_root / "plaza_four_times_FISHEYE190_LR.mp4";
        if (!std::filesystem::exists(longer)) {
            runFfmpeg({ QStringLiteral("-stream_loop"), QStringLiteral("3"), QStringLiteral("-i"),
                str(sharedMedia("vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4")), QStringLiteral("-c"),
                QStringLiteral("copy"), str(longer) });
        }
        return longer;
    }

    void screenshot(QWidget* window, const QString& name) { saveScreenshot(window, m_shots, name); }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_root = m_dir.path().toStdString();
        m_model = writeTestModel(m_root);
        // Short and small: six one-second segments, fisheye by its name.
        m_clip = makeClip(m_root, "walk_LR_FISHEYE190.mp4", 512, 256, 6.0);
        m_shots = qEnvironmentVariable("PTS_SCREENSHOT_DIR");
    }

    void dropShowsTheProbeAndRefusesNonVideos()
    {
        StudioSettings settings(settingsFile(QStringLiteral("drop")));
        auto window = makeWindow(settings, m_dir.path());
        const auto text = m_root / "notes.txt";
        std::ofstream(text) << "not a video";
        dropFiles(window.get(),
            { str(sharedMedia("vr/plaza_pedestrians_2048x1024_FISHEYE190_LR.mp4")), str(text) });
        const auto& entries = window->queue().entries();
        QCOMPARE(entries.size(), std::size_t(2));
        QTRY_VERIFY_WITH_TIMEOUT(entries[0].state == EntryState::Draft, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(entries[1].state == EntryState::Unusable, 20000);
        QCOMPARE(entries[0].probe->frameCount, 300);
        QVERIFY(entries[1].message.contains(QStringLiteral("notes.txt")));

        window->queuePanel()->select(entries[0].id);
        auto* layout = window->probeView()->findChild<QLabel*>(QStringLiteral("layout"));
        QVERIFY2(layout->text().contains(QStringLiteral("LR_FISHEYE190"))
                && layout->text().contains(QStringLiteral("filename tag")),
            qPrintable(layout->text()));

        // Overriding the layout re-decides it and says so.
        auto* override = window->probeView()->findChild<QComboBox*>(QStringLiteral("layoutOverride"));
        override->setCurrentIndex(override->findData(QStringLiteral("LR_FISHEYE200")));
        QVERIFY(window->queue().entries()[0].probe->layout.fisheyeFovDegrees == 200);
        QVERIFY(layout->text().contains(QStringLiteral("LR_FISHEYE200")));
    }

    // A dropped folder brings every video in it, in name order, and nothing else.
    void droppedFolderBringsItsVideos()
    {
        const std::filesystem::path folder = m_root / "dropped_folder";
        std::filesystem::create_directories(folder);
        std::filesystem::copy_file(m_clip, folder / "b_LR_FISHEYE190.mp4");
        std::filesystem::copy_file(m_clip, folder / "a_LR_FISHEYE190.MKV");
        std::ofstream(folder / "readme.txt") << "not a video";
        StudioSettings settings(settingsFile(QStringLiteral("folder")));
        auto window = makeWindow(settings, m_dir.path());
        window->addFiles({ str(folder) });
        const auto& entries = window->queue().entries();
        QCOMPARE(entries.size(), std::size_t(2));
        QVERIFY(entries[0].sourcePath.endsWith(QStringLiteral("a_LR_FISHEYE190.MKV")));
        QVERIFY(entries[1].sourcePath.endsWith(QStringLiteral("b_LR_FISHEYE190.mp4")));
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().entries()[1].state == EntryState::Draft, 20000);
    }

    // File > Watch a folder: a video copied into the folder becomes a job once it has settled,
    // waits outside the hours given and runs inside them; a watch that would write into its own
    // folder, or with malformed hours, is refused; after a restart the watch goes on and a file
    // whose output exists is skipped, not done again.
    void watchedFolderRunsNewVideosInTheirHours()
    {
        const std::filesystem::path in = m_root / "watched";
        const std::filesystem::path out = m_root / "watched_out";
        std::filesystem::create_directories(in);
        std::filesystem::create_directories(out);
        const auto clip = makeClip(m_root, "short_LR_FISHEYE190.mp4", 256, 128, 1.0);
        const QString file = settingsFile(QStringLiteral("watch"));
        {
            StudioSettings settings(file);
            auto window = makeWindow(settings, str(in));
            QTime now(12, 0);
            window->folderWatcher().setClock([&now] { return now; });
            QVERIFY(window->watchFolder(str(in), {}, 0.3).contains(QStringLiteral("output folder outside")));
            settings.setOutputFolder(str(out));
            QVERIFY(window->watchFolder(str(in), QStringLiteral("25:00-06:00"), 0.3)
                        .contains(QStringLiteral("HH:MM-HH:MM")));
            QCOMPARE(window->watchFolder(str(in), QStringLiteral("22:00-06:00"), 0.3), QString());
            window->folderWatcher().setPollInterval(100);
            std::filesystem::copy_file(clip, in / "first_LR_FISHEYE190.mp4");
            const auto& entries = window->queue().entries();
            QTRY_VERIFY_WITH_TIMEOUT(entries.size() == 1 && entries[0].state == EntryState::Draft, 20000);
            const QUuid id = entries[0].id;
            QTest::qWait(500); // noon is outside 22:00-06:00: it waits
            QCOMPARE(window->queue().find(id)->state, EntryState::Draft);
            auto* status = window->findChild<QLabel*>(QStringLiteral("watchStatus"));
            QVERIFY2(status->text().contains(QStringLiteral("jobs waiting: 1")), qPrintable(status->text()));
            now = QTime(23, 30);
            QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->state == EntryState::Done, kJobTimeoutMs);
            QVERIFY(window->queue().find(id)->outputPath.startsWith(str(out)));
            QVERIFY(QFileInfo::exists(window->queue().find(id)->outputPath));
            window->queue().remove(id); // the output stays: a restart must not do it again
            window->close();
        }
        StudioSettings settings(file);
        QCOMPARE(settings.watchFolder(), str(in));
        auto window = makeWindow(settings, str(out));
        window->folderWatcher().setPollInterval(100);
        QVERIFY(window->folderWatcher().isWatching());
        QTRY_VERIFY_WITH_TIMEOUT(
            window->statusBar()->currentMessage().contains(QStringLiteral("Skipped first_LR_FISHEYE190.mp4")),
            20000);
        QVERIFY(window->queue().entries().empty());
        window->stopWatching();
        QVERIFY(StudioSettings(file).watchFolder().isEmpty());
    }

    void settingsAreRemembered()
    {
        const QString file = settingsFile(QStringLiteral("remember"));
        {
            StudioSettings settings(file);
            auto window = makeWindow(settings, m_dir.path());
            auto* packing = window->settingsForm()->findChild<QComboBox*>(QStringLiteral("packing"));
            packing->setCurrentIndex(packing->findData(QStringLiteral("greenscreen")));
            window->settingsForm()
                ->findChild<QDoubleSpinBox*>(QStringLiteral("segmentSeconds"))
                ->setValue(3.0);
            auto* crf = window->settingsForm()->findChild<QSpinBox*>(QStringLiteral("crf"));
            crf->setValue(24);
            window->close();
        }
        StudioSettings reread(file);
        const JobSettings defaults = reread.defaultJobSettings();
        QCOMPARE(defaults.packing, std::string("greenscreen"));
        QCOMPARE(defaults.segmentSeconds, 3.0);
        QCOMPARE(defaults.encoder.crf, 24);
        QCOMPARE(reread.modelPath(), str(m_model));
    }

    // The farm's password never shows in the settings: it sits masked in a field of its own, a
    // whole address pasted with it is split on the spot, and the settings file that stores it is
    // readable by its owner only.
    void brokerPasswordIsMaskedAndKeptPrivate()
    {
        const QString file = settingsFile(QStringLiteral("broker_password"));
        {
            StudioSettings settings(file);
            settings.setBrokerUrl(QStringLiteral("nats://farm:s3cr:et@render-1:4222"));
            auto window = makeWindow(settings, m_dir.path());
            auto* address = window->settingsForm()->findChild<QLineEdit*>(QStringLiteral("brokerUrl"));
            auto* password = window->settingsForm()->findChild<QLineEdit*>(QStringLiteral("brokerPassword"));
            QVERIFY(address && password);
            QCOMPARE(address->text(), QStringLiteral("nats://farm@render-1:4222"));
            QCOMPARE(password->text(), QStringLiteral("s3cr:et"));
            QCOMPARE(password->echoMode(), QLineEdit::Password);
            QCOMPARE(
                window->settingsForm()->brokerUrl(), QStringLiteral("nats://farm:s3cr:et@render-1:4222"));

            address->setText(QStringLiteral("tls://ops:pw2@farm.example:4222"));
            QVERIFY(QMetaObject::invokeMethod(address, "editingFinished"));
            QCOMPARE(address->text(), QStringLiteral("tls://ops@farm.example:4222"));
            QCOMPARE(password->text(), QStringLiteral("pw2"));
            window->close();
        }
        StudioSettings reread(file);
        QCOMPARE(reread.brokerUrl(), QStringLiteral("tls://ops:pw2@farm.example:4222"));
        const QFileDevice::Permissions others = QFileDevice::ReadGroup | QFileDevice::ReadOther
            | QFileDevice::WriteGroup | QFileDevice::WriteOther;
        QCOMPARE(QFileInfo(file).permissions() & others, QFileDevice::Permissions());

        // A token is a user name here: nothing to split, and the address stays as given.
        reread.setBrokerUrl(QStringLiteral("nats://t0ken@render-1:4222"));
        auto window = makeWindow(reread, m_dir.path());
        QCOMPARE(window->settingsForm()->findChild<QLineEdit*>(QStringLiteral("brokerPassword"))->text(),
            QString());
        QCOMPARE(window->settingsForm()->brokerUrl(), QStringLiteral("nats://t0ken@render-1:4222"));
    }

    void previewShowsFourViews()
    {
        StudioSettings settings(settingsFile(QStringLiteral("preview")));
        auto window = makeWindow(settings, m_dir.path());
        const std::filesystem::path longer = plazaFourTimes();
        window->addFiles({ str(longer) });
        const QUuid id = window->queue().entries().front().id;
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->state == EntryState::Draft, 20000);
        window->tabs()->setCurrentIndex(1);
        PreviewPanel* preview = window->previewPanel();
        preview->setFrame(120);
        QTRY_VERIFY_WITH_TIMEOUT(!preview->isRendering() && !preview->lastResult().packed.isNull(), 120000);
        const PreviewResult& shown = preview->lastResult();
        QCOMPARE(shown.source.size(), QSize(2048, 1024));
        QCOMPARE(shown.matte.size(), QSize(2048, 1024));
        QVERIFY(!shown.composite.isNull());
        // A newer request replaces an older one: ask for two frames at once; the last one wins.
        const quint64 before = shown.generation;
        preview->setFrame(10);
        QTest::qWait(200);
        preview->setFrame(200);
        QTRY_VERIFY_WITH_TIMEOUT(
            preview->lastResult().generation > before + 1 && !preview->isRendering(), 120000);
        QCOMPARE(preview->frame(), 200);
    }

    // Who stays, chosen in the window: the POV body preset, a rectangle dragged and a polygon
    // clicked on the source view, a region moved and deleted, the edge sliders; each change
    // re-renders the preview. Then a sample renders in the background and plays in a loop:
    // QMediaPlayer (FFmpeg backend) delivers its frames to the video widget's sink.
    void regionsAndSampleInTheWindow()
    {
        StudioSettings settings(settingsFile(QStringLiteral("regions")));
        auto window = makeWindow(settings, m_dir.path());
        const QUuid id = previewDraft(*window, m_clip, 60);
        PreviewPanel* preview = window->previewPanel();
        QVERIFY(!preview->isRendering() && !preview->lastResult().matte.isNull());
        const auto matte = [](const PreviewResult& r) { return r.matte; };
        const auto regions = [&] { return window->queue().find(id)->settings.matte.regions; };

        MatteControlsForm* form = window->matteForm();
        quint64 generation = preview->lastResult().generation;
        form->findChild<QPushButton*>(QStringLiteral("povBodyButton"))->click();
        QCOMPARE(regions().size(), std::size_t(1));
        QVERIFY(regions()[0] == MatteControlsForm::povBodyRegion());
        QTRY_VERIFY_WITH_TIMEOUT(
            preview->lastResult().generation > generation && !preview->isRendering(), 120000);
        // Inside the fisheye circle, in the removed lower part of each eye: nothing stays.
        const QImage removed = matte(preview->lastResult());
        QCOMPARE(qGray(removed.pixel(128, 220)), 0);
        QCOMPARE(qGray(removed.pixel(384, 220)), 0);

        RegionView* view = preview->regionView();
        QTRY_VERIFY(view->isVisible() && view->width() > 100);
        const QPoint a = view->widgetPoint(0, QPointF(0.1, 0.1)).toPoint();
        const QPoint b = view->widgetPoint(0, QPointF(0.3, 0.3)).toPoint();
        QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, a);
        QTest::mouseMove(view, (a + b) / 2);
        QTest::mouseMove(view, b);
        QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, b);
        QCOMPARE(regions().size(), std::size_t(2));
        const MatteRegion drawn = regions()[1];
        QVERIFY(drawn.shape == MatteRegion::Shape::Rectangle && drawn.eye == MatteRegion::Eye::Both);
        QVERIFY(
            std::abs(drawn.points[0].first - 0.1) < 0.02 && std::abs(drawn.points[1].second - 0.3) < 0.02);

        // Clicks make a polygon; a double-click closes it.
        for (const QPointF p : { QPointF(0.6, 0.1), QPointF(0.9, 0.1), QPointF(0.75, 0.3) }) {
            QTest::mouseClick(view, Qt::LeftButton, Qt::NoModifier, view->widgetPoint(1, p).toPoint());
        }
        QTest::mouseDClick(
            view, Qt::LeftButton, Qt::NoModifier, view->widgetPoint(1, QPointF(0.75, 0.3)).toPoint());
        QCOMPARE(regions().size(), std::size_t(3));
        QVERIFY(regions()[2].shape == MatteRegion::Shape::Polygon);
        QCOMPARE(regions()[2].points.size(), std::size_t(3));

        // Drag the rectangle right by 0.2 of the eye, then delete it.
        const QPoint inside = view->widgetPoint(0, QPointF(0.2, 0.2)).toPoint();
        const QPoint moved = view->widgetPoint(0, QPointF(0.4, 0.2)).toPoint();
        QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, inside);
        QTest::mouseMove(view, moved);
        QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, moved);
        QVERIFY(std::abs(regions()[1].points[0].first - 0.3) < 0.02);
        QCOMPARE(form->selectedRegion(), 1);
        QTest::keyClick(view, Qt::Key_Delete);
        QCOMPARE(regions().size(), std::size_t(2));

        // Sliders change the job's controls.
        form->findChild<QSlider*>(QStringLiteral("smoothSlider"))->setValue(40);
        form->findChild<QSlider*>(QStringLiteral("featherSlider"))->setValue(3);
        QCOMPARE(window->queue().find(id)->settings.matte.smooth, 0.4);
        QCOMPARE(window->queue().find(id)->settings.matte.feather, 3.0);

        // The sample: 1 s from the preview's frame (2 s), rendered and played in a loop.
        window->tabs()->setCurrentWidget(window->samplePanel());
        SamplePanel* sample = window->samplePanel();
        QCOMPARE(sample->findChild<QDoubleSpinBox*>(QStringLiteral("sampleStart"))->value(), 2.0);
        sample->findChild<QDoubleSpinBox*>(QStringLiteral("sampleSeconds"))->setValue(1.0);
        int frames = 0;
        connect(sample->videoWidget()->videoSink(), &QVideoSink::videoFrameChanged, this,
            [&frames](const QVideoFrame& frame) { frames += frame.isValid() ? 1 : 0; });
        sample->findChild<QPushButton*>(QStringLiteral("renderSampleButton"))->click();
        QVERIFY(sample->isRendering());
        QTRY_VERIFY_WITH_TIMEOUT(!sample->isRendering(), 180000);
        QVERIFY2(!sample->lastSample().isEmpty(),
            qPrintable(sample->findChild<QLabel*>(QStringLiteral("sampleStatus"))->text()));
        QCOMPARE(countVideoPackets(sample->lastSample().toStdString()), 30);
        QTRY_VERIFY_WITH_TIMEOUT(frames >= 10, 30000);
        QCOMPARE(sample->player()->loops(), int(QMediaPlayer::Infinite));
        const QVideoFrame shown = sample->videoWidget()->videoSink()->videoFrame();
        QCOMPARE(shown.size(), QSize(1024, 256)); // source | as the player shows it, each 512 x 256
    }

    void queueRunsPausesResumesAndMatchesTheCli()
    {
        StudioSettings settings(settingsFile(QStringLiteral("run")));
        const auto out = m_root / "gui";
        std::filesystem::create_directories(out);
        auto window = makeWindow(settings, str(out));
        window->addFiles({ str(m_clip) });
        const QUuid id = window->queue().entries().front().id;
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->state == EntryState::Draft, 20000);
        // Settings come from the form, as a user sets them.
        auto* form = window->settingsForm();
        form->findChild<QDoubleSpinBox*>(QStringLiteral("segmentSeconds"))->setValue(1.0);
        auto* packing = form->findChild<QComboBox*>(QStringLiteral("packing"));
        packing->setCurrentIndex(packing->findData(QStringLiteral("fisheye-alpha")));
        auto* preset = form->findChild<QComboBox*>(QStringLiteral("preset"));
        preset->setCurrentIndex(preset->findData(QStringLiteral("ultrafast")));
        auto* encoder = form->findChild<QComboBox*>(QStringLiteral("encoder"));
        encoder->setCurrentIndex(encoder->findData(QStringLiteral("libx265")));

        JobCard* card = window->queuePanel()->card(id);
        card->findChild<QToolButton*>(QStringLiteral("start"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->framesDone > 5, kJobTimeoutMs);
        card->findChild<QToolButton*>(QStringLiteral("pause"))->click();
        QVERIFY(window->queue().find(id)->state == EntryState::Paused);
        QTest::qWait(300); // frames already encoded when the pause came still report
        const qint64 held = window->queue().find(id)->framesDone;
        QTest::qWait(1500);
        QCOMPARE(window->queue().find(id)->framesDone, held);
        screenshot(window.get(), QStringLiteral("03-paused"));
        card->findChild<QToolButton*>(QStringLiteral("resume"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->state == EntryState::Done, kJobTimeoutMs);
        const QueueEntry& done = *window->queue().find(id);
        QCOMPARE(done.segments.size(), std::size_t(6));
        QVERIFY(allSegments(done, SegmentStatus::Done));
        for (const auto& s : card->strip()->segments()) {
            QVERIFY(s.status == SegmentStatus::Done);
        }
        QVERIFY(done.outputPath.endsWith(QStringLiteral("walk_LR_FISHEYE190_alpha.mp4")));
        // Said when it ends, and the card opens its folder.
        QVERIFY2(window->statusBar()->currentMessage().contains(QStringLiteral("is finished")),
            qPrintable(window->statusBar()->currentMessage()));
        QVERIFY(card->findChild<QToolButton*>(QStringLiteral("showInFolder"))->isVisible());
        QVERIFY(!card->findChild<QToolButton*>(QStringLiteral("start"))->isVisible());
        window->tabs()->setCurrentIndex(2);
        screenshot(window.get(), QStringLiteral("04-done"));

        // The same job through the CLI gives the same picture and matte.
        const auto cliOut = m_root / "cli.mp4";
        const ProcessResult cli = runCli({ QStringLiteral("process"), str(m_clip), QStringLiteral("-o"),
            str(cliOut), QStringLiteral("--packing"), QStringLiteral("fisheye-alpha"),
            QStringLiteral("--segment-seconds"), QStringLiteral("1"), QStringLiteral("--preset"),
            QStringLiteral("ultrafast"), QStringLiteral("--encoder"), QStringLiteral("libx265"),
            QStringLiteral("--model"), str(m_model) });
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.err));
        const DecodedVideo a = decodeVideo(done.outputPath.toStdString(), true);
        const DecodedVideo b = decodeVideo(cliOut, true);
        QCOMPARE(a.pts, b.pts);
        for (std::size_t i = 0; i < a.luma.size(); i += 20) {
            QCOMPARE((a.luma[i] - b.luma[i]).abs().max().item<float>(), 0.0f);
        }
    }

    // The person choices beside the regions: the POV switch, "keep the largest N", the larger
    // input size and "remove what is not a person" reach the job's settings, and the job card
    // says them in words.
    void personChoicesInTheWindow()
    {
        StudioSettings settings(settingsFile(QStringLiteral("people")));
        auto window = makeWindow(settings, m_dir.path());
        window->addFiles({ str(m_clip) });
        const QUuid id = window->queue().entries().front().id;
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->state == EntryState::Draft, 20000);
        MatteControlsForm* form = window->matteForm();
        form->findChild<QCheckBox*>(QStringLiteral("povAutoCheck"))->setChecked(true);
        form->findChild<QSpinBox*>(QStringLiteral("maxPeopleSpin"))->setValue(2);
        form->findChild<QCheckBox*>(QStringLiteral("smallPeopleCheck"))->setChecked(true);
        form->findChild<QCheckBox*>(QStringLiteral("removeOutsideCheck"))->setChecked(true);
        const PersonChoices people = window->queue().find(id)->settings.matte.people;
        QVERIFY(people.povAuto);
        QCOMPARE(people.maxPeople, 2);
        QCOMPARE(people.detectionSize, 384);
        QVERIFY(people.removeOutside);
        QString shown;
        for (const QLabel* label : window->queuePanel()->card(id)->findChildren<QLabel*>()) {
            shown += label->text();
        }
        QVERIFY2(shown.contains(QStringLiteral("POV"))
                && shown.contains(QStringLiteral("keep the 2 largest people"))
                && shown.contains(QStringLiteral("people found at 384 px per eye"))
                && shown.contains(QStringLiteral("remove the matte outside the people who stay")),
            qPrintable(shown));
    }

    // The POV switch says what it removes, and "Show people" shows the wearer's body it found
    // (a body seen as a camera at the wearer's eyes sees it, rising from the bottom) as theirs,
    // dashed red, before anything is rendered; the other two people stay green.
    void povBodyIsShownBeforeRendering()
    {
        const std::filesystem::path clip = m_root / "pov_from_below.mp4";
        makeTwoPeopleClip(clip, PovBody::FromBelow);
        qputenv(
            "PASSTHROUGH_PERSON_MODEL", QByteArray::fromStdString((sharedDir() / "models/movenet").string()));
        const auto unset = qScopeGuard([] { qunsetenv("PASSTHROUGH_PERSON_MODEL"); });
        StudioSettings settings(settingsFile(QStringLiteral("pov")));
        auto window = makeWindow(settings, m_dir.path(), sharedDir() / "models/rvm_mobilenetv3.pth");
        window->resize(1400, 900);
        window->addFiles({ str(clip) });
        const QUuid id = window->queue().entries().front().id;
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->state == EntryState::Draft, 20000);
        auto* pov = window->matteForm()->findChild<QCheckBox*>(QStringLiteral("povAutoCheck"));
        QVERIFY2(pov->text().contains(QStringLiteral("my own body"))
                && pov->text().contains(QStringLiteral("bottom of the view")),
            qPrintable(pov->text()));
        QVERIFY(pov->toolTip().contains(QStringLiteral("upside down")));
        pov->setChecked(true);
        auto* packing = window->settingsForm()->findChild<QComboBox*>(QStringLiteral("packing"));
        packing->setCurrentIndex(packing->findData(QStringLiteral("matte"))); // a flat clip
        window->tabs()->setCurrentIndex(1);
        PreviewPanel* preview = window->previewPanel();
        preview->setFrame(15);
        preview->findChild<QCheckBox*>(QStringLiteral("showPeopleCheck"))->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(!preview->isRendering() && preview->lastResult().peopleSearched
                && !preview->lastResult().packed.isNull(),
            120000);
        int bodies = 0;
        int staying = 0;
        for (const PreviewPerson& p : preview->lastResult().people) {
            if (p.povBody) {
                ++bodies;
                QVERIFY(p.removed);
                QVERIFY2(p.pose.bottom > 0.9F && p.pose.left > 0.1F && p.pose.right < 0.9F,
                    qPrintable(
                        QStringLiteral("%1 %2 %3").arg(p.pose.left).arg(p.pose.right).arg(p.pose.bottom)));
            } else if (!p.removed) {
                ++staying;
            }
        }
        QVERIFY2(bodies >= 1 && staying >= 2,
            qPrintable(QStringLiteral("%1 bodies, %2 staying").arg(bodies).arg(staying)));
        // Drawn: the label in the body's colour over the preview.
        std::vector<PreviewPerson> drawn;
        for (const PreviewPerson& p : preview->lastResult().people) {
            if (p.povBody) {
                drawn.push_back(p);
            }
        }
        QImage withLabel(400, 200, QImage::Format_RGB32);
        withLabel.fill(Qt::black);
        QImage withoutLabel = withLabel;
        const auto paint = [](QImage& image, std::vector<PreviewPerson> people) {
            QPainter painter(&image);
            paintPeople(painter, people, [&](int, QPointF p) { return QPointF(p.x() * 400, p.y() * 200); });
        };
        paint(withLabel, drawn);
        for (PreviewPerson& p : drawn) {
            p.povBody = false;
        }
        paint(withoutLabel, drawn);
        QVERIFY(withLabel != withoutLabel);
        screenshot(window.get(), QStringLiteral("12-pov-body"));
    }

    // "Sharpen small and far people" (--roi auto), said in words: with the whole picture matted
    // at 0.25, the two people are small to the model; the preview shows a "sharpened" square
    // around each (both found by the person pass), drawn dotted over the source, and the job
    // that is queued mattes with it.
    void smallPeopleSharpenedAreShownBeforeRendering()
    {
        const std::filesystem::path clip = m_root / "two_people_small.mp4";
        makeTwoPeopleClip(clip);
        qputenv(
            "PASSTHROUGH_PERSON_MODEL", QByteArray::fromStdString((sharedDir() / "models/movenet").string()));
        const auto unset = qScopeGuard([] { qunsetenv("PASSTHROUGH_PERSON_MODEL"); });
        StudioSettings settings(settingsFile(QStringLiteral("roi")));
        auto window = makeWindow(settings, m_dir.path(), sharedDir() / "models/rvm_mobilenetv3.pth");
        window->resize(1400, 900);
        window->addFiles({ str(clip) });
        const QUuid id = window->queue().entries().front().id;
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->state == EntryState::Draft, 20000);
        auto* sharpen = window->matteForm()->findChild<QCheckBox*>(QStringLiteral("sharpenSmallCheck"));
        QVERIFY2(sharpen->text().contains(QStringLiteral("Sharpen small and far people")),
            qPrintable(sharpen->text()));
        QVERIFY(sharpen->toolTip().contains(QStringLiteral("both eyes")));
        sharpen->setChecked(true);
        QVERIFY(window->queue().find(id)->settings.matte.people.roiAuto);
        auto* packing = window->settingsForm()->findChild<QComboBox*>(QStringLiteral("packing"));
        packing->setCurrentIndex(packing->findData(QStringLiteral("matte"))); // a flat clip
        auto* downsample = window->settingsForm()->findChild<QComboBox*>(QStringLiteral("downsample"));
        downsample->setCurrentIndex(downsample->findData(QStringLiteral("0.25")));
        window->tabs()->setCurrentIndex(1);
        PreviewPanel* preview = window->previewPanel();
        preview->setFrame(10);
        preview->findChild<QCheckBox*>(QStringLiteral("showPeopleCheck"))->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(!preview->isRendering() && preview->lastResult().peopleSearched
                && !preview->lastResult().packed.isNull(),
            120000);
        std::vector<PreviewPerson> squares;
        for (const PreviewPerson& p : preview->lastResult().people) {
            if (p.roiCrop) {
                squares.push_back(p);
                QVERIFY(!p.removed);
            }
        }
        // A at (0.21, 0.55) and B at (0.74, 0.6): a square around each.
        QCOMPARE(squares.size(), std::size_t(2));
        const auto holds = [&](double x) {
            return std::any_of(squares.begin(), squares.end(),
                [&](const PreviewPerson& s) { return s.pose.left <= x && x <= s.pose.right; });
        };
        QVERIFY(holds(0.21) && holds(0.74));
        // Not a person to click: a click inside a square finds the person, not the square.
        QCOMPARE(personAt(squares, 0, QPointF((squares[0].pose.left + squares[0].pose.right) / 2, 0.5)), -1);
        QImage drawn(400, 200, QImage::Format_RGB32);
        drawn.fill(Qt::black);
        const QImage empty = drawn;
        {
            QPainter painter(&drawn);
            paintPeople(painter, squares, [&](int, QPointF p) { return QPointF(p.x() * 400, p.y() * 200); });
        }
        QVERIFY(drawn != empty);
        screenshot(window.get(), QStringLiteral("14-roi-sharpened"));
    }

    // The timeline under the preview, on real footage (the office walk-in, 10 s at 10 fps): a
    // region drawn at 2 s and moved at 6 s moves between the two; '[' and ']' step between its
    // keys; I and O set the range; dragging the bar's end shortens when it holds; a click on the
    // bar goes to its first frame. The job the window starts covers the range only.
    void timelineSetsTheRangeSpansAndKeyShapes()
    {
        StudioSettings settings(settingsFile(QStringLiteral("timeline")));
        const auto out = m_root / "timeline";
        std::filesystem::create_directories(out);
        auto window = makeWindow(settings, str(out), sharedDir() / "models/rvm_mobilenetv3.pth");
        window->resize(1400, 900);
        window->addFiles({ str(sharedMedia("clips/office_walkin_768x432_10fps.mp4")) });
        const QUuid id = window->queue().entries().back().id;
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->state == EntryState::Draft, 20000);
        const auto job = [&] { return window->queue().find(id)->settings; };
        auto* packing = window->settingsForm()->findChild<QComboBox*>(QStringLiteral("packing"));
        packing->setCurrentIndex(packing->findData(QStringLiteral("matte"))); // a flat clip
        auto* preset = window->settingsForm()->findChild<QComboBox*>(QStringLiteral("preset"));
        preset->setCurrentIndex(preset->findData(QStringLiteral("ultrafast")));
        window->tabs()->setCurrentIndex(1);
        PreviewPanel* preview = window->previewPanel();
        preview->setFrame(20);
        QTRY_VERIFY_WITH_TIMEOUT(!preview->isRendering() && preview->lastResult().seconds == 2.0
                && !preview->lastResult().matte.isNull(),
            120000);

        RegionView* view = preview->regionView();
        const auto drag = [&](QPointF from, QPointF to) {
            const QPoint a = view->widgetPoint(0, from).toPoint();
            const QPoint b = view->widgetPoint(0, to).toPoint();
            QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, a);
            QTest::mouseMove(view, (a + b) / 2);
            QTest::mouseMove(view, b);
            QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, b);
        };
        drag(QPointF(0.05, 0.5), QPointF(0.25, 0.95));
        QCOMPARE(job().matte.regions.size(), std::size_t(1));
        QCOMPARE(job().matte.regions[0].keys.size(), std::size_t(1)); // the frame it was drawn at
        QCOMPARE(job().matte.regions[0].keys[0].seconds, 2.0);
        // At 6 s, moved right by 0.5 of the eye: a key shape there, in between it moves.
        preview->setFrame(60);
        QTRY_VERIFY_WITH_TIMEOUT(!preview->isRendering() && preview->lastResult().seconds == 6.0, 120000);
        drag(QPointF(0.15, 0.7), QPointF(0.65, 0.7));
        const MatteRegion moving = job().matte.regions[0];
        QVERIFY(moving.moves());
        QCOMPARE(moving.keys.size(), std::size_t(2));
        QCOMPARE(moving.keys[1].seconds, 6.0);
        QVERIFY(std::abs(moving.shapeAt(4.0)[0].first - 0.3) < 0.02);

        TimelineView* timeline = preview->timeline();
        QVERIFY(timeline->isVisible());
        // '[' and ']' go to the keys; I at 2 s, O at 7.9 s: the range 2-8 s. Shortcuts reach the
        // active window only.
        window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(window.get()));
        QTest::keyClick(window.get(), Qt::Key_BracketLeft);
        QCOMPARE(preview->frame(), qint64(20));
        QTest::keyClick(window.get(), Qt::Key_I);
        QTest::keyClick(window.get(), Qt::Key_BracketRight);
        QCOMPARE(preview->frame(), qint64(60));
        preview->setFrame(79);
        QTest::keyClick(window.get(), Qt::Key_O);
        QVERIFY(job().range.has_value());
        QCOMPARE(job().range->from, 2.0);
        QCOMPARE(*job().range->to, 8.0);
        QCOMPARE(window->queue().find(id)->totalFrames, qint64(60)); // what the card counts to
        // The region's bar: its end dragged from the video's end to 5 s.
        const int row = timeline->rowCentre(0);
        const QPoint end(int(std::lround(timeline->xOf(10.0))), row);
        const QPoint five(int(std::lround(timeline->xOf(5.0))), row);
        QTest::mousePress(timeline, Qt::LeftButton, Qt::NoModifier, end);
        QTest::mouseMove(timeline, five);
        QTest::mouseRelease(timeline, Qt::LeftButton, Qt::NoModifier, five);
        QVERIFY(job().matte.regions[0].span.to.has_value());
        QVERIFY2(std::abs(*job().matte.regions[0].span.to - 5.0) <= 0.1,
            qPrintable(QString::number(*job().matte.regions[0].span.to)));
        QCOMPARE(job().matte.regions[0].span.from, 0.0);
        // A click on the bar: its first frame.
        QTest::mouseClick(
            timeline, Qt::LeftButton, Qt::NoModifier, QPoint(int(std::lround(timeline->xOf(2.5))), row));
        QCOMPARE(preview->frame(), qint64(0));

        // Everyone in the video on the timeline: the person pass over all 100 frames finds her;
        // removed from 3 s to 5 s by a pick with that span, her bar turns red there and only there.
        qputenv(
            "PASSTHROUGH_PERSON_MODEL", QByteArray::fromStdString((sharedDir() / "models/movenet").string()));
        const auto unset = qScopeGuard([] { qunsetenv("PASSTHROUGH_PERSON_MODEL"); });
        preview->setFrame(40); // she stands in the middle of the room at 4 s
        preview->findChild<QCheckBox*>(QStringLiteral("showPeopleCheck"))->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(!preview->isRendering() && preview->lastResult().peopleSearched
                && preview->lastResult().seconds == 4.0,
            120000);
        QVERIFY(!preview->lastResult().people.empty());
        const PreviewPerson& her = preview->lastResult().people.front();
        PersonPick pick;
        pick.action = PersonPick::Action::Remove;
        pick.x = (her.pose.left + her.pose.right) / 2;
        pick.y = (her.pose.top + her.pose.bottom) / 2;
        pick.seconds = 4.0;
        pick.span = TimeSpan { 3.0, 5.0 };
        window->matteForm()->addPersonPick(pick);
        preview->findChild<QPushButton*>(QStringLiteral("findEveryoneButton"))->click();
        QVERIFY(preview->isFindingEveryone());
        QTRY_VERIFY_WITH_TIMEOUT(!preview->isFindingEveryone(), 120000);
        QVERIFY2(timeline->trackCount() >= 1,
            qPrintable(preview->findChild<QLabel*>(QStringLiteral("previewStatus"))->text()));
        QCOMPARE(timeline->rowCount(), 2 + timeline->trackCount()); // the region, the pick, the people
        QVERIFY(timeline->sceneCuts().empty()); // one shot (tst_mattecontrols finds a real cut)
        const std::vector<person::TrackRun> runs = timeline->tracks();
        const int picked = std::find_if(runs.begin(), runs.end(), [](const person::TrackRun& r) {
            return r.removed;
        })->track;
        for (const person::TrackRun& run : runs) {
            // Removed exactly within the span, where it is her.
            QVERIFY(!run.removed || (run.track == picked && run.from >= 3.0 - 1e-9 && run.to <= 5.0 + 1e-9));
        }
        double removedSeconds = 0.0;
        for (const person::TrackRun& run : runs) {
            removedSeconds += run.removed ? run.to - run.from : 0.0;
        }
        QVERIFY2(removedSeconds >= 1.5, qPrintable(QString::number(removedSeconds)));
        // A click on her bar: her first frame. The people's rows come in order of first appearance.
        std::vector<std::pair<double, int>> firstSeen; // (first time, track)
        for (const person::TrackRun& run : runs) {
            if (firstSeen.empty() || firstSeen.back().second != run.track) {
                firstSeen.emplace_back(run.from, run.track);
            }
        }
        std::stable_sort(firstSeen.begin(), firstSeen.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
        const auto hers = std::find_if(
            firstSeen.begin(), firstSeen.end(), [&](const auto& f) { return f.second == picked; });
        const int herRow = 2 + int(hers - firstSeen.begin());
        QTest::mouseClick(timeline, Qt::LeftButton, Qt::NoModifier,
            QPoint(int(std::lround(timeline->xOf(hers->first + 0.05))), timeline->rowCentre(herRow)));
        QCOMPARE(preview->frame(), qint64(std::llround(hers->first * 10.0)));
        preview->setFrame(40);
        QTRY_VERIFY_WITH_TIMEOUT(!preview->isRendering() && preview->lastResult().seconds == 4.0, 120000);
        screenshot(window.get(), QStringLiteral("15-timeline"));
        preview->findChild<QCheckBox*>(QStringLiteral("showPeopleCheck"))->setChecked(false);
        window->matteForm()->removePersonPick(0);

        // The job covers the range only: the 60 frames from 2 s.
        JobCard* card = window->queuePanel()->card(id);
        card->findChild<QToolButton*>(QStringLiteral("start"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->state == EntryState::Done, kJobTimeoutMs);
        const QString output = window->queue().find(id)->outputPath;
        QCOMPARE(countVideoPackets(output.toStdString()), 60);
        QCOMPARE(window->queue().find(id)->totalFrames, qint64(60));
    }

    // The scan of the whole video runs in the background and stops with the window: a quit never
    // waits for the person pass over a long video. The plaza clip four times over (1200 frames of
    // 2048x1024, 40 s): scanning the nine tenths left takes about a minute here; stopped, the pass
    // ends at its next frame (a frame costs well under a second).
    void findingEveryoneStopsWithTheWindow()
    {
        qputenv(
            "PASSTHROUGH_PERSON_MODEL", QByteArray::fromStdString((sharedDir() / "models/movenet").string()));
        const auto unset = qScopeGuard([] { qunsetenv("PASSTHROUGH_PERSON_MODEL"); });
        StudioSettings settings(settingsFile(QStringLiteral("scan")));
        auto window = makeWindow(settings, m_dir.path());
        const std::filesystem::path longer = plazaFourTimes();
        window->addFiles({ str(longer) });
        const QUuid id = window->queue().entries().back().id;
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->state == EntryState::Draft, 20000);
        window->tabs()->setCurrentIndex(1);
        PreviewPanel* preview = window->previewPanel();
        preview->findChild<QPushButton*>(QStringLiteral("findEveryoneButton"))->click();
        QVERIFY(preview->isFindingEveryone());
        QTRY_VERIFY_WITH_TIMEOUT(preview->findChild<QLabel*>(QStringLiteral("previewStatus"))
                                     ->text()
                                     .contains(QStringLiteral("of 1200 frames")),
            60000); // under way: a tenth of the video done
        QVERIFY(preview->isFindingEveryone());
        QElapsedTimer stopping;
        stopping.start();
        window.reset();
        QVERIFY(QThreadPool::globalInstance()->waitForDone(10000));
        QVERIFY2(stopping.elapsed() < 10000, qPrintable(QString::number(stopping.elapsed())));
    }

    // One click chooses who stays: with "Show people" on, the window fetches the person model
    // (from a local server standing in for the public URL), draws each person the model found,
    // and a right-click on the left person offers "Keep only this person". The pick reaches the
    // job, the preview loses the other person, and the sample (real RVM weights) shows only the
    // picked one.
    void personChosenWithOneClickInTheWindow()
    {
        const std::filesystem::path clip = m_root / "two_people.mp4";
        makeTwoPeopleClip(clip);
        // The person model's folder served over HTTP, and an empty cache for the window to fill.
        QTemporaryDir cache;
        QProcess server;
        const QString url = serveFolder(server, str(sharedDir() / "models/movenet"));
        QVERIFY(!url.isEmpty());
        const QByteArray oldCache = qgetenv("XDG_CACHE_HOME");
        qputenv("XDG_CACHE_HOME", cache.path().toUtf8());
        qputenv("PASSTHROUGH_PERSON_MODEL_URL", url.toUtf8());
        const auto restore = qScopeGuard([&] {
            if (oldCache.isNull()) {
                qunsetenv("XDG_CACHE_HOME");
            } else {
                qputenv("XDG_CACHE_HOME", oldCache);
            }
            qunsetenv("PASSTHROUGH_PERSON_MODEL_URL");
            server.kill();
            server.waitForFinished();
        });

        StudioSettings settings(settingsFile(QStringLiteral("pick")));
        auto window = makeWindow(settings, m_dir.path(), sharedDir() / "models/rvm_mobilenetv3.pth");
        window->resize(1400, 900);
        window->addFiles({ str(clip) });
        const QUuid id = window->queue().entries().front().id;
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->state == EntryState::Draft, 20000);
        auto* packing = window->settingsForm()->findChild<QComboBox*>(QStringLiteral("packing"));
        packing->setCurrentIndex(packing->findData(QStringLiteral("matte")));
        QCOMPARE(window->queue().find(id)->settings.packing, std::string("matte"));
        window->tabs()->setCurrentIndex(1);
        PreviewPanel* preview = window->previewPanel();
        preview->setFrame(5);
        preview->findChild<QCheckBox*>(QStringLiteral("showPeopleCheck"))->setChecked(true);
        auto* modelStatus = window->matteForm()->findChild<QLabel*>(QStringLiteral("personModelStatus"));
        QVERIFY2(
            modelStatus->text().contains(QStringLiteral("person model")), qPrintable(modelStatus->text()));
        QTRY_VERIFY_WITH_TIMEOUT(modelStatus->isHidden(), 60000);
        const std::filesystem::path landed
            = cache.filePath(QStringLiteral("passthrough-studio/movenet-multipose")).toStdString();
        QVERIFY(std::filesystem::exists(landed / "movenet-multipose.bin"));
        QTRY_VERIFY_WITH_TIMEOUT(!preview->isRendering() && preview->lastResult().peopleSearched
                && preview->lastResult().people.size() >= 2,
            120000);

        // The two people, left and right, each with a torso the model saw.
        const auto torso = [](const PreviewPerson& p) {
            return QPointF(
                (p.pose.keypoints[person::LeftShoulder].x + p.pose.keypoints[person::RightHip].x) / 2,
                (p.pose.keypoints[person::LeftShoulder].y + p.pose.keypoints[person::RightHip].y) / 2);
        };
        std::vector<PreviewPerson> found = preview->lastResult().people;
        std::sort(found.begin(), found.end(),
            [](const PreviewPerson& a, const PreviewPerson& b) { return a.pose.left < b.pose.left; });
        const QPointF a = torso(found.front());
        const QPointF b = torso(found.back());
        QVERIFY2(a.x() < 0.4 && b.x() > 0.55, qPrintable(QStringLiteral("%1 %2").arg(a.x()).arg(b.x())));
        const QImage before = preview->lastResult().matte;
        const auto at = [](const QImage& image, QPointF p, int xOffset = 0) {
            return qGray(image.pixel(xOffset + int(p.x() * 640), int(p.y() * 360)));
        };
        QVERIFY2(at(before, a) > 128 && at(before, b) > 128, "both people are in the plain matte");

        RegionView* view = preview->regionView();
        QTest::mouseClick(view, Qt::RightButton, Qt::NoModifier, view->widgetPoint(0, a).toPoint());
        QMenu* menu = view->personMenu();
        QVERIFY(menu);
        const quint64 generation = preview->lastResult().generation;
        menu->findChild<QAction*>(QStringLiteral("keepPersonAction"))->trigger();
        menu->close();
        const PersonChoices chosen = window->queue().find(id)->settings.matte.people;
        QCOMPARE(chosen.picks.size(), std::size_t(1));
        QVERIFY(chosen.picks[0].action == PersonPick::Action::Keep);
        QVERIFY(std::abs(chosen.picks[0].seconds - 0.5) < 0.01);
        QVERIFY(std::abs(chosen.picks[0].x - a.x()) < 0.02 && std::abs(chosen.picks[0].y - a.y()) < 0.02);
        QCOMPARE(window->matteForm()->findChild<QListWidget*>(QStringLiteral("personPickList"))->count(), 1);

        // The preview: the other person is drawn removed and is gone from the matte.
        QTRY_VERIFY_WITH_TIMEOUT(
            preview->lastResult().generation > generation && !preview->isRendering(), 120000);
        const QImage after = preview->lastResult().matte;
        QVERIFY2(at(after, a) > 128 && at(after, b) == 0,
            qPrintable(QStringLiteral("kept %1, other %2").arg(at(after, a)).arg(at(after, b))));
        int removed = 0;
        for (const PreviewPerson& p : preview->lastResult().people) {
            removed += p.removed ? 1 : 0;
        }
        QVERIFY(removed >= 1);
        screenshot(window.get(), QStringLiteral("11-person-picked"));

        // The sample, 1 s from the preview's frame: its matte (the packing) without the other person.
        window->tabs()->setCurrentWidget(window->samplePanel());
        SamplePanel* sample = window->samplePanel();
        sample->findChild<QDoubleSpinBox*>(QStringLiteral("sampleSeconds"))->setValue(1.0);
        sample->findChild<QPushButton*>(QStringLiteral("renderSampleButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!sample->isRendering(), 180000);
        QVERIFY2(!sample->lastSample().isEmpty(),
            qPrintable(sample->findChild<QLabel*>(QStringLiteral("sampleStatus"))->text()));
        const DecodedVideo video = decodeVideo(sample->lastSample().toStdString(), true);
        QCOMPARE(video.luma.size(), std::size_t(10));
        for (const at::Tensor& luma : video.luma) {
            QCOMPARE(luma.size(1), 640);
            const auto value
                = [&](QPointF p) { return luma[int(p.y() * 360)][int(p.x() * 640)].item<float>(); };
            QVERIFY2(value(a) > 128.0F && value(b) < 20.0F,
                qPrintable(QStringLiteral("kept %1, other %2").arg(value(a)).arg(value(b))));
        }
    }

    // The Job tab asks what the video is for, not which codec: each target sets the job's codec
    // settings, which sit under "Advanced" and show only where the packing uses them; a setting
    // changed there by hand makes the target "Custom".
    void targetsInWordsWithCodecsUnderAdvanced()
    {
        StudioSettings settings(settingsFile(QStringLiteral("targets")));
        auto window = makeWindow(settings, m_dir.path());
        window->addFiles({ str(m_clip) });
        const QUuid id = window->queue().entries().front().id;
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->state == EntryState::Draft, 20000);
        const auto job = [&] { return window->queue().find(id)->settings; };
        SettingsForm* form = window->settingsForm();
        auto* target = form->findChild<QComboBox*>(QStringLiteral("target"));
        auto* quality = form->findChild<QComboBox*>(QStringLiteral("quality"));
        auto* advanced = form->findChild<QWidget*>(QStringLiteral("advanced"));
        auto* keyColor = form->findChild<QPushButton*>(QStringLiteral("keyColor"));
        auto* encoder = form->findChild<QComboBox*>(QStringLiteral("encoder"));
        // A first job is made for a headset, its codec settings out of sight.
        QCOMPARE(target->currentData().toString(), QStringLiteral("headset"));
        QCOMPARE(job().target, std::string("headset"));
        QCOMPARE(job().packing, std::string("fisheye-alpha"));
        QVERIFY(!advanced->isVisible());
        form->findChild<QToolButton*>(QStringLiteral("advancedToggle"))->click();
        QVERIFY(advanced->isVisible());
        QVERIFY(!keyColor->isVisible()); // fisheye alpha has no key colour
        QVERIFY(encoder->isVisible());

        target->setCurrentIndex(target->findData(QStringLiteral("greenscreen")));
        quality->setCurrentIndex(quality->findData(QStringLiteral("best")));
        QCOMPARE(job().packing, std::string("greenscreen"));
        QCOMPARE(job().target, std::string("greenscreen"));
        QCOMPARE(job().quality, std::string("best"));
        QCOMPARE(job().encoder.crf, 16);
        QVERIFY(keyColor->isVisible());

        target->setCurrentIndex(target->findData(QStringLiteral("editing")));
        QCOMPARE(job().packing, std::string("prores4444"));
        QVERIFY(!keyColor->isVisible() && !encoder->isVisible());
        QVERIFY(form->findChild<QLabel*>(QStringLiteral("targetNote"))
                    ->text()
                    .contains(QStringLiteral("ProRes")));

        // By hand under Advanced: the target becomes "Custom" and the job says so.
        target->setCurrentIndex(target->findData(QStringLiteral("headset")));
        form->findChild<QSpinBox*>(QStringLiteral("crf"))->setValue(28);
        QCOMPARE(job().encoder.crf, 28);
        QCOMPARE(job().packing, std::string("fisheye-alpha"));
        QVERIFY(job().target.empty());
        QVERIFY(target->currentData().toString().isEmpty());
    }

    // The cost before Start: once a frame is previewed, the Job tab and the card say how long the
    // job takes on this computer and how big it gets; Start refuses, before any work, when the
    // output folder's disk (a real 2 MB tmpfs) has less room than that.
    void costIsKnownBeforeStartAndSpaceIsChecked()
    {
        StudioSettings settings(settingsFile(QStringLiteral("cost")));
        auto window = makeWindow(settings, m_dir.path());
        window->addFiles({ str(m_clip) });
        const QUuid id = window->queue().entries().front().id;
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->state == EntryState::Draft, 20000);
        auto* cost = window->settingsForm()->findChild<QLabel*>(QStringLiteral("costEstimate"));
        QVERIFY2(cost->text().contains(QStringLiteral("Preview")), qPrintable(cost->text()));
        window->tabs()->setCurrentIndex(1);
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->previewFramesPerSecond > 0.0, 120000);
        const QRegularExpression said(QStringLiteral("about (\\d+) min, (\\d+) kB on this computer"));
        QVERIFY2(said.match(cost->text()).hasMatch(), qPrintable(cost->text()));
        // 180 frames at the measured speed, with encoding on top; the source is about 0.4 MB.
        const double minutes = 180.0 / window->queue().find(id)->previewFramesPerSecond * 1.25 / 60.0;
        QCOMPARE(said.match(cost->text()).captured(1).toInt(), std::max(1, int(std::ceil(minutes))));
        QString card;
        for (const QLabel* label : window->queuePanel()->card(id)->findChildren<QLabel*>()) {
            card += label->text();
        }
        QVERIFY2(card.contains(QStringLiteral("Estimate: about")), qPrintable(card));

        if (::geteuid() != 0) {
            QSKIP("mounting a small tmpfs needs root (CI runs as root)");
        }
        const std::filesystem::path small = m_root / "small_disk";
        const SmallDisk disk(small, "2m");
        QVERIFY(disk.mounted());
        auto* folder = window->settingsForm()->findChild<QLineEdit*>(QStringLiteral("outputFolder"));
        folder->setText(str(small));
        Q_EMIT folder->editingFinished();
        QCOMPARE(window->queue().find(id)->outputFolder, str(small));
        window->queuePanel()->card(id)->findChild<QToolButton*>(QStringLiteral("start"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->state == EntryState::Draft
                && !window->queue().find(id)->message.isEmpty(),
            60000);
        const QString message = window->queue().find(id)->message;
        QVERIFY2(
            message.contains(str(small)) && message.contains(QStringLiteral("free")), qPrintable(message));
        QVERIFY(std::filesystem::is_empty(small));
    }

    // A sample rendered at the draft's settings gives the size its own rate: the estimate then
    // says the sample's bytes a frame over the whole video, until a setting changes.
    void sampleSizesTheEstimate()
    {
        StudioSettings settings(settingsFile(QStringLiteral("samplesize")));
        auto window = makeWindow(settings, m_dir.path());
        const QUuid id = previewDraft(*window, m_clip, 90);
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->previewFramesPerSecond > 0.0, 20000);
        auto* cost = window->settingsForm()->findChild<QLabel*>(QStringLiteral("costEstimate"));
        const QString byRule = cost->text();

        window->tabs()->setCurrentWidget(window->samplePanel());
        SamplePanel* sample = window->samplePanel();
        sample->findChild<QDoubleSpinBox*>(QStringLiteral("sampleSeconds"))->setValue(1.0);
        sample->findChild<QPushButton*>(QStringLiteral("renderSampleButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!sample->isRendering(), 180000);
        QVERIFY(!sample->lastSample().isEmpty());
        const double perFrame = double(std::filesystem::file_size(sample->lastSample().toStdString())) / 30.0;
        QCOMPARE(window->queue().find(id)->sampleBytesPerFrame, perFrame);
        const QString whole = QString::fromStdString(humanBytes(std::llround(perFrame * 180.0)));
        QVERIFY2(cost->text().contains(QStringLiteral(", %1 on this computer").arg(whole)),
            qPrintable(cost->text() + QStringLiteral(" / ") + whole));
        QVERIFY2(cost->text() != byRule, qPrintable(byRule));

        // Another CRF: the sample no longer tells the size; the rule does again.
        window->settingsForm()->findChild<QToolButton*>(QStringLiteral("advancedToggle"))->click();
        window->settingsForm()->findChild<QSpinBox*>(QStringLiteral("crf"))->setValue(30);
        QCOMPARE(window->queue().find(id)->sampleBytesPerFrame, 0.0);
        QTRY_COMPARE_WITH_TIMEOUT(
            cost->text().section(QLatin1Char(','), 1), byRule.section(QLatin1Char(','), 1), 120000);
    }

    // The preview is of the job to come: with weights that carry the deep guided filter, "Fast"
    // quality mattes with the fast refiner, and the preview and the sample show that matte.
    void previewAndSampleUseTheJobsRefiner()
    {
        const std::filesystem::path clip = m_root / "office_refiner_LR_180.mp4";
        makeScaledCopy(sharedMedia("vr/office_walkin_2048x1024_LR_180.mp4"), clip, 512, 256);
        StudioSettings settings(settingsFile(QStringLiteral("refiner")));
        auto window = makeWindow(settings, m_dir.path(), sharedDir() / "models/rvm_mobilenetv3_dgf_test.pth");
        window->addFiles({ str(clip) });
        const QUuid id = window->queue().entries().front().id;
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->state == EntryState::Draft, 20000);
        SettingsForm* form = window->settingsForm();
        auto* quality = form->findChild<QComboBox*>(QStringLiteral("quality"));
        auto* downsample = form->findChild<QComboBox*>(QStringLiteral("downsample"));
        // The refiner works only below the eye's own size (256 px here; automatic would be 1:1).
        downsample->setCurrentIndex(downsample->findData(QStringLiteral("0.5")));
        QCOMPARE(window->queue().find(id)->settings.refiner, std::string("auto"));
        window->tabs()->setCurrentIndex(1);
        PreviewPanel* preview = window->previewPanel();
        preview->setFrame(150);
        const auto renderedAfter = [&](quint64 generation) {
            return QTest::qWaitFor(
                [&] { return !preview->isRendering() && preview->lastResult().generation > generation; },
                120000);
        };
        QVERIFY(renderedAfter(0));
        const PreviewResult deep = preview->lastResult();

        quality->setCurrentIndex(quality->findData(QStringLiteral("fast")));
        QCOMPARE(window->queue().find(id)->settings.refiner, std::string("fast"));
        QVERIFY(renderedAfter(deep.generation));
        const PreviewResult fast = preview->lastResult();
        QVERIFY2(fast.matte != deep.matte, "the fast refiner's matte is the deep guided filter's");

        // Back to Balanced: the deep guided filter's matte again, to the bit.
        quality->setCurrentIndex(quality->findData(QStringLiteral("balanced")));
        QVERIFY(renderedAfter(fast.generation));
        QVERIFY(preview->lastResult().matte == deep.matte);

        // So is the sample: one with each refiner, encoded alike (Fast's CRF and x265 preset set
        // back to Balanced's by hand, which leaves its refiner), so only the refiner differs.
        auto* target = form->findChild<QComboBox*>(QStringLiteral("target"));
        target->setCurrentIndex(target->findData(QStringLiteral("matte")));
        window->tabs()->setCurrentWidget(window->samplePanel());
        SamplePanel* sample = window->samplePanel();
        sample->findChild<QDoubleSpinBox*>(QStringLiteral("sampleSeconds"))->setValue(0.5);
        const auto renderSample = [&] {
            sample->findChild<QPushButton*>(QStringLiteral("renderSampleButton"))->click();
            (void)QTest::qWaitFor([&] { return !sample->isRendering(); }, 180000);
            return decodeVideo(sample->lastSample().toStdString(), true);
        };
        const EncoderSettings balanced = window->queue().find(id)->settings.encoder;
        QCOMPARE(window->queue().find(id)->settings.refiner, std::string("auto"));
        const DecodedVideo deepSample = renderSample();
        QCOMPARE(deepSample.luma.size(), std::size_t(15));
        quality->setCurrentIndex(quality->findData(QStringLiteral("fast")));
        form->findChild<QToolButton*>(QStringLiteral("advancedToggle"))->click();
        form->findChild<QSpinBox*>(QStringLiteral("crf"))->setValue(balanced.crf);
        auto* preset = form->findChild<QComboBox*>(QStringLiteral("preset"));
        preset->setCurrentIndex(preset->findData(QString::fromStdString(balanced.preset)));
        QCOMPARE(window->queue().find(id)->settings.refiner, std::string("fast"));
        QVERIFY(window->queue().find(id)->settings.encoder == balanced);
        const DecodedVideo fastSample = renderSample();
        QCOMPARE(fastSample.luma.size(), std::size_t(15));
        QVERIFY2(!torch::equal(fastSample.luma.back(), deepSample.luma.back()),
            "the fast refiner's sample is the deep guided filter's");
    }

    // Judging an edge at full size: one large view with zoom (buttons and the wheel, around the
    // pointer), pan, views that keep the zoom when switched or when the frame changes, a wipe
    // whose two sides are the source's and the composite's own pixels, regions drawn at 200 %,
    // and the four-way overview one choice away.
    void largeViewZoomsPansAndWipes()
    {
        StudioSettings settings(settingsFile(QStringLiteral("zoom")));
        auto window = makeWindow(settings, m_dir.path());
        const QUuid id = previewDraft(*window, m_clip, 30);
        PreviewPanel* preview = window->previewPanel();
        QVERIFY(!preview->isRendering() && !preview->lastResult().composite.isNull());
        RegionView* view = preview->regionView();
        QTRY_VERIFY(view->isVisible());
        QVERIFY2(view->width() > preview->width() * 8 / 10, "the view fills the tab");
        const auto eyeWidth = [&] {
            return view->widgetPoint(0, { 1, 0 }).x() - view->widgetPoint(0, { 0, 0 }).x();
        };

        preview->findChild<QPushButton*>(QStringLiteral("zoom100"))->click();
        QCOMPARE(view->zoom(), 1.0);
        QCOMPARE(eyeWidth(), 256.0); // one source pixel per screen pixel: 512 x 256, two eyes
        preview->findChild<QPushButton*>(QStringLiteral("zoom200"))->click();
        QCOMPARE(eyeWidth(), 512.0);
        // The wheel zooms around the pointer: the eye point under it stays under it.
        const QPointF pointer = view->widgetPoint(0, { 0.4, 0.3 });
        QWheelEvent wheel(pointer, view->mapToGlobal(pointer), QPoint(), QPoint(0, 120), Qt::NoButton,
            Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(view, &wheel);
        QCOMPARE(view->zoom(), 2.5);
        QVERIFY((view->widgetPoint(0, { 0.4, 0.3 }) - pointer).manhattanLength() < 0.5);
        // Pan with the middle button: the picture follows the pointer.
        const QPoint from = pointer.toPoint();
        QTest::mousePress(view, Qt::MiddleButton, Qt::NoModifier, from);
        QMouseEvent move(QEvent::MouseMove, QPointF(from + QPoint(40, 10)),
            view->mapToGlobal(QPointF(from + QPoint(40, 10))), Qt::NoButton, Qt::MiddleButton,
            Qt::NoModifier);
        QApplication::sendEvent(view, &move);
        QTest::mouseRelease(view, Qt::MiddleButton, Qt::NoModifier, from + QPoint(40, 10));
        QVERIFY((view->widgetPoint(0, { 0.4, 0.3 }) - (pointer + QPointF(40, 10))).manhattanLength() < 0.5);
        const QPointF centre = view->centre();

        // Another view and another frame: the zoom and the place stay.
        auto* choice = preview->findChild<QComboBox*>(QStringLiteral("viewChoice"));
        choice->setCurrentIndex(choice->findData(int(FrameView::View::Matte)));
        const quint64 generation = preview->lastResult().generation;
        preview->setFrame(60);
        QTRY_VERIFY_WITH_TIMEOUT(
            preview->lastResult().generation > generation && !preview->isRendering(), 120000);
        QCOMPARE(view->zoom(), 2.5);
        QCOMPARE(view->centre(), centre);
        QCOMPARE(view->view(), FrameView::View::Matte);

        // A region drawn at this zoom lands where it was drawn.
        preview->findChild<QPushButton*>(QStringLiteral("zoom200"))->click();
        const QPoint a = view->widgetPoint(0, { 0.45, 0.45 }).toPoint();
        const QPoint b = view->widgetPoint(0, { 0.55, 0.55 }).toPoint();
        QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, a);
        QTest::mouseMove(view, (a + b) / 2);
        QTest::mouseMove(view, b);
        QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, b);
        const auto regions = window->queue().find(id)->settings.matte.regions;
        QCOMPARE(regions.size(), std::size_t(1));
        QVERIFY(std::abs(regions[0].points[0].first - 0.45) < 0.01
            && std::abs(regions[0].points[1].second - 0.55) < 0.01);
        QTRY_VERIFY_WITH_TIMEOUT(!preview->isRendering(), 120000);

        // The wipe at 100 %: left of the line the source's pixels, right of it the composite's.
        choice->setCurrentIndex(choice->findData(int(FrameView::View::Wipe)));
        preview->findChild<QPushButton*>(QStringLiteral("zoomFit"))->click();
        preview->findChild<QPushButton*>(QStringLiteral("zoom100"))->click();
        const int split = int(view->wipeX());
        QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, QPoint(split, view->height() / 2));
        QMouseEvent drag(QEvent::MouseMove, QPointF(split - 64, view->height() / 2.0),
            view->mapToGlobal(QPointF(split - 64, view->height() / 2.0)), Qt::NoButton, Qt::LeftButton,
            Qt::NoModifier);
        QApplication::sendEvent(view, &drag);
        QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, QPoint(split - 64, view->height() / 2));
        QVERIFY(std::abs(view->wipe() - (0.5 - 64.0 / 512.0)) < 0.01);
        QCOMPARE(window->queue().find(id)->settings.matte.regions.size(), std::size_t(1)); // no region drawn
        const QImage shown = view->grab().toImage();
        const QPointF origin = view->widgetPoint(0, { 0, 0 });
        const PreviewResult& frame = preview->lastResult();
        int sourceSide = 0;
        int compositeSide = 0;
        // Above the region drawn at 0.45..0.55, whose overlay tints what it covers.
        for (int x : { 40, 120, 180 }) { // left of the line at 192
            const QPoint at = (origin + QPointF(x, 40)).toPoint() * view->devicePixelRatio();
            sourceSide += shown.pixel(at) == frame.source.pixel(x, 40) ? 1 : 0;
        }
        for (int x : { 220, 300, 480 }) {
            const QPoint at = (origin + QPointF(x, 40)).toPoint() * view->devicePixelRatio();
            compositeSide += shown.pixel(at) == frame.composite.pixel(x, 40) ? 1 : 0;
        }
        QCOMPARE(sourceSide, 3);
        QCOMPARE(compositeSide, 3);

        // The overview: all four, one choice away.
        choice->setCurrentIndex(choice->findData(5));
        QTRY_VERIFY(!view->isVisible());
        int filled = 0;
        for (const QLabel* label : preview->findChildren<QLabel*>()) {
            filled += label->pixmap().isNull() ? 0 : 1;
        }
        QCOMPARE(filled, 4);
    }

    void germanTranslationIsCompleteAndUsed()
    {
        // Every message of the German file is translated (lupdate marks missing ones).
        QFile ts(QString::fromStdString((sourceDir() / "translations/passthrough-studio_de.ts").string()));
        QVERIFY(ts.open(QIODevice::ReadOnly));
        const QByteArray text = ts.readAll();
        QVERIFY(text.count("<message") > 90);
        QCOMPARE(text.count("type=\"unfinished\""), 0);
        // The compiled catalogue ships inside the program and turns the window German.
        QTranslator german;
        QVERIFY(german.load(QLocale(QLocale::German), QStringLiteral("passthrough-studio"),
            QStringLiteral("_"), QStringLiteral(":/i18n")));
        QApplication::installTranslator(&german);
        StudioSettings settings(settingsFile(QStringLiteral("german")));
        auto window = makeWindow(settings, m_dir.path());
        QCOMPARE(window->tabs()->tabText(0), QStringLiteral("Auftrag"));
        QCOMPARE(window->tabs()->tabText(1), QStringLiteral("Vorschau"));
        window->addFiles({ str(m_clip) });
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().entries().front().state == EntryState::Draft, 20000);
        auto* start = window->queuePanel()
                          ->card(window->queue().entries().front().id)
                          ->findChild<QToolButton*>(QStringLiteral("start"));
        QCOMPARE(start->text(), QStringLiteral("Starten"));
        QCOMPARE(window->settingsForm()->findChild<QComboBox*>(QStringLiteral("target"))->itemText(0),
            QStringLiteral("Quest / Pico / Vision Pro in HereSphere oder DeoVR"));
        screenshot(window.get(), QStringLiteral("06-german"));
        QApplication::removeTranslator(&german);
    }

    // A job sent to the render farm: a real nats-server and a real worker process do it; the
    // card follows the segments live with each one's worker, and the job stays followed across a
    // restart of the window until the farm has joined it.
    void farmJobIsFollowedLiveAndAcrossRestarts()
    {
        NatsServer broker(m_root / "studio_broker");
        broker.start();
        const QString folder = m_dir.filePath(QStringLiteral("farm_out"));
        QDir().mkpath(folder);
        StudioSettings settings(settingsFile(QStringLiteral("farm")));
        settings.setBrokerUrl(broker.url());
        auto window = makeWindow(settings, folder);
        window->addFiles({ str(m_clip) });
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().entries().front().state == EntryState::Draft, 20000);
        const QUuid id = window->queue().entries().front().id;
        auto* card = window->queuePanel()->card(id);
        card->findChild<QToolButton*>(QStringLiteral("farm"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->state == EntryState::Farm, 30000);
        FarmHost here(0);
        FarmWorker worker(here, broker.url(), QStringLiteral("studio-worker"),
            { QStringLiteral("--storage-root"), m_dir.path(), QStringLiteral("--exit-when-idle") });
        // Live: a segment shown done with its worker's name on the strip.
        QTRY_VERIFY_WITH_TIMEOUT(segmentsWith(*window->queue().find(id), SegmentStatus::Done) >= 1, 60000);
        const auto* strip = window->queuePanel()->card(id)->strip();
        int done = 0;
        while (strip->segments()[std::size_t(done)].status != SegmentStatus::Done) {
            ++done;
        }
        QVERIFY2(strip->toolTipFor(done).contains(QStringLiteral("Worker: studio-worker")),
            qPrintable(strip->toolTipFor(done)));
        screenshot(window.get(), QStringLiteral("07-farm"));
        // The window closes while the farm works; opened again, it follows the job to its end.
        window.reset();
        auto again = makeWindow(settings, folder);
        const QueueEntry* restored = again->queue().find(id);
        QVERIFY(restored);
        QVERIFY(restored->onFarm);
        QVERIFY(restored->state == EntryState::Farm || restored->state == EntryState::Done);
        QTRY_VERIFY_WITH_TIMEOUT(again->queue().find(id)->state == EntryState::Done, 120000);
        QVERIFY(allSegments(*again->queue().find(id), SegmentStatus::Done));
        QVERIFY(QFileInfo::exists(again->queue().find(id)->outputPath));
        QVERIFY(worker.waitForExit(60000));
    }

    // A job.json that cannot be read (damaged, or written by someone else) is shown on the
    // job's card; it never ends the window.
    void unreadableJobFileIsShownNotFatal()
    {
        const auto folder = m_root / "unreadable.ptjob";
        std::filesystem::create_directories(folder);
        std::ofstream(folder / "job.json") << R"({"schemaVersion": 2, "segments": "lots"})";
        QueueEntry entry;
        entry.jobFolder = str(folder);
        QVERIFY(!tryReadJobFile(entry));
        QVERIFY2(entry.message.contains(str(folder / "job.json")), qPrintable(entry.message));
    }

    // The saved queue has a version; the bare list 0.1.0 saved is still restored.
    void savedQueueHasAVersion()
    {
        QueueEntry draft;
        draft.id = QUuid::createUuid();
        draft.sourcePath = str(m_clip);
        const auto saved = nlohmann::json::parse(saveQueue({ draft }).toStdString());
        QCOMPARE(saved.at("version").get<int>(), kQueueVersion);
        QCOMPARE(saved.at("entries").size(), std::size_t(1));
        nlohmann::json versionOne = saved.at("entries"); // 0.1.0 saved the list alone
        const auto restored = restoreQueue(QByteArray::fromStdString(versionOne.dump()));
        QCOMPARE(restored.size(), std::size_t(1));
        QCOMPARE(restored[0].id, draft.id);
        QVERIFY(restored[0].state == EntryState::Probing);
    }

    void quitWhileRunningAndRestoreOnNextStart()
    {
        const QString file = settingsFile(QStringLiteral("restart"));
        const auto out = m_root / "restart";
        std::filesystem::create_directories(out);
        QUuid id;
        {
            StudioSettings settings(file);
            JobSettings defaults = settings.defaultJobSettings();
            defaults.segmentSeconds = 1.0;
            defaults.packing = "matte";
            defaults.encoder.preset = "ultrafast";
            settings.setDefaultJobSettings(defaults);
            auto window = makeWindow(settings, str(out));
            window->addFiles({ str(m_clip) });
            id = window->queue().entries().front().id;
            QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->state == EntryState::Draft, 20000);
            window->queue().start(id);
            QTRY_VERIFY_WITH_TIMEOUT(
                segmentsWith(*window->queue().find(id), SegmentStatus::Done) >= 2, kJobTimeoutMs);
            QVERIFY(window->queue().hasActiveJob());
            QVERIFY(window->close()); // asks (the test answers yes), stops the job at a frame boundary
        }
        StudioSettings settings(file);
        auto window = makeWindow(settings, str(out));
        const QueueEntry* restored = window->queue().find(id);
        QVERIFY(restored);
        QVERIFY(restored->state == EntryState::Interrupted);
        const int doneBefore = segmentsWith(*restored, SegmentStatus::Done);
        QVERIFY(doneBefore >= 2 && doneBefore < 6);
        QCOMPARE(segmentsWith(*restored, SegmentStatus::Running), 0);
        screenshot(window.get(), QStringLiteral("05-restored"));
        window->queuePanel()->card(id)->findChild<QToolButton*>(QStringLiteral("resume"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(window->queue().find(id)->state == EntryState::Done, kJobTimeoutMs);
        QVERIFY(allSegments(*window->queue().find(id), SegmentStatus::Done));
        QCOMPARE(
            decodeVideo(window->queue().find(id)->outputPath.toStdString()).pts.size(), std::size_t(180));
        // The log view shows the job's log, interruption included.
        QVERIFY(window->queue().logText(id).contains(QStringLiteral("interrupted")));
    }
};

QTEST_MAIN(TestStudio)
#include "tst_studio.moc"
