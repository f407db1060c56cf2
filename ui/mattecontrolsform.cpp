#include "mattecontrolsform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

namespace passthrough::ui {
namespace {

QSlider* slider(QWidget* parent, const QString& name, int min, int max)
{
    auto* s = new QSlider(Qt::Horizontal, parent);
    s->setObjectName(name);
    s->setRange(min, max);
    return s;
}

QWidget* withValue(QWidget* parent, QSlider* s, QLabel* value)
{
    auto* holder = new QWidget(parent);
    auto* layout = new QHBoxLayout(holder);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(s, 1);
    value->setMinimumWidth(72);
    layout->addWidget(value);
    return holder;
}

} // namespace

MatteControlsForm::MatteControlsForm(QWidget* parent)
    : QWidget(parent)
    , m_regions(new QListWidget(this))
    , m_drawAction(new QComboBox(this))
    , m_povBody(new QPushButton(tr("POV body"), this))
    , m_delete(new QPushButton(tr("Delete"), this))
    , m_black(slider(this, QStringLiteral("blackSlider"), 0, 99))
    , m_white(slider(this, QStringLiteral("whiteSlider"), 1, 100))
    , m_choke(slider(this, QStringLiteral("chokeSlider"), -20, 20))
    , m_feather(slider(this, QStringLiteral("featherSlider"), 0, 30))
    , m_smooth(slider(this, QStringLiteral("smoothSlider"), 0, 100))
    , m_levelsValue(new QLabel(this))
    , m_chokeValue(new QLabel(this))
    , m_featherValue(new QLabel(this))
    , m_smoothValue(new QLabel(this))
    , m_sceneCuts(new QCheckBox(tr("Start afresh at scene cuts"), this))
    , m_povAuto(new QCheckBox(tr("Remove my own body (the camera wearer's: chest, legs and hands from the "
                                 "bottom of the view, found per frame)"),
          this))
    , m_maxPeople(new QSpinBox(this))
    , m_removeOutside(new QCheckBox(tr("Remove what is not a person (objects, people not found)"), this))
    , m_smallPeople(new QCheckBox(tr("Find small and far people too (slower)"), this))
    , m_sharpenSmall(new QCheckBox(tr("Sharpen small and far people (matted again at full detail)"), this))
    , m_picks(new QListWidget(this))
    , m_forgetPick(new QPushButton(tr("Forget"), this))
    , m_personModelStatus(new QLabel(this))
{
    m_picks->setObjectName(QStringLiteral("personPickList"));
    m_picks->setToolTip(tr("People picked on the preview: turn on \"Show people\" and click a person."));
    m_picks->setMaximumHeight(80);
    m_forgetPick->setObjectName(QStringLiteral("forgetPickButton"));
    m_personModelStatus->setObjectName(QStringLiteral("personModelStatus"));
    m_personModelStatus->setWordWrap(true);
    m_personModelStatus->hide();
    m_povAuto->setObjectName(QStringLiteral("povAutoCheck"));
    m_povAuto->setToolTip(
        tr("A camera at your eyes sees your own body upside down: your chest or lap at the bottom "
           "of the image circle, your legs running up toward the horizon, your hands reaching in "
           "from the bottom corners, never a head. The person model looks at the lower part of "
           "each eye turned upside down, finds that body and takes it out of the matte with its "
           "hands and edges. Someone standing in front of you, head up, stays; frames without "
           "your body stay as they are. Shown dashed red as \"your body (POV)\" with Show people."));
    m_maxPeople->setObjectName(QStringLiteral("maxPeopleSpin"));
    m_smallPeople->setObjectName(QStringLiteral("smallPeopleCheck"));
    m_smallPeople->setToolTip(
        tr("The person model sees each eye at 384 pixels instead of 256: people far away or near a "
           "fisheye eye's edge are found too, and finding them takes about 1.7 times as long."));
    m_sharpenSmall->setObjectName(QStringLiteral("sharpenSmallCheck"));
    m_sharpenSmall->setToolTip(
        tr("The whole picture is matted at the size the model works best at, where a person far "
           "away is only a few pixels tall. With this on, each small person the person model finds "
           "is matted a second time in a square around them, at up to the video's own resolution, "
           "in both eyes alike, and that sharper matte replaces theirs. Shown as dotted blue "
           "\"sharpened\" squares with Show people. Costs up to half as much again as the matting."));
    m_removeOutside->setObjectName(QStringLiteral("removeOutsideCheck"));
    m_removeOutside->setToolTip(
        tr("The matte that no person the model finds explains (a chair, a pet, someone too small to be "
           "found) is taken out too, in each eye where a person stays. Frames where nobody is found "
           "keep their matte."));
    m_maxPeople->setRange(0, 6);
    m_maxPeople->setSpecialValueText(tr("everyone"));
    m_maxPeople->setPrefix(tr("keep the largest "));
    m_regions->setObjectName(QStringLiteral("regionList"));
    m_drawAction->setObjectName(QStringLiteral("drawAction"));
    m_povBody->setObjectName(QStringLiteral("povBodyButton"));
    m_delete->setObjectName(QStringLiteral("deleteRegionButton"));
    m_sceneCuts->setObjectName(QStringLiteral("sceneCutsCheck"));
    m_drawAction->addItem(tr("Drawn regions remove"), int(MatteRegion::Action::Remove));
    m_drawAction->addItem(tr("Drawn regions keep"), int(MatteRegion::Action::Keep));
    m_povBody->setToolTip(tr("Remove the lower part of both eyes, where the camera operator's body is."));
    m_regions->setToolTip(tr("Drag on the source view for a rectangle, click points for a polygon "
                             "(double-click closes it). Drag a region to move it; Delete removes it."));
    m_regions->setMaximumHeight(110);

    auto* who = new QGroupBox(tr("Who stays"), this);
    auto* whoLayout = new QVBoxLayout(who);
    whoLayout->addWidget(m_regions);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_drawAction, 1);
    buttons->addWidget(m_povBody);
    buttons->addWidget(m_delete);
    whoLayout->addLayout(buttons);
    whoLayout->addWidget(m_povAuto);
    whoLayout->addWidget(m_maxPeople);
    whoLayout->addWidget(m_removeOutside);
    whoLayout->addWidget(m_smallPeople);
    whoLayout->addWidget(m_sharpenSmall);
    auto* picks = new QHBoxLayout;
    picks->addWidget(m_picks, 1);
    picks->addWidget(m_forgetPick, 0, Qt::AlignTop);
    whoLayout->addLayout(picks);
    whoLayout->addWidget(m_personModelStatus);

