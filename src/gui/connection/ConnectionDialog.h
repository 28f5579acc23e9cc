#pragma once

#include "db/DatabaseUrl.h"

#include <QDialog>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

// File > Open connection: a URL (sqlite:///path/file.db or postgresql://user@host:5432/db), a
// password field shown only for PostgreSQL (never stored), and the recent connections.
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionDialog(QWidget* parent = nullptr);

    void setUrl(const QString& url);
    // The URL with the password filled in, or nullopt with an error shown in the dialog.
    std::optional<DatabaseUrl> url() const;
    // True when the user chose "Open demo database".
    bool demoRequested() const { return m_demo; }
    // The optional read replica for reports ("" when none), as typed.
    QString reportsUrl() const;

    void accept() override;

private:
    void updateForUrl();
    void browse();

    QLineEdit* m_urlEdit = nullptr;
    QLabel* m_passwordLabel = nullptr;
    QLineEdit* m_passwordEdit = nullptr;
    QLineEdit* m_reportsEdit = nullptr;
    QListWidget* m_recentList = nullptr;
    QLabel* m_errorLabel = nullptr;
    QPushButton* m_browseButton = nullptr;
    QPushButton* m_demoButton = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    bool m_demo = false;
};
