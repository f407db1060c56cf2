// Writes the state-dependent TorchScript test model (support/testmodels.h) to a file, so that
// tests can hand it to real passthrough-cli processes with --model.
#include "support/testmodels.h"

#include <cstdio>

int main(int argc, char* argv[])
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: make-test-model OUT.pt\n");
        return 1;
    }
    passthrough::makeRecurrentTestModel().save(argv[1]);
    return 0;
}