    auto* edge = new QGroupBox(tr("Edge and time"), this);
    auto* form = new QFormLayout(edge);
    auto* levels = new QWidget(this);
    auto* levelsLayout = new QHBoxLayout(levels);
    levelsLayout->setContentsMargins(0, 0, 0, 0);
    levelsLayout->addWidget(m_black);
    levelsLayout->addWidget(m_white);
    m_levelsValue->setMinimumWidth(72);
    levelsLayout->addWidget(m_levelsValue);
    form->addRow(tr("Levels"), levels);
    form->addRow(tr("Choke / grow"), withValue(this, m_choke, m_chokeValue));
    form->addRow(tr("Feather"), withValue(this, m_feather, m_featherValue));
    form->addRow(tr("Smooth flicker"), withValue(this, m_smooth, m_smoothValue));
    form->addRow(m_sceneCuts);
    m_choke->setToolTip(tr("Eye pixels: right shrinks the matte, left grows it."));
    m_smooth->setToolTip(tr("Calms small changes between frames; motion is never held back."));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(who);
    layout->addWidget(edge);
    layout->addStretch(1); // the groups keep their size; the space left stays below them

    for (QSlider* s : { m_black, m_white, m_choke, m_feather, m_smooth }) {
        connect(s, &QSlider::valueChanged, this, &MatteControlsForm::readSliders);
    }
    connect(m_sceneCuts, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_loading) {
            m_controls.sceneCuts = on;
            Q_EMIT edited();
        }
    });
    connect(m_povAuto, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_loading) {
            m_controls.people.povAuto = on;
            Q_EMIT edited();
        }
    });
    connect(m_maxPeople, &QSpinBox::valueChanged, this, [this](int n) {
        if (!m_loading) {
            m_controls.people.maxPeople = n;
            Q_EMIT edited();
        }
    });
    connect(m_smallPeople, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_loading) {
            m_controls.people.detectionSize = on ? kLargeDetectionSize : kDefaultDetectionSize;
            Q_EMIT edited();
        }
    });
    connect(m_sharpenSmall, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_loading) {
            m_controls.people.roiAuto = on;
            Q_EMIT edited();
        }
    });
    connect(m_removeOutside, &QCheckBox::toggled, this, [this](bool on) {
        if (!m_loading) {
            m_controls.people.removeOutside = on;
            Q_EMIT edited();
        }
    });
    connect(m_forgetPick, &QPushButton::clicked, this, [this] { removePersonPick(m_picks->currentRow()); });
    connect(m_picks, &QListWidget::currentRowChanged, this,
        [this](int row) { m_forgetPick->setEnabled(row >= 0); });
    connect(m_povBody, &QPushButton::clicked, this, [this] { addRegion(povBodyRegion()); });
    connect(m_delete, &QPushButton::clicked, this, [this] { removeRegion(selectedRegion()); });
    connect(m_regions, &QListWidget::currentRowChanged, this, [this](int row) {
        m_delete->setEnabled(row >= 0);
        if (!m_loading) {
            Q_EMIT regionSelected(row);
        }
    });
    setControls(MatteControls {});
}

