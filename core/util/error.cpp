#include "util/error.h"

#include <cerrno>

namespace passthrough {

ErrorKind errorKindForErrno(int error)
{
#ifdef EDQUOT
    if (error == EDQUOT) {
        return ErrorKind::DiskFull;
    }
#endif
    return error == ENOSPC ? ErrorKind::DiskFull : ErrorKind::Io;
}

} // namespace passthrough
