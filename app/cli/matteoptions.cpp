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
                           "or :right. Repeatable."),
            QStringLiteral("remove|keep:X0,Y0,X1,Y1[:EYE]") },
        { QStringLiteral("region-polygon"),
            QStringLiteral("The same for a polygon of three or more vertices. Repeatable."),
            QStringLiteral("remove|keep:X,Y;X,Y;...[:EYE]") },
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
    validateMatteControls(controls);
    return controls;
}

} // namespace passthrough::cli
