#pragma once

#include <QSqlDatabase>
#include <QString>

// The connection an export source reads on. Either the caller's own (used as it is), or, with
// `clone`, a clone of it that open() makes on the calling thread (the export's worker: a Qt
// connection may only be used on the thread that opened it) and the destructor closes.
class ExportConnection
{
public:
    ExportConnection(QString connection, bool clone);
    ~ExportConnection();
    ExportConnection(const ExportConnection&) = delete;
    ExportConnection& operator=(const ExportConnection&) = delete;

    bool open(QString* error);
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_source;
    QString m_name;
    bool m_clone = false;
    bool m_opened = false;
};
