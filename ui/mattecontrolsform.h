#pragma once

#include "matting/mattecontrols.h"

#include <QWidget>

class QCheckBox;
class QSpinBox;
class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;
class QSlider;

namespace passthrough::ui {

// Who stays in the matte and how its edge looks: the job's regions (drawn on the preview's
// source view, or the "POV body" preset), levels, choke/grow, feather, temporal smoothing and
// scene cuts; by person: the POV body, people picked on the preview, the N largest. Emits `edited` after
// every change the user makes; setting values from code does not.
class MatteControlsForm : public QWidget {
    Q_OBJECT

public:
    explicit MatteControlsForm(QWidget* parent = nullptr);

    void setControls(const MatteControls& controls);
    [[nodiscard]] MatteControls controls() const { return m_controls; }
    // What a region drawn on the preview does: remove or keep.
    [[nodiscard]] MatteRegion::Action drawAction() const;

    void addRegion(const MatteRegion& region);
    void replaceRegion(int index, const MatteRegion& region);
    void removeRegion(int index);
    // The region selected in the list (or on the preview), -1 for none.
    [[nodiscard]] int selectedRegion() const;
    void selectRegion(int index);

    // A person chosen on the preview (keep only them, or remove them); listed until forgotten.
    void addPersonPick(const PersonPick& pick);
    void removePersonPick(int index);
    // When a region or a pick holds (the timeline's handles).
    void setRegionSpan(int index, const TimeSpan& span);
    void setPickSpan(int index, const TimeSpan& span);
    // Where the person model stands (being downloaded, failed), shown under the person choices.
    void setPersonModelStatus(const QString& text);

    // The lower part of both eyes, where a POV performer's body is: removed.
    static MatteRegion povBodyRegion();

Q_SIGNALS:
    void edited();
    void regionSelected(int index);

private:
    void refreshRegions();
    void refreshPicks();
    void readSliders();
    void showValues();

    MatteControls m_controls;
    bool m_loading = false;
    QListWidget* m_regions;
    QComboBox* m_drawAction;
    QPushButton* m_povBody;
    QPushButton* m_delete;
    QSlider* m_black;
    QSlider* m_white;
    QSlider* m_choke;
    QSlider* m_feather;
    QSlider* m_smooth;
    QLabel* m_levelsValue;
    QLabel* m_chokeValue;
    QLabel* m_featherValue;
    QLabel* m_smoothValue;
    QCheckBox* m_sceneCuts;
    QCheckBox* m_povAuto; // person model: the camera wearer's body
    QSpinBox* m_maxPeople;
    QCheckBox* m_removeOutside;
    QCheckBox* m_smallPeople; // the person model at its larger input size
    QCheckBox* m_sharpenSmall; // person model: --roi auto
    QListWidget* m_picks;
    QPushButton* m_forgetPick;
    QLabel* m_personModelStatus;
};

} // namespace passthrough::ui
