#pragma once

#include "db/DatabaseUrl.h"

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <memory>

// A PostgreSQL 15 cluster of the test's own (initdb into a temporary folder, started on a free
// loopback port), for faults a shared server must never see: a restart in the middle of an edit,
// a server stopped under a running page. The binaries come from `pg_config --bindir`, else
// /usr/lib/postgresql/15/bin. initdb refuses to run as root, so as root (CI containers) every
// server command runs as the `postgres` user (runuser), the way .ci/postgres does.
class TestCluster
{
public:
    TestCluster();
    ~TestCluster(); // stops the server (immediate) and removes its files
    TestCluster(const TestCluster&) = delete;
    TestCluster& operator=(const TestCluster&) = delete;

    // Where initdb and pg_ctl are, or empty (then the caller skips, saying why).
    static QString binDir();

    // initdb + start. False with error() on failure (the server log is quoted).
    bool start();
    // pg_ctl restart -m fast: every session is ended, the server comes back on the same port.
    bool restart();
    bool stop();
    bool isRunning() const { return m_running; }
    QString error() const { return m_error; }
    int port() const { return m_port; }
    // The superuser's URL on database `database`.
    DatabaseUrl url(const QString& database = QStringLiteral("postgres")) const;

private:
    bool pgCtl(const QStringList& args);
    bool run(const QString& program, const QStringList& args, int timeoutMs);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_bin;
    int m_port = 0;
    bool m_running = false;
    bool m_asPostgres = false;
    QString m_error;
};
