#pragma once

#include "import/ImportFields.h"
#include "import/ImportPlan.h"
#include "import/ImportSheet.h"
#include "import/ImportWriter.h"

#include <QDialog>
#include <QFutureWatcher>
#include <QSqlDatabase>

#include <atomic>
#include <memory>

class PasswordHasher;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QTableWidget;

// File > Import users / enrollments: choose a CSV or XLSX file, see its first rows and how its
// columns map to fields (matched by header, changeable), check it (a dry run naming every bad
// line), then import it: passwords hashed on all cores, then every row written in one audited
// transaction on a worker connection, with progress. Nothing is written unless every line is good.
class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    ImportDialog(QSqlDatabase db, ImportKind kind, QWidget* parent = nullptr);
    ~ImportDialog() override;

    bool openFile(const QString& path);
    // Rows = fields; column 1 holds a combo box of the file's columns.
    QTableWidget* mappingTable() const { return m_mapping; }
    QTableWidget* previewTable() const { return m_preview; }
    QCheckBox* updateExistingCheck() const { return m_updateExisting; }
    QPushButton* checkButton() const { return m_check; }
    QPushButton* importButton() const { return m_import; }
    QPlainTextEdit* reportView() const { return m_report; }
    QLabel* statusLabel() const { return m_status; }
    bool isRunning() const { return m_running; }
    ImportFields::Mapping mapping() const;

    // The dry run: fills the report; true when every line is good.
    bool check();
    void startImport();
    void reject() override;

signals:
    void imported(); // rows were written: pages should reload

private:
    void browse();
    ImportOptions options() const;
    void write();
    void finished(const ImportWriter::Result& result);

    QSqlDatabase m_db;
    ImportKind m_kind;
    QString m_fileName;
    ImportSheet m_sheet;
    std::unique_ptr<ImportPlan> m_plan;
    std::unique_ptr<PasswordHasher> m_hasher;
    QFutureWatcher<void> m_hashing;
    QFutureWatcher<ImportWriter::Result> m_writing;
    std::atomic_bool m_cancelRequested = false;
    bool m_running = false;

    QLineEdit* m_path = nullptr;
    QTableWidget* m_mapping = nullptr;
    QTableWidget* m_preview = nullptr;
    QCheckBox* m_updateExisting = nullptr;
    QCheckBox* m_generatePasswords = nullptr;
    QPlainTextEdit* m_report = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_check = nullptr;
    QPushButton* m_import = nullptr;
    QPushButton* m_close = nullptr;
};
