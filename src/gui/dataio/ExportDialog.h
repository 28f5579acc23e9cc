#pragma once

#include "export/ExportJob.h"
#include "export/ExportSource.h"

#include <QDialog>
#include <QFutureWatcher>

#include <atomic>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

// File > Export: where to (CSV or XLSX, a BOM for Excel), then the export on a worker thread with
// its progress (rows, rows/s) and Cancel. The rows are what the page showed when the dialog opened.
// A cancelled or failed export leaves no file; closing the dialog while it runs cancels it.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(std::unique_ptr<ExportSource> source, const QString& title, const QString& suggestedPath,
                 QWidget* parent = nullptr);
    ~ExportDialog() override;

    QLineEdit* pathEdit() const { return m_path; }
    QComboBox* formatCombo() const { return m_format; }
    QCheckBox* bomCheck() const { return m_bom; }
    QPushButton* exportButton() const { return m_export; }
    QPushButton* cancelButton() const { return m_cancel; }
    QLabel* statusLabel() const { return m_status; }
    bool isRunning() const { return m_watcher.isRunning(); }
    // The last export's outcome (valid once it finished).
    const ExportJob::Result& result() const { return m_result; }

    void startExport();
    void reject() override;

signals:
    void exportFinished(bool written);

private:
    void browse();
    void showProgress(const ExportProgress& progress);
    void finish();
    void stop();

    std::shared_ptr<ExportSource> m_source;
    QString m_title;
    QLineEdit* m_path = nullptr;
    QComboBox* m_format = nullptr;
    QCheckBox* m_bom = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_cancel = nullptr;
    std::atomic_bool m_cancelRequested = false;
    QFutureWatcher<ExportJob::Result> m_watcher;
    ExportJob::Result m_result;
    bool m_used = false; // a source is read once
};
