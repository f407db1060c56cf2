#pragma once

#include "pipeline/jobcreation.h"

#include <QCommandLineParser>

namespace passthrough::cli {

// The options that describe a job, shared by `process` and `submit` (and what later commands
// take of them): -o, --preset-target, --quality, --packing, --segment-seconds, --warmup-seconds, --model,
// --device,
// --key-color, --refiner, --downsample, --encoder, --crf, --preset, --layout, --job-dir,
// --threads, and the matte controls (cli/matteoptions.h).
// `outputHelp` says what -o is (preview's is a PNG).
void addJobOptions(QCommandLineParser& parser,
    const QString& outputHelp = QStringLiteral("Output file, or an existing folder."));
inline constexpr const char* kJobOptionsUsage
    = "[--preset-target NAME [--quality fast|balanced|best]] [--packing NAME] [--segment-seconds S] "
      "[--warmup-seconds W]\n"
      "                [--model FILE] [--device auto|cpu|cuda] [--downsample auto|RATIO] [--encoder NAME]\n"
      "                [--crf N] [--preset NAME] [--refiner auto|fast] [--key-color RRGGBB] [--layout TAG]\n"
      "                [--range FROM-TO] [--job-dir DIR] [--threads N]\n"
      "                [--region remove|keep:SHAPE[:left|right|both][@FROM-TO]]...  (SHAPE: "
      "X0,Y0,X1,Y1, or TIME=X0,Y0,X1,Y1/TIME=...)\n"
      "                [--region-polygon remove|keep:SHAPE[:left|right|both][@FROM-TO]]...  (SHAPE: "
      "X,Y;X,Y;..., or TIME=X,Y;.../TIME=...)\n"
      "                [--levels BLACK,WHITE] [--choke PX] [--feather PX] [--smooth S] [--scene-cuts "
      "auto|off]\n"
      "                [--pov auto|off] [--keep-person X,Y@SECONDS[@FROM-TO]]... [--remove-person "
      "X,Y@SECONDS[@FROM-TO]]...\n"
      "                [--max-people N] [--outside-people keep|remove] [--person-size 256|384]\n"
      "                [--roi auto|off] [--person-model DIR]";

// The job the options describe, its settings checked; the model is not located yet (that may
// download it). Throws Error(Usage).
NewJobRequest readJobRequest(const QCommandLineParser& parser);

// --threads: LibTorch's CPU threads (0 = all cores). Throws Error(Usage).
int threadsOption(const QCommandLineParser& parser);

} // namespace passthrough::cli
