#include "TestCluster.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {
// A port nobody listens on right now: the kernel picks one for a socket bound to port 0.
int freeLoopbackPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return 0;
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t size = sizeof address;
    int port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
        ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) == 0) {
        port = ntohs(address.sin_port);
    }
    ::close(fd);
    return port;
}
} // namespace

TestCluster::TestCluster() = default;

TestCluster::~TestCluster()
{
    if (m_running) {
        pgCtl({QStringLiteral("-m"), QStringLiteral("immediate"), QStringLiteral("stop")});
    }
}

QString TestCluster::binDir()
{
    QProcess config;
    config.start(QStringLiteral("pg_config"), {QStringLiteral("--bindir")});
    QStringList candidates;
    if (config.waitForFinished(5000) && config.exitCode() == 0) {
        candidates << QString::fromLocal8Bit(config.readAllStandardOutput()).trimmed();
    }
    candidates << QStringLiteral("/usr/lib/postgresql/15/bin");
    for (const QString& dir : std::as_const(candidates)) {
        if (QFileInfo(dir + QStringLiteral("/initdb")).isExecutable() &&
            QFileInfo(dir + QStringLiteral("/pg_ctl")).isExecutable()) {
            return dir;
        }
    }
    return QString();
}

bool TestCluster::run(const QString& program, const QStringList& args, int timeoutMs)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    const QString path = m_bin + QLatin1Char('/') + program;
    if (m_asPostgres) {
        process.start(QStringLiteral("runuser"),
                      QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), path} + args);
    } else {
        process.start(path, args);
    }
    if (!process.waitForFinished(timeoutMs) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        QFile log(m_dir->filePath(QStringLiteral("log")));
        const QString serverLog =
            log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll().right(2000)) : QString();
        m_error =
            QStringLiteral("%1 failed: %2\n%3").arg(program, QString::fromLocal8Bit(process.readAll()), serverLog);
        process.kill();
        process.waitForFinished(5000);
        return false;
    }
    return true;
}

bool TestCluster::pgCtl(const QStringList& args)
{
    return run(QStringLiteral("pg_ctl"),
               QStringList{QStringLiteral("-D"), m_dir->filePath(QStringLiteral("data")), QStringLiteral("-w"),
                           QStringLiteral("-t"), QStringLiteral("60")} +
                   args,
               90000);
}

bool TestCluster::start()
{
    m_bin = binDir();
    if (m_bin.isEmpty()) {
        m_error = QStringLiteral("no PostgreSQL server binaries (pg_config --bindir, /usr/lib/postgresql/15/bin)");
        return false;
    }
    m_dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/coursedesk-cluster-XXXXXX"));
    if (!m_dir->isValid()) {
        m_error = QStringLiteral("no temporary folder: ") + m_dir->errorString();
        return false;
    }
    m_asPostgres = ::geteuid() == 0;
    if (m_asPostgres) {
        const passwd* owner = ::getpwnam("postgres");
        if (!owner || ::chown(QFile::encodeName(m_dir->path()).constData(), owner->pw_uid, owner->pw_gid) != 0) {
            m_error = QStringLiteral("running as root, and the folder cannot be given to the postgres user");
            return false;
        }
    }
    QFile::setPermissions(m_dir->path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner |
                                             QFileDevice::ReadOther | QFileDevice::ExeOther | QFileDevice::ReadGroup |
                                             QFileDevice::ExeGroup);
    // -N: no fsync of the new files (a throwaway cluster); about two seconds.
    if (!run(QStringLiteral("initdb"),
             {QStringLiteral("-D"), m_dir->filePath(QStringLiteral("data")), QStringLiteral("-A"),
              QStringLiteral("trust"), QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("-E"),
              QStringLiteral("UTF8"), QStringLiteral("--locale=C.UTF-8"), QStringLiteral("-N")},
             120000)) {
        return false;
    }
    // Another process may take the free port between the probe and the start: try a few.
    for (int attempt = 0; attempt < 5 && !m_running; ++attempt) {
        m_port = freeLoopbackPort();
        const QString options = QStringLiteral("-p %1 -k %2 -c listen_addresses=127.0.0.1 -c fsync=off "
                                               "-c max_connections=50 -c logging_collector=off")
                                    .arg(m_port)
                                    .arg(m_dir->path());
        m_running = pgCtl({QStringLiteral("-l"), m_dir->filePath(QStringLiteral("log")), QStringLiteral("-o"), options,
                           QStringLiteral("start")});
    }
    return m_running;
}

bool TestCluster::restart()
{
    // Without -o, pg_ctl restarts with the options the server was started with (postmaster.opts).
    m_running = pgCtl({QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("-l"),
                       m_dir->filePath(QStringLiteral("log")), QStringLiteral("restart")});
    return m_running;
}

bool TestCluster::stop()
{
    if (!pgCtl({QStringLiteral("-m"), QStringLiteral("fast"), QStringLiteral("stop")})) {
        return false;
    }
    m_running = false;
    return true;
}

DatabaseUrl TestCluster::url(const QString& database) const
{
    DatabaseUrl url;
    url.engine = Engine::Postgres;
    url.host = QStringLiteral("127.0.0.1");
    url.port = m_port;
    url.user = QStringLiteral("postgres");
    url.database = database;
    return url;
}
