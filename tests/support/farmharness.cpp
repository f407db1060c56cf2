#include "support/farmharness.h"

#include "support/testmedia.h"
#include "util/durablefile.h"

#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <csignal>
#include <fstream>
#include <set>
#include <unistd.h>

namespace passthrough::test {
namespace {

constexpr const char* kPassword = "farm-test-secret";

int freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::Any, 0);
    return probe.serverPort();
}

// Namespace and interface names stay short (interface names: 15 characters at most) and
// unique to this test process.
std::string shortTag()
{
    return std::to_string(::getpid() % 100000);
}

// The tags of the farm test processes running now (a tag is a pid modulo 100000).
std::set<QString> liveTags()
{
    std::set<QString> tags;
    for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
        const std::string name = entry.path().filename().string();
        if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) {
            continue;
        }
        std::ifstream comm(entry.path() / "comm");
        std::string command;
        if (std::getline(comm, command) && command == "tst_farm") {
            tags.insert(QString::number(std::stoll(name) % 100000));
        }
    }
    return tags;
}

QStringList ipOutput(const QStringList& arguments)
{
    QProcess ip;
    ip.start(QStringLiteral("ip"), arguments);
    ip.waitForFinished(10000);
    return QString::fromUtf8(ip.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

} // namespace

bool runIp(const QStringList& arguments)
{
    QProcess ip;
    ip.start(QStringLiteral("ip"), arguments);
    ip.waitForFinished(10000);
    if (ip.exitCode() != 0) {
        qWarning(
            "ip %s: %s", qPrintable(arguments.join(QLatin1Char(' '))), ip.readAllStandardError().constData());
    }
    return ip.exitStatus() == QProcess::NormalExit && ip.exitCode() == 0;
}

// A farm test killed mid-run (kill -9, a CI time-out) leaves its namespaces and veth pairs
// behind, and their host ends keep 10.231.<n>.1: the next run's broker address would then exist
// twice and its workers would reach the wrong end. Those of farm tests no longer running go first.
void removeStaleFarmHosts()
{
    static bool done = false;
    if (done) {
        return;
    }
    done = true;
    const std::set<QString> live = liveTags();
    static const QRegularExpression hostLink(QStringLiteral("^\\d+: (pt(\\d+)h\\d+)[@:]"));
    for (const QString& line :
        ipOutput({ QStringLiteral("-o"), QStringLiteral("link"), QStringLiteral("show") })) {
        const QRegularExpressionMatch m = hostLink.match(line);
        if (m.hasMatch() && !live.count(m.captured(2))) {
            runIp({ QStringLiteral("link"), QStringLiteral("del"), m.captured(1) });
        }
    }
    static const QRegularExpression farmNamespace(QStringLiteral("^(ptfarm(\\d+)n\\d+)"));
    for (const QString& line : ipOutput({ QStringLiteral("netns"), QStringLiteral("list") })) {
        const QRegularExpressionMatch m = farmNamespace.match(line);
        if (m.hasMatch() && !live.count(m.captured(2))) {
            runIp({ QStringLiteral("netns"), QStringLiteral("del"), m.captured(1) });
        }
    }
}

NatsServer::NatsServer(std::filesystem::path folder)
    : m_folder(std::move(folder))
    , m_port(freePort())
{
    std::filesystem::create_directories(m_folder / "store");
    std::string config = readWholeFile(sourceDir() / "packaging/farm/nats-server.conf");
    auto replace = [&](const std::string& from, const std::string& to) {
        const auto at = config.find(from);
        QVERIFY2(at != std::string::npos, from.c_str());
        config.replace(at, from.size(), to);
    };
    replace("listen: 0.0.0.0:4222", "listen: 0.0.0.0:" + std::to_string(m_port));
    replace("/var/lib/passthrough-broker", (m_folder / "store").string());
    replace("change-me", kPassword);
    std::ofstream(m_folder / "nats-server.conf") << config;
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.setStandardOutputFile(
        QString::fromStdString((m_folder / "nats.log").string()), QIODevice::Append);
}

NatsServer::~NatsServer()
{
    kill();
}

std::filesystem::path NatsServer::enableTls()
{
    const auto ca = m_folder / "ca.pem";
    const auto caKey = m_folder / "ca-key.pem";
    const auto cert = m_folder / "server.pem";
    const auto key = m_folder / "server-key.pem";
    const auto request = m_folder / "server.csr";
    const auto extensions = m_folder / "san.ext";
    std::ofstream(extensions) << "subjectAltName=IP:127.0.0.1\n";
    auto openssl = [](const QStringList& args) {
        QProcess p;
        p.start(QStringLiteral("openssl"), args);
        p.waitForFinished(60000);
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    };
    auto s = [](const std::filesystem::path& path) { return QString::fromStdString(path.string()); };
    openssl({ QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
        QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-days"), QStringLiteral("2"),
        QStringLiteral("-subj"), QStringLiteral("/CN=farm test CA"), QStringLiteral("-keyout"), s(caKey),
        QStringLiteral("-out"), s(ca) });
    openssl({ QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("rsa:2048"),
        QStringLiteral("-nodes"), QStringLiteral("-subj"), QStringLiteral("/CN=127.0.0.1"),
        QStringLiteral("-keyout"), s(key), QStringLiteral("-out"), s(request) });
    openssl({ QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"), s(request),
        QStringLiteral("-CA"), s(ca), QStringLiteral("-CAkey"), s(caKey), QStringLiteral("-CAcreateserial"),
        QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"), s(extensions),
        QStringLiteral("-out"), s(cert) });
    std::ofstream(m_folder / "nats-server.conf", std::ios::app)
        << "\ntls {\n    cert_file: \"" << cert.string() << "\"\n    key_file: \"" << key.string()
        << "\"\n}\n";
    m_tls = true;
    return ca;
}

void NatsServer::start()
{
    m_process.start(QStringLiteral("nats-server"),
        { QStringLiteral("-c"), QString::fromStdString((m_folder / "nats-server.conf").string()) });
    QVERIFY(m_process.waitForStarted());
    for (int i = 0; i < 100; ++i) {
        QTcpSocket socket;
        socket.connectToHost(QStringLiteral("127.0.0.1"), quint16(m_port));
        if (socket.waitForConnected(100)) {
            return;
        }
        QTest::qWait(100);
    }
    QFAIL("nats-server did not start");
}

void NatsServer::kill()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished();
    }
}

