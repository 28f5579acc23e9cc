#pragma once

#include "db/DatabaseUrl.h"

#include <QList>
#include <QString>
#include <QStringList>

// One versioned SQL file from sql/<engine>/NNN_name.sql, embedded as a resource.
struct Migration
{
    int version = 0;
    QString name;
    QString sql;

    // Migration 1 is the platform's own schema: applied to new databases only. On an existing
    // platform database it is recorded as adopted, never run.
    bool isPlatformSchema() const { return version == 1; }
    // "table coursedesk_audit_log", "index orders_created_at_idx": what the file creates, for the
    // confirmation shown before Coursedesk adds objects to a platform database.
    QStringList createdObjects() const;
    // The file split into single statements (QSqlQuery runs one at a time).
    QStringList statements() const;

    static QList<Migration> load(Engine engine);
    static int latestVersion(Engine engine);
};
