#pragma once

#include <QDialog>
#include <QSqlDatabase>

// Help > About: version (from the CMake project version), Qt version, the database drivers and
// server versions in use, and the license.
class AboutDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AboutDialog(QSqlDatabase db, QWidget* parent = nullptr);
};
