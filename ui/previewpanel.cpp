#include "previewpanel.h"

#include "background.h"
#include "packing/packing.h"
#include "pipeline/peoplepreparation.h"
#include "pipeline/scenescan.h"
#include "regionview.h"
#include "timelineview.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QPushButton>
#include <QShortcut>
#include <QSlider>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

#include <functional>

namespace passthrough::ui {

PreviewPanel::PreviewPanel(QWidget* parent)
    : QWidget(parent)
    , m_worker(new PreviewWorker)
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_spin(new QSpinBox(this))
    , m_status(new QLabel(this))
    , m_showPeople(new QCheckBox(tr("Show people"), this))
    , m_sourceView(new RegionView(this))
    , m_timeline(new TimelineView(this))
    , m_viewChoice(new QComboBox(this))
    , m_pages(new QStackedWidget(this))
    , m_findEveryone(new QPushButton(tr("Find everyone in the video"), this))
{
    qRegisterMetaType<PreviewResult>();
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &PreviewWorker::rendered, this, &PreviewPanel::onRendered);
    connect(m_worker, &PreviewWorker::failed, this, &PreviewPanel::onFailed);
    m_thread.setObjectName(QStringLiteral("preview"));
    m_thread.start();

    m_slider->setObjectName(QStringLiteral("frameSlider"));
    m_spin->setObjectName(QStringLiteral("frameSpin"));
    m_status->setObjectName(QStringLiteral("previewStatus"));
    m_status->setWordWrap(true);
    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Frame"), this));
    controls->addWidget(m_slider, 1);
    controls->addWidget(m_spin);
    m_showPeople->setObjectName(QStringLiteral("showPeopleCheck"));
    m_showPeople->setToolTip(tr("Draws who the person model finds. Click a person to keep only them "
                                "or to remove them."));
    controls->addWidget(m_showPeople);
    connect(m_showPeople, &QCheckBox::toggled, this, [this](bool on) {
        m_sourceView->setShowPeople(on);
        Q_EMIT showPeopleToggled(on);
        if (on && !m_last.peopleSearched) {
            m_debounce.start(); // the people are found with the frame
        }
    });

    // The large view and how it is looked at.
    constexpr int kOverview = 5;
    m_sourceView->setObjectName(QStringLiteral("regionView"));
    m_viewChoice->setObjectName(QStringLiteral("viewChoice"));
    m_viewChoice->addItem(tr("Source"), int(FrameView::View::Source));
    m_viewChoice->addItem(tr("Matte"), int(FrameView::View::Matte));
    m_viewChoice->addItem(tr("Composite"), int(FrameView::View::Composite));
    m_viewChoice->addItem(tr("As the player shows it"), int(FrameView::View::Player));
    m_viewChoice->addItem(tr("Wipe: source | composite"), int(FrameView::View::Wipe));
    m_viewChoice->addItem(tr("Overview (all four)"), kOverview);
    auto* viewing = new QHBoxLayout;
    viewing->addWidget(new QLabel(tr("View"), this));
    viewing->addWidget(m_viewChoice);
    const struct {
        const char* name;
        QString text;
        double zoom;
    } zooms[] = { { "zoomFit", tr("Fit"), FrameView::kFit }, { "zoom100", tr("100 %"), 1.0 },
        { "zoom200", tr("200 %"), 2.0 } };
    for (const auto& z : zooms) {
        auto* button = new QPushButton(z.text, this);
        button->setObjectName(QString::fromLatin1(z.name));
        const double zoom = z.zoom;
        connect(button, &QPushButton::clicked, this, [this, zoom] {
            if (m_pages->currentIndex() != 0) {
                m_viewChoice->setCurrentIndex(0);
            }
            m_sourceView->setZoom(zoom);
        });
        viewing->addWidget(button);
    }
    auto* zoomShown = new QLabel(tr("fit"), this);
    zoomShown->setObjectName(QStringLiteral("zoomShown"));
    connect(m_sourceView, &FrameView::zoomChanged, zoomShown, [zoomShown](double zoom) {
        zoomShown->setText(zoom == FrameView::kFit ? tr("fit") : tr("%1 %").arg(std::lround(zoom * 100)));
    });
    viewing->addWidget(zoomShown);
    viewing->addStretch(1);
    m_sourceView->setToolTip(tr("Wheel: zoom. Middle button or Alt+drag: pan. Wipe: drag the line."));
    connect(m_viewChoice, &QComboBox::currentIndexChanged, this, [this] {
        const int chosen = m_viewChoice->currentData().toInt();
        if (chosen == kOverview) {
            m_pages->setCurrentIndex(1);
            updatePixmaps();
        } else {
            m_sourceView->setView(FrameView::View(chosen));
            m_pages->setCurrentIndex(0);
        }
    });

