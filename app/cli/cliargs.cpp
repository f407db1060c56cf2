#include "cli/cliargs.h"

#include "cli/exitcodes.h"
#include "media/hwdecode.h"

#include <cstdio>

namespace passthrough::cli {

std::string text(const QString& s)
{
    return s.toStdString();
}

bool parse(QCommandLineParser& parser, const QStringList& args, int positionals, const char* usage)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    if (!parser.parse(args)) {
        std::fprintf(stderr, "passthrough-cli: %s\nusage: %s\n", text(parser.errorText()).c_str(), usage);
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::printf("usage: %s\n\n%s", usage, text(parser.helpText()).c_str());
        return false;
    }
    if (parser.positionalArguments().size() != positionals + 1) {
        std::fprintf(stderr, "passthrough-cli: wrong number of arguments\nusage: %s\n", usage);
        return false;
    }
    return true;
}

int helpOrUsage(const QCommandLineParser& parser)
{
    return parser.isSet(QStringLiteral("help")) ? kDone : kUsage;
}

int reportError(const Error& e)
{
    std::fprintf(stderr, "passthrough-cli: %s\n", e.what());
    return exitCodeFor(e.kind());
}

std::atomic<bool>& interruptFlag()
{
    static std::atomic<bool> interrupted { false };
    return interrupted;
}

void takeHardwareDecodingOption(QStringList& args)
{
    for (qsizetype i = 2; i < args.size();) {
        const QString& arg = args.at(i);
        if (arg == QStringLiteral("--hwdec")) {
            if (i + 1 >= args.size()) {
                throw Error(ErrorKind::Usage,
                    "--hwdec needs a value: auto, none or a device type (cuda, vaapi, ...)");
            }
            setHardwareDecoding(text(args.at(i + 1)));
            args.remove(i, 2);
        } else if (arg.startsWith(QStringLiteral("--hwdec="))) {
            setHardwareDecoding(text(arg.mid(8)));
            args.remove(i);
        } else {
            ++i;
        }
    }
}

} // namespace passthrough::cli
