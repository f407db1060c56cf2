// A new user's first hour, on the shared VR footage with the real RVM weights and the real person
// model: drop the office walk-in (equirect 180, side by side), preview the frame where she stands
// at the table (the matte, then the wipe at 100 % on her hair), draw a region, see the job made
// for a headset with its estimate, render a sample and watch it play, then drop the signers and
// show the people the model finds. The checks are what that user judges: the matte holds the
// person and not the wall, a region cuts what it covers, the sample plays. With
// PTS_SCREENSHOT_DIR set (scripts/take-screenshots.sh runs it under Xvfb) it saves the README's
// pictures of real footage.
#include "frameview.h"
#include "mainwindow.h"
#include "media/chunkjoiner.h"
#include "previewpanel.h"
#include "queuepanel.h"
#include "regionview.h"
#include "samplepanel.h"
#include "settingsform.h"
#include "support/testmedia.h"
#include "support/windowshots.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMediaPlayer>
#include <QPushButton>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QVideoFrame>
#include <QVideoSink>
#include <QVideoWidget>

using namespace passthrough;
using namespace passthrough::ui;
using namespace passthrough::test;

namespace {

constexpr int kRenderTimeoutMs = 180000;

// The matte's gray level at a point given normalised to one eye of a side-by-side frame.
int matteAt(const QImage& matte, int eye, QPointF p)
{
    const int eyeWidth = matte.width() / 2;
    return qGray(matte.pixel(eye * eyeWidth + int(p.x() * eyeWidth), int(p.y() * matte.height())));
}

} // namespace

