#include "ExportConnection.h"

#include "db/Database.h"

#include <QUuid>

ExportConnection::ExportConnection(QString connection, bool clone)
    : m_source(std::move(connection)), m_name(m_source), m_clone(clone)
{
}

ExportConnection::~ExportConnection()
{
    if (m_clone && m_opened) {
        Database::close(m_name);
    }
}

bool ExportConnection::open(QString* error)
{
    if (m_clone && !m_opened) {
        m_name = QStringLiteral("coursedesk-export-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        if (!Database::openClone(m_source, m_name, error)) {
            return false;
        }
        m_opened = true;
    }
    return true;
}