    auto* overview = new QWidget(this);
    auto* grid = new QGridLayout(overview);
    const QString titles[] = { tr("Source"), tr("Matte"), tr("Composite"), tr("As the player shows it") };
    for (int i = 0; i < 4; ++i) {
        auto* title = new QLabel(titles[i], overview);
        title->setAlignment(Qt::AlignCenter);
        auto* label = new QLabel(overview);
        label->setAlignment(Qt::AlignCenter);
        label->setMinimumSize(160, 80);
        label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
        m_views[std::size_t(i)] = label;
        grid->addWidget(title, (i / 2) * 2, i % 2);
        grid->addWidget(label, (i / 2) * 2 + 1, i % 2);
        grid->setRowStretch((i / 2) * 2 + 1, 1);
    }
    m_pages->addWidget(m_sourceView);
    m_pages->addWidget(overview);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addLayout(viewing);
    layout->addWidget(m_status);
    layout->addWidget(m_pages, 1);
    m_timeline->setObjectName(QStringLiteral("timeline"));
    layout->addWidget(m_timeline);
    m_findEveryone->setObjectName(QStringLiteral("findEveryoneButton"));
    m_findEveryone->setToolTip(tr("Runs the person model over the whole video, as the job will, and "
                                  "shows on the timeline where each person is seen and whether they stay."));
    connect(m_findEveryone, &QPushButton::clicked, this, &PreviewPanel::findEveryone);
    auto* below = new QHBoxLayout;
    below->addWidget(m_findEveryone);
    below->addStretch(1);
    layout->addLayout(below);

    // Dragging the slider asks for many frames; only the one it rests on is rendered.
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &PreviewPanel::requestRender);
    connect(m_slider, &QSlider::valueChanged, m_spin, &QSpinBox::setValue);
    connect(m_spin, &QSpinBox::valueChanged, m_slider, &QSlider::setValue);
    connect(m_spin, &QSpinBox::valueChanged, this, [this] { m_debounce.start(); });
    auto* back = new QShortcut(QKeySequence(Qt::Key_Comma), this);
    auto* forward = new QShortcut(QKeySequence(Qt::Key_Period), this);
    connect(back, &QShortcut::activated, this, [this] { m_spin->setValue(m_spin->value() - 1); });
    connect(forward, &QShortcut::activated, this, [this] { m_spin->setValue(m_spin->value() + 1); });
    connect(m_spin, &QSpinBox::valueChanged, m_timeline, &TimelineView::setPlayhead);
    connect(m_timeline, &TimelineView::frameRequested, this, [this](qint64 frame) { setFrame(frame); });
    const std::pair<Qt::Key, std::function<void()>> keys[]
        = { { Qt::Key_I, [this] { m_timeline->setInAtPlayhead(); } },
              { Qt::Key_O, [this] { m_timeline->setOutAtPlayhead(); } },
              { Qt::Key_BracketLeft, [this] { m_timeline->stepKey(-1); } },
              { Qt::Key_BracketRight, [this] { m_timeline->stepKey(1); } } };
    for (const auto& [key, action] : keys) {
        auto* shortcut = new QShortcut(QKeySequence(key), this); // a text field takes its own keys first
        connect(shortcut, &QShortcut::activated, this, action);
    }
    showEntry(nullptr);
}

PreviewPanel::~PreviewPanel()
{
    if (m_cancelCurrent) {
        *m_cancelCurrent = true;
    }
    stopFindingEveryone();
    m_thread.quit();
    m_thread.wait();
}

