#include "support/testmedia.h"

#include "media/ffmpegptr.h"
#include "media/framereader.h"
#include "media/mediainfo.h"
#include "support/testmodels.h"
#include "util/durablefile.h"

extern "C" {
#include <libavutil/pixdesc.h>
}

#include <QJsonDocument>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <nlohmann/json.hpp>
#include <torch/types.h>

#include <fstream>
#include <sys/mount.h>
#include <unistd.h>

namespace passthrough::test {

namespace {

// ctest sets these for every suite (tests/CMakeLists.txt). They are not compiled in, so that a
// clone in another folder compiles to the same objects and reuses the compiler cache.
std::filesystem::path pathFromEnvironment(const char* name)
{
    const QString value = qEnvironmentVariable(name);
    if (value.isEmpty()) {
        qFatal("%s is not set: run the suites through ctest (ctest --preset release), which sets it", name);
    }
    // Absolute and normalised, as the CLI names files in its messages and job files.
    return std::filesystem::absolute(value.toStdString()).lexically_normal();
}

} // namespace

std::filesystem::path sharedDir()
{
    return pathFromEnvironment("PTS_SHARED_DIR");
}

std::filesystem::path sourceDir()
{
    return pathFromEnvironment("PTS_SOURCE_DIR");
}

std::filesystem::path testsDir()
{
    return sourceDir() / "tests";
}

std::filesystem::path fixturesDir()
{
    return testsDir() / "fixtures";
}

std::filesystem::path sharedMedia(const std::string& relative)
{
    return sharedDir() / "media" / relative;
}

std::filesystem::path cliPath()
{
    return pathFromEnvironment("PTS_CLI");
}

void runFfmpeg(const QStringList& args)
{
    QProcess ffmpeg;
    ffmpeg.start(QStringLiteral("ffmpeg"),
        QStringList { QStringLiteral("-nostdin"), QStringLiteral("-hide_banner"), QStringLiteral("-loglevel"),
            QStringLiteral("error"), QStringLiteral("-y") }
            + args);
    if (!ffmpeg.waitForFinished(300000) || ffmpeg.exitCode() != 0) {
        QFAIL(
            qPrintable(QStringLiteral("ffmpeg failed: ") + QString::fromUtf8(ffmpeg.readAllStandardError())));
    }
}

std::filesystem::path makeClip(const std::filesystem::path& folder, const std::string& name, int width,
    int height, double seconds, bool audio, const QStringList& extraOutputOptions)
{
    const auto path = folder / name;
    const QString size = QString::number(width) + QLatin1Char('x') + QString::number(height);
    QStringList args { QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
        QStringLiteral("testsrc2=size=") + size + QStringLiteral(":rate=30") };
    if (audio) {
        args += { QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
            QStringLiteral("sine=frequency=440:sample_rate=48000") };
    }
    args += { QStringLiteral("-t"), QString::number(seconds), QStringLiteral("-c:v"),
        QStringLiteral("libx264"), QStringLiteral("-preset"), QStringLiteral("veryfast"),
        QStringLiteral("-g"), QStringLiteral("48"), QStringLiteral("-pix_fmt"), QStringLiteral("yuv420p") };
    if (audio) {
        args += { QStringLiteral("-c:a"), QStringLiteral("aac"), QStringLiteral("-ac"), QStringLiteral("2") };
    }
    args += extraOutputOptions;
    args += QString::fromStdString(path.string());
    runFfmpeg(args);
    return path;
}

std::filesystem::path writeTestModel(const std::filesystem::path& folder)
{
    const auto path = folder / "recurrent_test_model.pt";
    makeRecurrentTestModel().save(path.string());
    return path;
}

DecodedVideo::DecodedVideo() = default;
DecodedVideo::DecodedVideo(DecodedVideo&&) noexcept = default;
DecodedVideo& DecodedVideo::operator=(DecodedVideo&&) noexcept = default;
DecodedVideo::~DecodedVideo() = default;

DecodedVideo decodeVideo(const std::filesystem::path& path, bool keepLuma)
{
    const MediaInfo info = probeMedia(path.string(), std::nullopt, false);
    FrameReader reader(path.string(), info.videoStreamIndex);
    DecodedVideo video;
    while (true) {
        DecodedFrame f = reader.next();
        if (!f.frame) {
            break;
        }
        video.pts.push_back(f.pts);
        video.seconds.push_back(double(f.pts) * double(reader.timeBaseNum()) / reader.timeBaseDen());
        video.pixelFormat = av_get_pix_fmt_name(static_cast<AVPixelFormat>(f.frame->format));
        if (keepLuma) {
            const int bytes = f.frame->format == AV_PIX_FMT_YUV420P10LE ? 2 : 1;
            auto plane = torch::from_blob(f.frame->data[0], { f.frame->height, f.frame->linesize[0] / bytes },
                bytes == 2 ? torch::kInt16 : torch::kUInt8);
            video.luma.push_back(plane.narrow(1, 0, f.frame->width).to(torch::kFloat32).clone());
        }
    }
    return video;
}

double audioDurationSeconds(const std::filesystem::path& path)
{
    ff::InputFormatContextPtr fmt = ff::openInput(path.string());
    const int index = av_find_best_stream(fmt.get(), AVMEDIA_TYPE_AUDIO, -1, -1, nullptr, 0);
    if (index < 0) {
        return -1.0;
    }
    ff::PacketPtr packet = ff::makePacket();
    std::int64_t first = AV_NOPTS_VALUE;
    std::int64_t end = 0;
    while (av_read_frame(fmt.get(), packet.get()) >= 0) {
        if (packet->stream_index == index && packet->pts != AV_NOPTS_VALUE) {
            first = first == AV_NOPTS_VALUE ? packet->pts : std::min(first, packet->pts);
            end = std::max(end, packet->pts + packet->duration);
        }
        av_packet_unref(packet.get());
    }
    return double(end - first) * av_q2d(fmt->streams[index]->time_base);
}

ProcessResult runCli(const QStringList& args, int timeoutMs, const QString& workingDirectory)
{
    QProcess cli;
    if (!workingDirectory.isEmpty()) {
        cli.setWorkingDirectory(workingDirectory);
    }
    cli.start(QString::fromStdString(cliPath().string()), args);
    ProcessResult result;
    if (!cli.waitForFinished(timeoutMs)) {
        cli.kill();
        cli.waitForFinished();
        result.err = QStringLiteral("timed out");
        return result;
    }
    result.exitCode = cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1;
    result.out = QString::fromUtf8(cli.readAllStandardOutput());
    result.err = QString::fromUtf8(cli.readAllStandardError());
    return result;
}

QJsonObject ffprobe(const std::filesystem::path& path)
{
    QProcess probe;
    probe.start(QStringLiteral("ffprobe"),
        { QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-print_format"),
            QStringLiteral("json"), QStringLiteral("-show_streams"), QStringLiteral("-show_chapters"),
            QStringLiteral("-show_format"), QString::fromStdString(path.string()) });
    if (!probe.waitForFinished(60000) || probe.exitCode() != 0) {
        qWarning("ffprobe %s failed: %s", path.c_str(), probe.readAllStandardError().constData());
        return {};
    }
    return QJsonDocument::fromJson(probe.readAllStandardOutput()).object();
}

void editJobFile(
    const std::filesystem::path& jobFile, const std::string& pointer, const std::string& jsonValue)
{
    nlohmann::json job = nlohmann::json::parse(readWholeFile(jobFile));
    job[nlohmann::json::json_pointer(pointer)] = nlohmann::json::parse(jsonValue);
    std::ofstream(jobFile, std::ios::trunc) << job.dump(2);
}

void makeScaledCopy(
    const std::filesystem::path& source, const std::filesystem::path& output, int width, int height)
{
    runFfmpeg({ QStringLiteral("-i"), QString::fromStdString(source.string()), QStringLiteral("-vf"),
        QStringLiteral("scale=%1:%2").arg(width).arg(height), QStringLiteral("-c:v"),
        QStringLiteral("libx264"), QStringLiteral("-preset"), QStringLiteral("ultrafast"),
        QStringLiteral("-c:a"), QStringLiteral("copy"), QString::fromStdString(output.string()) });
}

void makeTwoPeopleClip(const std::filesystem::path& output, PovBody povBody)
{
    const auto p3m = sharedMedia("truth/sources");
    const auto q = [](const std::filesystem::path& p) { return QString::fromStdString(p.string()); };
    // %1: the pad person A comes from (the POV body is cut from the same picture).
    const QString people = QStringLiteral("[0]scale=640:360,fps=10[bg];%1scale=-2:300[a];"
                                          "[2]crop=1200:1080:0:0,scale=-2:280[b];[bg][a]overlay=30:50[ab];"
                                          "[ab][b]overlay=320:80");
    QString graph = people.arg(QStringLiteral("[1]")) + QStringLiteral(",format=yuv420p");
    if (povBody == PovBody::Upright) {
        graph = QStringLiteral("[1]split[a1][p1];[p1]crop=1080:794:0:760,scale=320:-2[p];")
            + people.arg(QStringLiteral("[a1]"))
            + QStringLiteral("[abp];[abp][p]overlay=x=160:y=360-min(1\\,t)*200:eval=frame,format=yuv420p");
    } else if (povBody == PovBody::FromBelow) {
        graph = QStringLiteral("[1]split[a1][p1];[p1]crop=800:774:200:780,hflip,vflip,format=rgba,"
                               "pad=iw+80:ih+40:40:40:color=black@0,perspective=x0=W*0.3:y0=0:x1=W*0.7:"
                               "y1=0:x2=0:y2=H:x3=W:y3=H:sense=destination:eval=init,scale=520:190[p];")
            + people.arg(QStringLiteral("[a1]"))
            + QStringLiteral("[abp];[abp][p]overlay=x=(W-w)/2:y=H-min(1\\,t)*h:eval=frame,format=yuv420p");
    }
    runFfmpeg({ QStringLiteral("-v"), QStringLiteral("error"), QStringLiteral("-t"), QStringLiteral("2"),
        QStringLiteral("-i"), q(sharedMedia("truth/office_pan_p3m-bd6af989_1280x720_background.mp4")),
        QStringLiteral("-loop"), QStringLiteral("1"), QStringLiteral("-i"),
        q(p3m / "p3m_bd6af989_color_rgba.png"), QStringLiteral("-loop"), QStringLiteral("1"),
        QStringLiteral("-i"), q(p3m / "p3m_09ba26b4_color_rgba.png"), QStringLiteral("-filter_complex"),
        graph, QStringLiteral("-t"), QStringLiteral("2"), QStringLiteral("-an"), QStringLiteral("-c:v"),
        QStringLiteral("libx264"), QStringLiteral("-crf"), QStringLiteral("18"), q(output) });
}

QString serveFolder(QProcess& server, const QString& folder)
{
    server.setProcessChannelMode(QProcess::MergedChannels);
    server.start(QStringLiteral("python3"),
        { QStringLiteral("-u"), QStringLiteral("-m"), QStringLiteral("http.server"), QStringLiteral("0"),
            QStringLiteral("--bind"), QStringLiteral("127.0.0.1"), QStringLiteral("--directory"), folder });
    if (!server.waitForStarted()) {
        return {};
    }
    // The server names its port in its first line ("Serving HTTP on 127.0.0.1 port N ...").
    const QRegularExpression port(QStringLiteral("port (\\d+)"));
    QString banner;
    for (int i = 0; i < 100 && !port.match(banner).hasMatch(); ++i) {
        server.waitForReadyRead(100);
        banner += QString::fromUtf8(server.readAll());
    }
    const auto found = port.match(banner);
    return found.hasMatch() ? QStringLiteral("http://127.0.0.1:") + found.captured(1) + QLatin1Char('/')
                            : QString();
}

SmallDisk::SmallDisk(std::filesystem::path at, const char* size)
    : m_at(std::move(at))
{
    std::filesystem::create_directories(m_at);
    m_mounted = ::geteuid() == 0
        && ::mount("tmpfs", m_at.c_str(), "tmpfs", 0, (std::string("size=") + size).c_str()) == 0;
}

SmallDisk::~SmallDisk()
{
    if (m_mounted) {
        ::umount2(m_at.c_str(), MNT_DETACH);
    }
}

bool SmallDisk::resize(const char* size)
{
    return m_mounted
        && ::mount("tmpfs", m_at.c_str(), "tmpfs", MS_REMOUNT, (std::string("size=") + size).c_str()) == 0;
}

} // namespace passthrough::test