MatteRegion MatteControlsForm::povBodyRegion()
{
    MatteRegion region;
    region.action = MatteRegion::Action::Remove;
    region.shape = MatteRegion::Shape::Rectangle;
    region.eye = MatteRegion::Eye::Both;
    region.points = { { 0.0, 0.68 }, { 1.0, 1.0 } };
    return region;
}

void MatteControlsForm::setControls(const MatteControls& controls)
{
    m_loading = true;
    m_controls = controls;
    m_black->setValue(int(std::lround(controls.black * 100)));
    m_white->setValue(int(std::lround(controls.white * 100)));
    m_choke->setValue(int(std::lround(controls.choke)));
    m_feather->setValue(int(std::lround(controls.feather)));
    m_smooth->setValue(int(std::lround(controls.smooth * 100)));
    m_sceneCuts->setChecked(controls.sceneCuts);
    m_povAuto->setChecked(controls.people.povAuto);
    m_maxPeople->setValue(controls.people.maxPeople);
    m_smallPeople->setChecked(controls.people.detectionSize == kLargeDetectionSize);
    m_removeOutside->setChecked(controls.people.removeOutside);
    m_sharpenSmall->setChecked(controls.people.roiAuto);
    refreshRegions();
    refreshPicks();
    showValues();
    m_loading = false;
}

MatteRegion::Action MatteControlsForm::drawAction() const
{
    return MatteRegion::Action(m_drawAction->currentData().toInt());
}

void MatteControlsForm::addRegion(const MatteRegion& region)
{
    if (m_controls.regions.size() >= 64) {
        return; // the job file's limit
    }
    m_controls.regions.push_back(region);
    refreshRegions();
    selectRegion(int(m_controls.regions.size()) - 1);
    Q_EMIT edited();
}

void MatteControlsForm::replaceRegion(int index, const MatteRegion& region)
{
    if (index < 0 || index >= int(m_controls.regions.size())) {
        return;
    }
    m_controls.regions[std::size_t(index)] = region;
    refreshRegions();
    selectRegion(index);
    Q_EMIT edited();
}

void MatteControlsForm::setRegionSpan(int index, const TimeSpan& span)
{
    if (index >= 0 && index < int(m_controls.regions.size())) {
        MatteRegion region = m_controls.regions[std::size_t(index)];
        region.span = span;
        replaceRegion(index, region);
    }
}

void MatteControlsForm::setPickSpan(int index, const TimeSpan& span)
{
    if (index < 0 || index >= int(m_controls.people.picks.size())) {
        return;
    }
    m_controls.people.picks[std::size_t(index)].span = span;
    refreshPicks();
    Q_EMIT edited();
}

