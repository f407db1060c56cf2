#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

// Declared only: the suites that hold no tensor compile without LibTorch's headers, which are
// most of what they would cost.
namespace at {
class Tensor;
}

namespace passthrough::test {

// A path as Qt's widgets and processes take it.
inline QString str(const std::filesystem::path& path)
{
    return QString::fromStdString(path.string());
}

// Where the suites find things, from the environment ctest gives them (tests/CMakeLists.txt).
std::filesystem::path sharedDir(); // ../shared: media and models
std::filesystem::path sharedMedia(const std::string& relative); // ../shared/media/<relative>
std::filesystem::path sourceDir(); // the project's source tree
std::filesystem::path testsDir(); // tests/
std::filesystem::path fixturesDir(); // tests/fixtures/
std::filesystem::path cliPath(); // the passthrough-cli built beside the suites

// Runs the real ffmpeg program (generating test media); fails the test on a non-zero exit.
void runFfmpeg(const QStringList& args);

// Generates a side-by-side test clip: moving test pattern, `seconds` long, with a stereo AAC
// tone unless `audio` is false. `extra` is appended to the output options.
std::filesystem::path makeClip(const std::filesystem::path& folder, const std::string& name, int width,
    int height, double seconds, bool audio = true, const QStringList& extraOutputOptions = {});

// A copy of a real clip at width x height (libx264 ultrafast, its audio copied): the shared
// footage at a size the suites, and the sanitizer tree above all, run quickly.
void makeScaledCopy(
    const std::filesystem::path& source, const std::filesystem::path& output, int width, int height);

// A 2 s, 10 frames/s, 640x360 mono clip of two people standing apart (the two P3M cut-outs
// over the shared office background): person A on the left (x 30..238), B on the right.
// `povBody`: A's own torso and arms from below the chin (320 wide) also rise from the bottom
// middle over the first second, in front of both: Upright as they stand, FromBelow as a camera at
// the wearer's eyes sees their own body (turned upside down and foreshortened: the chest at the
// bottom, the legs and hands reaching up), bench/pov-truth.sh's geometry.
enum class PovBody { None, Upright, FromBelow };
void makeTwoPeopleClip(const std::filesystem::path& output, PovBody povBody = PovBody::None);

// Writes the state-dependent TorchScript test model and returns its path.
std::filesystem::path writeTestModel(const std::filesystem::path& folder);

struct DecodedVideo {
    // Out of line, where at::Tensor is complete.
    DecodedVideo();
    DecodedVideo(DecodedVideo&&) noexcept;
    DecodedVideo& operator=(DecodedVideo&&) noexcept;
    ~DecodedVideo();

    std::vector<std::int64_t> pts; // decoded frames, in display order
    std::vector<double> seconds;
    std::vector<at::Tensor> luma; // H x W float32, in code values of the stream's bit depth
    std::string pixelFormat;
};
// Decodes every frame of a video file (optionally keeping the luma planes).
DecodedVideo decodeVideo(const std::filesystem::path& path, bool keepLuma = false);

// Duration of the first audio stream (last packet end - first packet start), or -1 if none.
double audioDurationSeconds(const std::filesystem::path& path);

struct ProcessResult {
    int exitCode = -1;
    QString out;
    QString err;
};
// Runs passthrough-cli with `args` and waits for it; `workingDirectory` empty = the test's own.
ProcessResult runCli(const QStringList& args, int timeoutMs = 600000, const QString& workingDirectory = {});

// A real small file system: a tmpfs of `size` ("2m", "1200k") mounted at `at` (created) until
// destroyed. Needs root, as CI runs; mounted() says whether it worked.
class SmallDisk {
public:
    SmallDisk(std::filesystem::path at, const char* size);
    ~SmallDisk();
    SmallDisk(const SmallDisk&) = delete;
    SmallDisk& operator=(const SmallDisk&) = delete;
    [[nodiscard]] bool mounted() const { return m_mounted; }
    bool resize(const char* size); // remounted larger or smaller, contents kept

private:
    std::filesystem::path m_at;
    bool m_mounted = false;
};

// Serves `folder` over HTTP on a free port of 127.0.0.1 (python3 -m http.server, started in
// `server`, which the caller kills) and returns its base URL ending in '/', or empty on failure.
QString serveFolder(QProcess& server, const QString& folder);

// ffprobe's view of a file (-show_streams -show_chapters -show_format) as JSON.
QJsonObject ffprobe(const std::filesystem::path& path);

// Replaces the value at a JSON pointer (e.g. "/segments/3/status") in a job.json, as a person
// or another program editing the file would.
void editJobFile(
    const std::filesystem::path& jobFile, const std::string& pointer, const std::string& jsonValue);

} // namespace passthrough::test
