#include "cli/matteoptions.h"

#include "cli/cliargs.h"
#include "util/error.h"

namespace passthrough::cli {
namespace {

double pixels(const QCommandLineParser& parser, const QString& name)
{
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok) {
        throw Error(ErrorKind::Usage,
            "--" + name.toStdString() + " takes a number, not '" + parser.value(name).toStdString() + "'");
    }
    return value;
}

} // namespace

void addMatteOptions(QCommandLineParser& parser)
{
    parser.addOptions({
        { QStringLiteral("region"),
            QStringLiteral("Remove a rectangle from the matte, or keep only what is inside keep rectangles; "
                           "corners normalised to the eye (0..1, origin top-left), both eyes unless :left "
                           "or :right, the whole video unless @FROM-TO (seconds or hh:mm:ss[.ms]; either "
                           "side may be left out). A moving region gives key shapes instead of one shape, "
                           "TIME=X0,Y0,X1,Y1/TIME=X0,Y0,X1,Y1/..., and is interpolated between them. "
                           "Repeatable."),
            QStringLiteral("remove|keep:X0,Y0,X1,Y1[:EYE][@FROM-TO]") },
        { QStringLiteral("region-polygon"),
            QStringLiteral(
                "The same for a polygon of three or more vertices (key shapes of a moving polygon: "
                "TIME=X,Y;X,Y;.../TIME=..., the same number of vertices each). Repeatable."),
            QStringLiteral("remove|keep:X,Y;X,Y;...[:EYE][@FROM-TO]") },
        { QStringLiteral("levels"),
            QStringLiteral("Black and white points of the matte, 0..1 (default 0,1)."),
            QStringLiteral("BLACK,WHITE"), QStringLiteral("0,1") },
        { QStringLiteral("choke"),
            QStringLiteral("Shrink the matte by PX eye pixels; negative grows it (default 0)."),
            QStringLiteral("PX"), QStringLiteral("0") },
        { QStringLiteral("feather"),
            QStringLiteral("Soften the matte's edge over PX eye pixels (default 0)."), QStringLiteral("PX"),
            QStringLiteral("0") },
        { QStringLiteral("smooth"),
            QStringLiteral("Calm flicker between frames, 0..1 (default 0); motion is never held back."),
            QStringLiteral("S"), QStringLiteral("0") },
        { QStringLiteral("scene-cuts"),
            QStringLiteral("auto: a hard cut starts the model's memory afresh (default); off."),
            QStringLiteral("auto|off"), QStringLiteral("auto") },
        { QStringLiteral("pov"),
            QStringLiteral("auto: remove the camera wearer's own body where the person model recognises it "
                           "(no head seen, touching the bottom of the eye); off (default)."),
            QStringLiteral("auto|off"), QStringLiteral("off") },
        { QStringLiteral("keep-person"),
            QStringLiteral("Keep only the person under X,Y (left eye, 0..1) at SECONDS, in every frame where "
                           "they are recognised (only from FROM to TO with @FROM-TO); people never "
                           "recognised with confidence stay. Repeatable."),
            QStringLiteral("X,Y@SECONDS[@FROM-TO]") },
        { QStringLiteral("remove-person"),
            QStringLiteral("Remove the person under X,Y (left eye, 0..1) at SECONDS wherever they are "
                           "recognised (only from FROM to TO with @FROM-TO). Repeatable."),
            QStringLiteral("X,Y@SECONDS[@FROM-TO]") },
        { QStringLiteral("max-people"),
            QStringLiteral("Keep the N largest people in each frame (1-6; default 0, no limit)."),
            QStringLiteral("N"), QStringLiteral("0") },
        { QStringLiteral("outside-people"),
            QStringLiteral("remove: also take out the matte no person explains (objects, someone the person "
                           "model does not find) in each eye where a person stays; keep (default)."),
            QStringLiteral("keep|remove"), QStringLiteral("keep") },
        { QStringLiteral("roi"),
            QStringLiteral(
                "auto: sharpen small and far people: each person the person model finds who is small "
                "at the matting ratio is matted again in a crop around them, in both eyes; off "
                "(default)."),
            QStringLiteral("auto|off"), QStringLiteral("off") },
        { QStringLiteral("person-size"),
            QStringLiteral("The long side each eye is shrunk to for the person model: 256 (default) or 384, "
                           "which also finds small and far people (fisheye edges, crowds), 1.7x slower."),
            QStringLiteral("PX"), QStringLiteral("256") },
        { QStringLiteral("person-model"),
            QStringLiteral("The person model's folder (movenet-multipose.json and .bin; default: the cached "
                           "download, fetched on first use)."),
            QStringLiteral("DIR") },
    });
}

