// passthrough-studio: the desktop window. Everything it does goes through core/ via ui/.
#include "mainwindow.h"
#include "studiosettings.h"
#include "util/memory.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

int main(int argc, char* argv[])
{
    passthrough::configureAllocator(); // before any thread exists
    // Samples play through Qt Multimedia's FFmpeg backend: FFmpeg is already what decodes the
    // videos, and GStreamer's plugins may not be installed.
    if (qEnvironmentVariableIsEmpty("QT_MEDIA_BACKEND")) {
        qputenv("QT_MEDIA_BACKEND", "ffmpeg");
    }
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PassthroughStudio"));
    QApplication::setApplicationName(QStringLiteral("Passthrough Studio"));
    QApplication::setApplicationVersion(QStringLiteral(PTS_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/passthrough-studio.svg")));

    // The app's own strings (embedded) and Qt's (dialog buttons), in the user's language.
    QTranslator appTranslator;
    if (appTranslator.load(
            QLocale(), QStringLiteral("passthrough-studio"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QApplication::installTranslator(&appTranslator);
    }
    QTranslator qtTranslator;
    if (qtTranslator.load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QApplication::installTranslator(&qtTranslator);
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Turns stereo VR videos into passthrough videos."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("files"), QApplication::translate("main", "Videos to add."),
        QStringLiteral("[files...]"));
    parser.process(app);

    passthrough::ui::StudioSettings settings;
    passthrough::ui::MainWindow window(settings);
    window.addFiles(parser.positionalArguments());
    window.show();
    return QApplication::exec();
}
