#include "peopleoverlay.h"

#include <QCoreApplication>
#include <QPainter>

#include <algorithm>
#include <utility>

namespace passthrough::ui {
namespace {

using person::Keypoint;

// The limbs drawn between COCO keypoints.
constexpr std::pair<Keypoint, Keypoint> kBones[] = {
    { Keypoint::Nose, Keypoint::LeftEye },
    { Keypoint::Nose, Keypoint::RightEye },
    { Keypoint::LeftEye, Keypoint::LeftEar },
    { Keypoint::RightEye, Keypoint::RightEar },
    { Keypoint::LeftShoulder, Keypoint::RightShoulder },
    { Keypoint::LeftShoulder, Keypoint::LeftElbow },
    { Keypoint::LeftElbow, Keypoint::LeftWrist },
    { Keypoint::RightShoulder, Keypoint::RightElbow },
    { Keypoint::RightElbow, Keypoint::RightWrist },
    { Keypoint::LeftShoulder, Keypoint::LeftHip },
    { Keypoint::RightShoulder, Keypoint::RightHip },
    { Keypoint::LeftHip, Keypoint::RightHip },
    { Keypoint::LeftHip, Keypoint::LeftKnee },
    { Keypoint::LeftKnee, Keypoint::LeftAnkle },
    { Keypoint::RightHip, Keypoint::RightKnee },
    { Keypoint::RightKnee, Keypoint::RightAnkle },
};

// Keypoints below this score are guesses; a skeleton drawn through them misleads.
constexpr float kShownKeypointScore = 0.3F;

QPointF torsoOrBoxCentre(const person::Pose& pose)
{
    const person::PosePoint& shoulder = pose.keypoints[person::LeftShoulder];
    const person::PosePoint& hip = pose.keypoints[person::RightHip];
    if (shoulder.score >= kShownKeypointScore && hip.score >= kShownKeypointScore) {
        return { (shoulder.x + hip.x) / 2.0, (shoulder.y + hip.y) / 2.0 };
    }
    return { (pose.left + pose.right) / 2.0, (pose.top + pose.bottom) / 2.0 };
}

} // namespace

void paintPeople(QPainter& painter, const std::vector<PreviewPerson>& people, const EyeToWidget& toWidget)
{
    painter.save();
    for (const PreviewPerson& p : people) {
        if (p.roiCrop) {
            // Where small people are matted again at a higher resolution: a dotted square, said in
            // words, so that the user sees who gets the extra detail before rendering.
            const QColor blue(90, 170, 255);
            painter.setBrush(Qt::NoBrush);
            painter.setPen(QPen(blue, 1.5, Qt::DotLine));
            const QRectF square = QRectF(toWidget(p.eye, QPointF(p.pose.left, p.pose.top)),
                toWidget(p.eye, QPointF(p.pose.right, p.pose.bottom)))
                                      .normalized();
            painter.drawRect(square);
            painter.drawText(square.bottomLeft() + QPointF(3.0, -4.0),
                QCoreApplication::translate("PeopleOverlay", "sharpened"));
            continue;
        }
        const QColor colour = p.removed ? QColor(235, 70, 70) : QColor(70, 220, 110);
        const person::Pose& pose = p.pose;
        painter.setBrush(Qt::NoBrush);
        painter.setPen(QPen(colour, 2.0, p.removed ? Qt::DashLine : Qt::SolidLine));
        painter.drawRect(QRectF(
            toWidget(p.eye, QPointF(pose.left, pose.top)), toWidget(p.eye, QPointF(pose.right, pose.bottom)))
                             .normalized());
        if (p.povBody) {
            // Said in words, so that a user sees before rendering that this is their own body
            // going, not somebody else.
            const QPointF corner = toWidget(p.eye, QPointF(pose.left, pose.top));
            painter.setPen(colour);
            painter.drawText(
                corner + QPointF(4.0, 14.0), QCoreApplication::translate("PeopleOverlay", "your body (POV)"));
        }
        painter.setPen(QPen(colour, 2.0));
        for (const auto& [from, to] : kBones) {
            const person::PosePoint& a = pose.keypoints[std::size_t(from)];
            const person::PosePoint& b = pose.keypoints[std::size_t(to)];
            if (a.score >= kShownKeypointScore && b.score >= kShownKeypointScore) {
                painter.drawLine(toWidget(p.eye, QPointF(a.x, a.y)), toWidget(p.eye, QPointF(b.x, b.y)));
            }
        }
        painter.setBrush(colour);
        for (const person::PosePoint& k : pose.keypoints) {
            if (k.score >= kShownKeypointScore) {
                painter.drawEllipse(toWidget(p.eye, QPointF(k.x, k.y)), 2.5, 2.5);
            }
        }
    }
    painter.restore();
}

int personAt(const std::vector<PreviewPerson>& people, int eye, QPointF eyePoint)
{
    int found = -1;
    double smallest = 0;
    for (std::size_t i = 0; i < people.size(); ++i) {
        const person::Pose& pose = people[i].pose;
        if (people[i].eye != eye || people[i].roiCrop || eyePoint.x() < pose.left || eyePoint.x() > pose.right
            || eyePoint.y() < pose.top || eyePoint.y() > pose.bottom) {
            continue;
        }
        const double area = double(pose.right - pose.left) * double(pose.bottom - pose.top);
        if (found < 0 || area < smallest) {
            found = int(i);
            smallest = area;
        }
    }
    return found;
}

PersonPick pickOf(const std::vector<PreviewPerson>& people, int index, int eye, QPointF eyePoint,
    double seconds, PersonPick::Action action)
{
    PersonPick pick;
    pick.action = action;
    pick.seconds = seconds;
    pick.x = std::clamp(eyePoint.x(), 0.0, 1.0);
    pick.y = std::clamp(eyePoint.y(), 0.0, 1.0);
    if (eye == 0 || index < 0 || index >= int(people.size())) {
        return pick;
    }
    const int track = people[std::size_t(index)].track;
    for (const PreviewPerson& p : people) {
        if (p.eye == 0 && track >= 0 && p.track == track) {
            const QPointF centre = torsoOrBoxCentre(p.pose);
            pick.x = centre.x();
            pick.y = centre.y();
            break;
        }
    }
    return pick;
}

} // namespace passthrough::ui