QString NatsServer::url(const QString& host) const
{
    return QStringLiteral("%1://farm:%2@%3:%4")
        .arg(m_tls ? QStringLiteral("tls") : QStringLiteral("nats"), QString::fromLatin1(kPassword), host)
        .arg(m_port);
}

FarmHost::FarmHost(int number)
    : m_number(number)
{
    if (number == 0 || ::geteuid() != 0) {
        return; // this machine itself, on loopback
    }
    removeStaleFarmHosts();
    const std::string tag = shortTag();
    m_namespace = "ptfarm" + tag + "n" + std::to_string(number);
    m_hostSide = "pt" + tag + "h" + std::to_string(number);
    const std::string inside = "pt" + tag + "w" + std::to_string(number);
    const QString ns = QString::fromStdString(m_namespace);
    const QString hostSide = QString::fromStdString(m_hostSide);
    const QString workerSide = QString::fromStdString(inside);
    // 10.231.<n>.0/30 belongs to this test: the host end .1, the worker end .2.
    const QString subnet = QStringLiteral("10.231.%1.").arg(number);
    const bool ok = runIp({ QStringLiteral("netns"), QStringLiteral("add"), ns })
        && runIp({ QStringLiteral("link"), QStringLiteral("add"), hostSide, QStringLiteral("type"),
            QStringLiteral("veth"), QStringLiteral("peer"), QStringLiteral("name"), workerSide })
        && runIp({ QStringLiteral("link"), QStringLiteral("set"), workerSide, QStringLiteral("netns"), ns })
        && runIp({ QStringLiteral("addr"), QStringLiteral("add"), subnet + QStringLiteral("1/30"),
            QStringLiteral("dev"), hostSide })
        && runIp({ QStringLiteral("link"), QStringLiteral("set"), hostSide, QStringLiteral("up") })
        && runIp({ QStringLiteral("-n"), ns, QStringLiteral("addr"), QStringLiteral("add"),
            subnet + QStringLiteral("2/30"), QStringLiteral("dev"), workerSide })
        && runIp({ QStringLiteral("-n"), ns, QStringLiteral("link"), QStringLiteral("set"), workerSide,
            QStringLiteral("up") })
        && runIp({ QStringLiteral("-n"), ns, QStringLiteral("link"), QStringLiteral("set"),
            QStringLiteral("lo"), QStringLiteral("up") });
    if (!ok) {
        qWarning("cannot make network namespace %s; the worker runs on loopback", m_namespace.c_str());
        runIp({ QStringLiteral("netns"), QStringLiteral("del"), ns });
        m_namespace.clear();
    }
}

FarmHost::~FarmHost()
{
    if (!m_namespace.empty()) {
        runIp({ QStringLiteral("netns"), QStringLiteral("del"), QString::fromStdString(m_namespace) });
        runIp({ QStringLiteral("link"), QStringLiteral("del"), QString::fromStdString(m_hostSide) });
    }
}

QString FarmHost::brokerHost() const
{
    return isolated() ? QStringLiteral("10.231.%1.1").arg(m_number) : QStringLiteral("127.0.0.1");
}

QStringList FarmHost::wrap(const QStringList& arguments) const
{
    if (!isolated()) {
        return arguments;
    }
    return QStringList { QStringLiteral("ip"), QStringLiteral("netns"), QStringLiteral("exec"),
        QString::fromStdString(m_namespace) }
    + arguments;
}

void FarmHost::setLinkUp(bool up)
{
    QVERIFY(isolated());
    QVERIFY(runIp({ QStringLiteral("link"), QStringLiteral("set"), QString::fromStdString(m_hostSide),
        up ? QStringLiteral("up") : QStringLiteral("down") }));
}

FarmWorker::FarmWorker(
    const FarmHost& host, const QString& brokerUrl, const QString& name, const QStringList& extraArgs)
    : m_name(name)
{
    const QStringList command
        = host.wrap(QStringList { QString::fromStdString(cliPath().string()), QStringLiteral("worker"),
                        QStringLiteral("--broker"), brokerUrl, QStringLiteral("--name"), name,
                        QStringLiteral("--threads"), QStringLiteral("1") }
            + extraArgs);
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(command.first(), command.mid(1));
    QVERIFY(m_process.waitForStarted());
}

FarmWorker::~FarmWorker()
{
    if (m_process.state() != QProcess::NotRunning) {
        ::kill(pid_t(m_process.processId()), SIGCONT);
        m_process.kill();
        m_process.waitForFinished();
    }
}

QString FarmWorker::log()
{
    m_log += QString::fromUtf8(m_process.readAll());
    return m_log;
}

bool FarmWorker::waitForExit(int ms)
{
    const bool exited = m_process.waitForFinished(ms);
    log();
    return exited;
}

void FarmWorker::signal(int signo)
{
    ::kill(pid_t(m_process.processId()), signo);
}

} // namespace passthrough::test
