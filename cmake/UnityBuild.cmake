# Unity builds: each target's sources are compiled in batches of six, one compiler run per batch,
# so LibTorch's headers are parsed once per batch instead of once per file. Parsing
# <torch/types.h>, which about thirty sources of core/ need, takes 9 s and 0.5 GB of a file's
# 10-20 s on a 2-core machine. Measured here from an empty compiler cache, the command-line tool
# (core and app/cli): 357 s file by file, 149 s in batches of six.
#
# The cost: an edit recompiles its whole batch (about 40 s instead of 20 s for a source of core/),
# and sources may not reuse a name at file scope, anonymous namespaces included, since a batch is
# one translation unit. The `dev` preset turns it off for edit-compile cycles; CI builds batched,
# so a clash fails there.
#
# A precompiled LibTorch header was used before where no compiler cache was: with batches it no
# longer paid (a file loading the 650 MB header took 5-6 s, as long as parsing the lighter
# <torch/types.h> that most sources include now), so it is gone.
# Only the libraries and the CLI are batched (pts_unity_build): a suite, a benchmark or a fuzz
# target is one source or nearly, and a batch names its sources by absolute path, so a suite's
# QVERIFY and QCOMPARE (which expand __FILE__) would differ between two clones and miss the
# compiler cache. Release builds of core compile no __FILE__ of their own.
option(PTS_UNITY_BUILD "Compile the libraries' sources in batches (LibTorch's headers parsed once per batch)" ON)

# pts_unity_build(TARGET...): the targets' sources compiled in batches of six.
function(pts_unity_build)
    if(PTS_UNITY_BUILD)
        set_target_properties(${ARGN} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 6)
    endif()
endfunction()