void MatteControlsForm::removeRegion(int index)
{
    if (index < 0 || index >= int(m_controls.regions.size())) {
        return;
    }
    m_controls.regions.erase(m_controls.regions.begin() + index);
    refreshRegions();
    Q_EMIT edited();
}

void MatteControlsForm::addPersonPick(const PersonPick& pick)
{
    if (m_controls.people.picks.size() >= kMaxPersonPicks) {
        return;
    }
    m_controls.people.picks.push_back(pick);
    refreshPicks();
    Q_EMIT edited();
}

void MatteControlsForm::removePersonPick(int index)
{
    if (index < 0 || index >= int(m_controls.people.picks.size())) {
        return;
    }
    m_controls.people.picks.erase(m_controls.people.picks.begin() + index);
    refreshPicks();
    Q_EMIT edited();
}

void MatteControlsForm::refreshPicks()
{
    m_picks->clear();
    for (const PersonPick& pick : m_controls.people.picks) {
        const QString where = tr("at %1 s (%2, %3)")
                                  .arg(pick.seconds, 0, 'f', 2)
                                  .arg(pick.x, 0, 'f', 2)
                                  .arg(pick.y, 0, 'f', 2);
        QString item = pick.action == PersonPick::Action::Keep ? tr("Keep only the person %1").arg(where)
                                                               : tr("Remove the person %1").arg(where);
        if (!pick.span.whole()) { // the timeline's span, in the core's words
            item += QStringLiteral(", ") + QString::fromStdString(describe(pick.span));
        }
        m_picks->addItem(item);
    }
    m_picks->setVisible(!m_controls.people.picks.empty());
    m_forgetPick->setVisible(!m_controls.people.picks.empty());
    m_forgetPick->setEnabled(false);
}

void MatteControlsForm::setPersonModelStatus(const QString& text)
{
    m_personModelStatus->setText(text);
    m_personModelStatus->setVisible(!text.isEmpty());
}

int MatteControlsForm::selectedRegion() const
{
    return m_regions->currentRow();
}

void MatteControlsForm::selectRegion(int index)
{
    m_regions->setCurrentRow(index);
}

void MatteControlsForm::refreshRegions()
{
    const bool loading = m_loading;
    m_loading = true;
    m_regions->clear();
    for (const MatteRegion& region : m_controls.regions) {
        m_regions->addItem(QString::fromStdString(describe(region)));
    }
    m_delete->setEnabled(false);
    m_loading = loading;
}

void MatteControlsForm::readSliders()
{
    if (m_loading) {
        return;
    }
    // The black point stays below the white point, whichever the user moves.
    if (m_black->value() >= m_white->value()) {
        const QSignalBlocker blockBlack(m_black);
        const QSignalBlocker blockWhite(m_white);
        if (sender() == m_black) {
            m_white->setValue(m_black->value() + 1);
        } else {
            m_black->setValue(m_white->value() - 1);
        }
    }
    m_controls.black = m_black->value() / 100.0;
    m_controls.white = m_white->value() / 100.0;
    m_controls.choke = m_choke->value();
    m_controls.feather = m_feather->value();
    m_controls.smooth = m_smooth->value() / 100.0;
    showValues();
    Q_EMIT edited();
}

void MatteControlsForm::showValues()
{
    m_levelsValue->setText(
        QStringLiteral("%1 – %2").arg(m_controls.black, 0, 'f', 2).arg(m_controls.white, 0, 'f', 2));
    m_chokeValue->setText(m_controls.choke == 0.0 ? tr("off")
            : m_controls.choke > 0.0              ? tr("shrink %1 px").arg(m_controls.choke)
                                                  : tr("grow %1 px").arg(-m_controls.choke));
    m_featherValue->setText(m_controls.feather == 0.0 ? tr("off") : tr("%1 px").arg(m_controls.feather));
    m_smoothValue->setText(m_controls.smooth == 0.0 ? tr("off") : QString::number(m_controls.smooth, 'f', 2));
}

} // namespace passthrough::ui
