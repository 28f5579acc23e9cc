#pragma once

#include <QProgressDialog>
#include <QString>

// The app's "create Coursedesk's objects": runs ObjectsBuilder (the same builder as `coursedesk db
// objects --apply`) on a thread of its own while this dialog shows which index is being built
// and how far along (PostgreSQL: pg_stat_progress_create_index). Cancel stops the build on the
// server; what was built stays, an interrupted index is rebuilt the next time.
class ObjectsBuildDialog : public QProgressDialog
{
    Q_OBJECT
public:
    ObjectsBuildDialog(QString connectionName, QWidget* parent);

    // Blocks (event loop running) until the build ends. False with `error` on failure or cancel.
    bool build(QString* error);

private:
    QString m_connection;
};