MatteControls readMatteOptions(const QCommandLineParser& parser)
{
    MatteControls controls;
    for (const QString& value : parser.values(QStringLiteral("region"))) {
        controls.regions.push_back(parseRectangleRegion(text(value)));
    }
    for (const QString& value : parser.values(QStringLiteral("region-polygon"))) {
        controls.regions.push_back(parsePolygonRegion(text(value)));
    }
    std::tie(controls.black, controls.white) = parseLevels(text(parser.value(QStringLiteral("levels"))));
    controls.choke = pixels(parser, QStringLiteral("choke"));
    controls.feather = pixels(parser, QStringLiteral("feather"));
    controls.smooth = pixels(parser, QStringLiteral("smooth"));
    const QString cuts = parser.value(QStringLiteral("scene-cuts"));
    if (cuts != QLatin1String("auto") && cuts != QLatin1String("off")) {
        throw Error(ErrorKind::Usage, "--scene-cuts takes auto or off, not '" + cuts.toStdString() + "'");
    }
    controls.sceneCuts = cuts == QLatin1String("auto");
    const QString pov = parser.value(QStringLiteral("pov"));
    if (pov != QLatin1String("auto") && pov != QLatin1String("off")) {
        throw Error(ErrorKind::Usage, "--pov takes auto or off, not '" + pov.toStdString() + "'");
    }
    controls.people.povAuto = pov == QLatin1String("auto");
    const QString outside = parser.value(QStringLiteral("outside-people"));
    if (outside != QLatin1String("keep") && outside != QLatin1String("remove")) {
        throw Error(
            ErrorKind::Usage, "--outside-people takes keep or remove, not '" + outside.toStdString() + "'");
    }
    controls.people.removeOutside = outside == QLatin1String("remove");
    const QString roi = parser.value(QStringLiteral("roi"));
    if (roi != QLatin1String("auto") && roi != QLatin1String("off")) {
        throw Error(ErrorKind::Usage, "--roi takes auto or off, not '" + roi.toStdString() + "'");
    }
    controls.people.roiAuto = roi == QLatin1String("auto");
    for (const QString& value : parser.values(QStringLiteral("keep-person"))) {
        controls.people.picks.push_back(parsePersonPick(text(value), PersonPick::Action::Keep));
    }
    for (const QString& value : parser.values(QStringLiteral("remove-person"))) {
        controls.people.picks.push_back(parsePersonPick(text(value), PersonPick::Action::Remove));
    }
    bool ok = false;
    controls.people.maxPeople = parser.value(QStringLiteral("max-people")).toInt(&ok);
    if (!ok) {
        throw Error(ErrorKind::Usage,
            "--max-people takes a whole number, not '"
                + parser.value(QStringLiteral("max-people")).toStdString() + "'");
    }
    controls.people.detectionSize = parser.value(QStringLiteral("person-size")).toInt(&ok);
    if (!ok) {
        throw Error(ErrorKind::Usage,
            "--person-size takes 256 or 384, not '"
                + parser.value(QStringLiteral("person-size")).toStdString() + "'");
    }
    validateMatteControls(controls);
    return controls;
}

} // namespace passthrough::cli
