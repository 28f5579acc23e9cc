#pragma once

#include <QString>
#include <QStringList>
#include <QVariant>

// What a workflow answers: whether it succeeded, whether it changed anything (a repeated call is
// fine and changes nothing), and a sentence for the user. `column` names the field at fault when
// a single field is to blame, so a form can put the message next to it.
struct ServiceResult
{
    bool ok = false;
    bool changed = false;
    QString message;
    QString column;
    QVariant key; // the row the workflow created or changed, when there is one

    static ServiceResult failure(const QString& message, const QString& column = QString())
    {
        ServiceResult r;
        r.message = message;
        r.column = column;
        return r;
    }
    static ServiceResult success(const QString& message, bool changed = true, const QVariant& key = QVariant())
    {
        ServiceResult r;
        r.ok = true;
        r.changed = changed;
        r.message = message;
        r.key = key;
        return r;
    }
};
