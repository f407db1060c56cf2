#include "media/medialog.h"

extern "C" {
#include <libavutil/log.h>
}

namespace passthrough {

void setMediaLibraryLogging(bool verbose)
{
    av_log_set_level(verbose ? AV_LOG_WARNING : AV_LOG_QUIET);
}

} // namespace passthrough