void PreviewPanel::showEntry(const QueueEntry* entry)
{
    const bool same = entry && m_entry && m_entry->id == entry->id;
    const bool changed = !same || entry->settings != m_entry->settings
        || entry->modelPath != m_entry->modelPath || entry->probe.has_value() != m_entry->probe.has_value();
    m_entry = entry ? std::optional<QueueEntry>(*entry) : std::nullopt;
    m_sourceView->setRegions(entry ? entry->settings.matte.regions : std::vector<MatteRegion> {});
    if (entry && entry->probe) {
        const StereoMode stereo = entry->probe->layout.stereo;
        m_sourceView->setEyes(entry->probe->layout.eyeCount(),
            stereo == StereoMode::TopBottom || stereo == StereoMode::BottomTop);
    }
    const qint64 frames = entry && entry->probe ? entry->probe->frameCount : 0;
    const double rate = entry && entry->probe ? entry->probe->frameRate.value() : 0.0;
    m_timeline->setVideo(frames, rate > 0.0 ? 1.0 / rate : 0.0);
    m_timeline->setRange(entry ? entry->settings.range : std::nullopt);
    m_timeline->setCorrections(entry ? entry->settings.matte : MatteControls {});
    m_findEveryone->setEnabled(entry && entry->probe && !m_findingEveryone);
    updateTracks();
    m_slider->setEnabled(frames > 0);
    m_spin->setEnabled(frames > 0);
    m_slider->setRange(0, int(std::max<qint64>(0, frames - 1)));
    m_spin->setRange(0, int(std::max<qint64>(0, frames - 1)));
    if (frames == 0) {
        m_status->setText(entry ? tr("The preview appears once the file is read.") : tr("No job selected."));
        for (QLabel* view : m_views) {
            view->clear();
        }
        m_sourceView->setImages(QImage(), QImage(), QImage(), QImage());
        return;
    }
    if (!same) {
        m_spin->setValue(int(frames / 2));
    }
    if (changed) {
        m_debounce.start();
    }
}

void PreviewPanel::findEveryone()
{
    if (!m_entry || !m_entry->probe || m_findingEveryone) {
        return;
    }
    m_findingEveryone = true;
    m_findEveryone->setEnabled(false);
    m_status->setText(tr("Finding everyone in the video…"));
    const MediaInfo info = *m_entry->probe;
    const Layout layout = processingLayout(requirePacking(m_entry->settings.packing), info.layout);
    const PersonChoices choices = m_entry->settings.matte.people;
    const QUuid id = m_entry->id;
    const std::shared_ptr<std::atomic<bool>> stop = m_stopFinding;
    // The pass says how far it is (every tenth of the video); the panel shows it.
    const QPointer<QLabel> status = m_status;
    const auto progress = [status](const std::string& line) {
        QMetaObject::invokeMethod(
            status.data(),
            [status, text = QString::fromStdString(line).remove(QStringLiteral("people: "))] {
                if (status) {
                    status->setText(tr("Finding everyone in the video: %1").arg(text));
                }
            },
            Qt::QueuedConnection);
    };
    struct Found {
        std::shared_ptr<const person::PeopleDecisions> people;
        std::vector<double> cuts;
    };
    inBackground<Found>(
        this,
        [info, layout, choices, stop, progress] {
            PeopleRequest request;
            request.source = &info;
            request.layout = layout;
            request.choices = choices;
            request.cancel = stop.get();
            request.log = progress;
            Found found;
            found.people = preparePeople(request); // kept in memory: a draft has no job folder yet
            for (const std::int64_t pts : findSceneCuts(info, stop.get())) {
                found.cuts.push_back(info.ptsToSeconds(pts));
            }
            return found;
        },
        [this, id, choices](const std::optional<Found>& found, const QString& error) {
            m_findingEveryone = false;
            m_findEveryone->setEnabled(m_entry && m_entry->probe);
            if (!found) {
                m_status->setText(tr("The people could not be found: %1").arg(error));
                return;
            }
            m_everyone = found->people;
            m_everyoneEntry = id;
            m_timeline->setSceneCuts(found->cuts);
            m_everyoneChoices = choices;
            updateTracks();
            m_status->setText(tr("Everyone found: %1 people on the timeline; %2 scene cuts.")
                                  .arg(m_timeline->trackCount())
                                  .arg(found->cuts.size()));
        });
}

