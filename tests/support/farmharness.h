#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace passthrough::test {

// A real nats-server with JetStream on a free port, its store in `folder`, configured from the
// shipped packaging/farm/nats-server.conf (listen address, store and password replaced). It can
// be killed with SIGKILL and started again on the same port and store.
class NatsServer {
public:
    explicit NatsServer(std::filesystem::path folder);
    ~NatsServer();
    // Serves TLS only, with a certificate for 127.0.0.1 signed by a new certificate authority
    // (openssl); returns the authority's certificate for PASSTHROUGH_BROKER_CA.
    std::filesystem::path enableTls();
    void start();
    void kill();
    [[nodiscard]] int port() const { return m_port; }
    // nats://farm:<password>@host:port (tls:// once enableTls()), with `host` the address a
    // client dials.
    [[nodiscard]] QString url(const QString& host = QStringLiteral("127.0.0.1")) const;

private:
    std::filesystem::path m_folder;
    int m_port = 0;
    bool m_tls = false;
    QProcess m_process;
};

// A machine of the farm: a network namespace of its own joined to this host by a veth pair
// (when the test runs as root, as CI does), so that its link can be cut; without root, plain
// loopback. Host 0 is always this machine itself. Removes what it made.
class FarmHost {
public:
    explicit FarmHost(int number);
    ~FarmHost();
    [[nodiscard]] bool isolated() const { return !m_namespace.empty(); }
    // The broker's address as this host dials it.
    [[nodiscard]] QString brokerHost() const;
    // The program and arguments that run `arguments` on this host.
    [[nodiscard]] QStringList wrap(const QStringList& arguments) const;
    void setLinkUp(bool up);

private:
    int m_number;
    std::string m_namespace;
    std::string m_hostSide; // the veth end in this host's namespace
};

// A real `passthrough-cli worker` process on a FarmHost, its output kept for the assertions.
class FarmWorker {
public:
    FarmWorker(
        const FarmHost& host, const QString& brokerUrl, const QString& name, const QStringList& extraArgs);
    ~FarmWorker();
    [[nodiscard]] qint64 pid() const { return m_process.processId(); }
    [[nodiscard]] const QString& name() const { return m_name; }
    QString log(); // everything it printed so far
    bool waitForExit(int ms);
    [[nodiscard]] int exitCode() const { return m_process.exitCode(); }
    void signal(int signo);

private:
    QString m_name;
    QProcess m_process;
    QString m_log;
};

// Runs `ip` (iproute2) with `arguments`; false when it fails.
bool runIp(const QStringList& arguments);

} // namespace passthrough::test
