#include "ExportDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent>

ExportDialog::ExportDialog(std::unique_ptr<ExportSource> source, const QString& title, const QString& suggestedPath,
                           QWidget* parent)
    : QDialog(parent), m_source(std::move(source)), m_title(title)
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export %1").arg(title));
    m_path = new QLineEdit(suggestedPath, this);
    m_path->setObjectName(QStringLiteral("exportPath"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    browse->setObjectName(QStringLiteral("exportBrowse"));
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->addItem(tr("CSV (UTF-8)"), int(ExportOptions::Format::Csv));
    m_format->addItem(tr("Excel workbook (XLSX)"), int(ExportOptions::Format::Xlsx));
    m_format->setCurrentIndex(ExportOptions::formatForPath(suggestedPath) == ExportOptions::Format::Xlsx ? 1 : 0);
    m_bom = new QCheckBox(tr("Byte order mark (lets Excel read UTF-8 CSV)"), this);
    m_bom->setObjectName(QStringLiteral("exportBom"));
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("exportProgress"));
    m_progress->setRange(0, 0);
    m_progress->setVisible(false);
    m_status = new QLabel(tr("Every row matching the page's search and filters, in its order and columns."), this);
    m_status->setObjectName(QStringLiteral("exportStatus"));
    m_status->setWordWrap(true);

    auto* form = new QFormLayout;
    form->addRow(tr("File:"), pathRow);
    form->addRow(tr("Format:"), m_format);
    form->addRow(QString(), m_bom);
    auto* buttons = new QDialogButtonBox(this);
    buttons->setObjectName(QStringLiteral("exportButtons"));
    m_export = buttons->addButton(tr("Export"), QDialogButtonBox::AcceptRole);
    m_export->setObjectName(QStringLiteral("exportStart"));
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("exportCancel"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_cancel, &QPushButton::clicked, this, &ExportDialog::reject);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        const bool csv = m_format->currentData().toInt() == int(ExportOptions::Format::Csv);
        m_bom->setEnabled(csv);
        QString path = m_path->text();
        const QString suffix = csv ? QStringLiteral(".csv") : QStringLiteral(".xlsx");
        if (!path.endsWith(suffix, Qt::CaseInsensitive)) {
            path = path.section(QLatin1Char('.'), 0, -2).isEmpty() ? path + suffix
                                                                   : path.section(QLatin1Char('.'), 0, -2) + suffix;
            m_path->setText(path);
        }
    });
    connect(&m_watcher, &QFutureWatcher<ExportJob::Result>::finished, this, &ExportDialog::finish);
}

ExportDialog::~ExportDialog()
{
    stop();
}

void ExportDialog::stop()
{
    if (m_watcher.isRunning()) {
        m_cancelRequested = true;
        m_watcher.waitForFinished();
    }
}

void ExportDialog::browse()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export %1").arg(m_title), m_path->text(),
                                                      tr("CSV (*.csv);;Excel workbook (*.xlsx)"));
    if (!path.isEmpty()) {
        m_path->setText(path);
        m_format->setCurrentIndex(ExportOptions::formatForPath(path) == ExportOptions::Format::Xlsx ? 1 : 0);
    }
}

void ExportDialog::startExport()
{
    if (m_watcher.isRunning() || m_used) {
        return;
    }
    const QString path = m_path->text().trimmed();
    if (path.isEmpty()) {
        m_status->setText(tr("Choose a file to export to."));
        return;
    }
    ExportOptions options;
    options.format = ExportOptions::Format(m_format->currentData().toInt());
    options.byteOrderMark = m_bom->isChecked() && options.format == ExportOptions::Format::Csv;
    options.title = m_title;
    m_used = true;
    m_cancelRequested = false;
    m_export->setEnabled(false);
    m_path->setEnabled(false);
    m_format->setEnabled(false);
    m_bom->setEnabled(false);
    m_progress->setVisible(true);
    m_status->setText(tr("Starting…"));
    const std::shared_ptr<ExportSource> source = m_source;
    const QPointer<ExportDialog> self(this);
    const std::atomic_bool* cancel = &m_cancelRequested;
    m_watcher.setFuture(QtConcurrent::run([source, options, path, cancel, self] {
        return ExportJob::run(*source, options, path, cancel, [self](const ExportProgress& p) {
            // Queued to the dialog; dropped if it is gone (it waits for this thread before going).
            QMetaObject::invokeMethod(
                self.data(),
                [self, p] {
                    if (self) {
                        self->showProgress(p);
                    }
                },
                Qt::QueuedConnection);
        });
    }));
}

void ExportDialog::showProgress(const ExportProgress& p)
{
    const QLocale locale;
    m_status->setText(
        tr("%1 rows · %2 rows/s").arg(locale.toString(p.rows), locale.toString(qRound64(p.rowsPerSecond()))));
}

void ExportDialog::finish()
{
    m_result = m_watcher.result();
    m_progress->setVisible(false);
    m_status->setText(m_result.message);
    m_cancel->setText(tr("Close"));
    emit exportFinished(m_result.ok());
}

void ExportDialog::reject()
{
    if (m_watcher.isRunning()) {
        // Cancel first; the dialog stays until the worker has removed its temporary file.
        m_cancelRequested = true;
        m_status->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}