void PreviewPanel::updateTracks()
{
    if (!m_everyone || !m_entry || m_entry->id != m_everyoneEntry || !m_entry->probe) {
        m_timeline->setTracks({});
        m_timeline->setSceneCuts({});
        return;
    }
    const MediaInfo& info = *m_entry->probe;
    const double rate = info.frameRate.value();
    // The choices changed since the people were found: decided again, from the same people.
    if (!(m_entry->settings.matte.people == m_everyoneChoices)) {
        m_everyoneChoices = m_entry->settings.matte.people;
        m_everyone = std::make_shared<const person::PeopleDecisions>(
            m_everyone->timeline(), m_everyoneChoices, info.ptsToSeconds(1));
    }
    m_timeline->setTracks(
        person::trackRuns(*m_everyone, info.ptsToSeconds(1), rate > 0.0 ? 1.0 / rate : 0.0));
}

void PreviewPanel::setShowPeople(bool on)
{
    m_showPeople->setChecked(on);
}

bool PreviewPanel::showsPeople() const
{
    return m_showPeople->isChecked();
}

qint64 PreviewPanel::frame() const
{
    return m_spin->value();
}

void PreviewPanel::setFrame(qint64 frame)
{
    m_spin->setValue(int(frame));
}

void PreviewPanel::requestRender()
{
    if (!m_entry || !m_entry->probe) {
        return;
    }
    if (m_entry->modelPath.isEmpty()) {
        m_status->setText(tr("Choose the matting model file to see the matte."));
        return;
    }
    if (m_cancelCurrent) {
        *m_cancelCurrent = true; // the older request stops at its next frame
    }
    m_cancelCurrent = std::make_shared<std::atomic<bool>>(false);
    PreviewJob job;
    job.generation = ++m_generation;
    job.sourcePath = m_entry->sourcePath;
    job.frame = m_spin->value();
    job.layoutTag = m_entry->settings.layoutOverride;
    job.probed = m_entry->probe;
    job.packing = m_entry->settings.packing;
    job.keyColor = m_entry->settings.keyColor;
    job.matte = m_entry->settings.matte;
    job.downsample = m_entry->settings.downsample;
    job.modelPath = m_entry->modelPath;
    job.device = m_entry->settings.device;
    job.refiner = m_entry->settings.refiner;
    job.findPeople = m_showPeople->isChecked();
    job.cancel = m_cancelCurrent;
    ++m_inFlight;
    m_status->setText(tr("Computing frame %1 (the model warms up on the second before it)…").arg(job.frame));
    PreviewWorker* worker = m_worker;
    QMetaObject::invokeMethod(
        m_worker, [worker, job] { worker->render(job); }, Qt::QueuedConnection);
}

void PreviewPanel::onRendered(const PreviewResult& result)
{
    m_inFlight = std::max(0, m_inFlight - 1);
    if (result.generation != m_generation) {
        return; // an older frame finished after a newer one was asked for
    }
    m_last = result;
    m_status->setText(tr("Frame %1").arg(m_spin->value()));
    updatePixmaps();
    Q_EMIT previewShown(result.generation);
}

void PreviewPanel::onFailed(quint64 generation, const QString& message)
{
    m_inFlight = std::max(0, m_inFlight - 1);
    if (generation == m_generation && !message.isEmpty()) {
        m_status->setText(message);
        Q_EMIT previewFailed(message);
    }
}

void PreviewPanel::updatePixmaps()
{
    m_sourceView->setImages(m_last.source, m_last.matte, m_last.composite, m_last.packed);
    m_sourceView->setPeople(m_last.people, m_last.seconds);
    if (m_pages->currentIndex() != 1) {
        return; // the overview is scaled when it is shown
    }
    const QImage* images[] = { &m_last.source, &m_last.matte, &m_last.composite, &m_last.packed };
    for (std::size_t i = 0; i < 4; ++i) {
        if (!images[i]->isNull()) {
            m_views[i]->setPixmap(QPixmap::fromImage(
                images[i]->scaled(m_views[i]->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation)));
        }
    }
}

void PreviewPanel::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    updatePixmaps();
}

} // namespace passthrough::ui