class TestTour : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_shots;

    void screenshot(QWidget* window, const QString& name) { saveScreenshot(window, m_shots, name); }

    // Waits for the preview to finish a render newer than `generation`.
    static bool rendered(PreviewPanel* preview, quint64 generation)
    {
        return QTest::qWaitFor(
            [&] { return !preview->isRendering() && preview->lastResult().generation > generation; },
            kRenderTimeoutMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_shots = qEnvironmentVariable("PTS_SCREENSHOT_DIR");
        // The person model from the shared folder, as `--person-model DIR` gives it.
        qputenv("PASSTHROUGH_PERSON_MODEL", str(sharedDir() / "models/movenet").toUtf8());
    }

    void firstHourOnRealFootage()
    {
        StudioSettings settings(m_dir.filePath(QStringLiteral("tour.ini")));
        settings.setModelPath(str(sharedDir() / "models/rvm_mobilenetv3.pth"));
        settings.setOutputFolder(m_dir.path());
        MainWindow window(settings);
        window.setQuitConfirmation([] { return true; });
        window.resize(1400, 900);
        window.show();

        // The office walk-in: she enters at 3 s and stands at the table, her head at about
        // (0.59, 0.32) of each eye.
        window.addFiles({ str(sharedMedia("vr/office_walkin_2048x1024_LR_180.mp4")) });
        const QUuid office = window.queue().entries().back().id;
        QTRY_VERIFY_WITH_TIMEOUT(window.queue().find(office)->state == EntryState::Draft, 20000);
        QCOMPARE(window.queue().find(office)->settings.target, std::string("headset"));

        // The preview at 5 s: her matte, the wall behind her gone, in both eyes.
        window.tabs()->setCurrentIndex(1); // the Preview tab (the panel sits in a splitter there)
        PreviewPanel* preview = window.previewPanel();
        preview->setFrame(150);
        QTRY_VERIFY_WITH_TIMEOUT(
            !preview->isRendering() && !preview->lastResult().matte.isNull(), kRenderTimeoutMs);
        const QPointF torso(0.59, 0.45);
        const QPointF wall(0.35, 0.33);
        for (int eye : { 0, 1 }) {
            const QImage& matte = preview->lastResult().matte;
            QVERIFY2(matteAt(matte, eye, torso) > 200 && matteAt(matte, eye, wall) < 20,
                qPrintable(QStringLiteral("eye %1: torso %2, wall %3")
                               .arg(eye)
                               .arg(matteAt(matte, eye, torso))
                               .arg(matteAt(matte, eye, wall))));
        }
        auto* choice = preview->findChild<QComboBox*>(QStringLiteral("viewChoice"));
        RegionView* view = preview->regionView();
        choice->setCurrentIndex(choice->findData(int(FrameView::View::Matte)));
        QCOMPARE(view->view(), FrameView::View::Matte);
        screenshot(&window, QStringLiteral("tour-1-matte"));

        // The wipe at 100 % through her hair: the source left of the line, the composite right.
        choice->setCurrentIndex(choice->findData(int(FrameView::View::Wipe)));
        preview->findChild<QPushButton*>(QStringLiteral("zoom100"))->click();
        QCOMPARE(view->zoom(), 1.0);
        const QPointF head(0.59, 0.30);
        const QPoint from = view->widgetPoint(0, head).toPoint();
        const QPoint middle(view->width() / 2, view->height() / 2);
        QTest::mousePress(view, Qt::MiddleButton, Qt::NoModifier, from);
        QMouseEvent pan(QEvent::MouseMove, QPointF(middle), view->mapToGlobal(QPointF(middle)), Qt::NoButton,
            Qt::MiddleButton, Qt::NoModifier);
        QApplication::sendEvent(view, &pan);
        QTest::mouseRelease(view, Qt::MiddleButton, Qt::NoModifier, middle);
        QVERIFY((view->widgetPoint(0, head) - QPointF(middle)).manhattanLength() < 2.0);
        view->setWipe(0.59 / 2);
        QVERIFY(std::abs(view->wipeX() - middle.x()) < 2.0);
        screenshot(&window, QStringLiteral("tour-2-wipe"));

        // A rectangle drawn over her lower legs on the composite takes them out of the matte.
        preview->findChild<QPushButton*>(QStringLiteral("zoomFit"))->click();
        choice->setCurrentIndex(choice->findData(int(FrameView::View::Composite)));
        const quint64 beforeRegion = preview->lastResult().generation;
        const QPoint a = view->widgetPoint(0, QPointF(0.50, 0.56)).toPoint();
        const QPoint b = view->widgetPoint(0, QPointF(0.68, 0.70)).toPoint();
        QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, a);
        QTest::mouseMove(view, (a + b) / 2);
        QTest::mouseMove(view, b);
        QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, b);
        QCOMPARE(window.queue().find(office)->settings.matte.regions.size(), std::size_t(1));
        QVERIFY(rendered(preview, beforeRegion));
        const QPointF shin(0.59, 0.64);
        for (int eye : { 0, 1 }) {
            const QImage& matte = preview->lastResult().matte;
            QVERIFY2(matteAt(matte, eye, shin) == 0 && matteAt(matte, eye, torso) > 200,
                qPrintable(QStringLiteral("eye %1: shin %2, torso %3")
                               .arg(eye)
                               .arg(matteAt(matte, eye, shin))
                               .arg(matteAt(matte, eye, torso))));
        }
        screenshot(&window, QStringLiteral("tour-3-region"));
        const quint64 beforeDelete = preview->lastResult().generation;
        QTest::keyClick(view, Qt::Key_Delete);
        QVERIFY(window.queue().find(office)->settings.matte.regions.empty());
        QVERIFY(rendered(preview, beforeDelete));

        // The Job tab: made for a headset, and what the job will cost, from the preview's speed.
        window.tabs()->setCurrentIndex(0);
        auto* estimate = window.settingsForm()->findChild<QLabel*>(QStringLiteral("costEstimate"));
        QTRY_VERIFY(estimate->text().contains(QStringLiteral("about")));
        QCOMPARE(
            window.settingsForm()->findChild<QComboBox*>(QStringLiteral("target"))->currentData().toString(),
            QStringLiteral("headset"));
        screenshot(&window, QStringLiteral("tour-4-made-for"));

        // One second from the preview's frame, rendered and playing in a loop.
        window.tabs()->setCurrentWidget(window.samplePanel());
        SamplePanel* sample = window.samplePanel();
        QCOMPARE(sample->findChild<QDoubleSpinBox*>(QStringLiteral("sampleStart"))->value(), 5.0);
        sample->findChild<QDoubleSpinBox*>(QStringLiteral("sampleSeconds"))->setValue(1.0);
        int frames = 0;
        connect(sample->videoWidget()->videoSink(), &QVideoSink::videoFrameChanged, this,
            [&frames](const QVideoFrame& frame) { frames += frame.isValid() ? 1 : 0; });
        sample->findChild<QPushButton*>(QStringLiteral("renderSampleButton"))->click();
        QTRY_VERIFY_WITH_TIMEOUT(!sample->isRendering(), kRenderTimeoutMs);
        QVERIFY2(!sample->lastSample().isEmpty(),
            qPrintable(sample->findChild<QLabel*>(QStringLiteral("sampleStatus"))->text()));
        QCOMPARE(countVideoPackets(sample->lastSample().toStdString()), std::int64_t(30));
        QTRY_VERIFY_WITH_TIMEOUT(frames >= 10, 30000);
        QCOMPARE(sample->player()->loops(), int(QMediaPlayer::Infinite));
        screenshot(&window, QStringLiteral("tour-5-sample"));

        // The signers, with the people the person model finds drawn on the composite: one signer,
        // found in both eyes (the same track), inside the matte.
        window.addFiles({ str(sharedMedia("vr/asl_signers_2048x1024_LR_180_vfr.mp4")) });
        const QUuid signers = window.queue().entries().back().id;
        QTRY_VERIFY_WITH_TIMEOUT(window.queue().find(signers)->state == EntryState::Draft, 20000);
        window.queuePanel()->select(signers);
        window.tabs()->setCurrentIndex(1);
        const quint64 beforeSigners = preview->lastResult().generation;
        preview->setFrame(60);
        preview->findChild<QCheckBox*>(QStringLiteral("showPeopleCheck"))->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(!preview->isRendering() && preview->lastResult().generation > beforeSigners
                && preview->lastResult().peopleSearched,
            kRenderTimeoutMs);
        const PreviewResult& shown = preview->lastResult();
        QVERIFY2(shown.people.size() >= 2, qPrintable(QString::number(shown.people.size())));
        int paired = 0;
        for (const PreviewPerson& p : shown.people) {
            const QPointF centre((p.pose.left + p.pose.right) / 2, (p.pose.top + p.pose.bottom) / 2);
            QVERIFY2(matteAt(shown.matte, p.eye, centre) > 128,
                qPrintable(QStringLiteral("eye %1 (%2, %3): %4")
                               .arg(p.eye)
                               .arg(centre.x())
                               .arg(centre.y())
                               .arg(matteAt(shown.matte, p.eye, centre))));
            for (const PreviewPerson& q : shown.people) {
                paired += (q.eye != p.eye && q.track == p.track && p.track >= 0) ? 1 : 0;
            }
        }
        QVERIFY(paired >= 2);
        screenshot(&window, QStringLiteral("tour-6-people"));
    }
};

QTEST_MAIN(TestTour)
#include "tst_tour.moc"
