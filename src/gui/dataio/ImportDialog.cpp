#include "ImportDialog.h"

#include "db/Database.h"
#include "import/ImportFile.h"
#include "import/ImportPlanner.h"
#include "import/PasswordHasher.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QUuid>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace {
constexpr int previewRows = 20;
}

ImportDialog::ImportDialog(QSqlDatabase db, ImportKind kind, QWidget* parent)
    : QDialog(parent), m_db(std::move(db)), m_kind(kind)
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(kind == ImportKind::Users ? tr("Import users") : tr("Import complimentary enrollments"));
    resize(820, 620);
    m_path = new QLineEdit(this);
    m_path->setObjectName(QStringLiteral("importPath"));
    m_path->setReadOnly(true);
    m_path->setPlaceholderText(tr("A CSV or XLSX file with a header row"));
    auto* browse = new QPushButton(tr("Choose file…"), this);
    browse->setObjectName(QStringLiteral("importBrowse"));
    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_path, 1);
    fileRow->addWidget(browse);

    m_mapping = new QTableWidget(0, 2, this);
    m_mapping->setObjectName(QStringLiteral("importMapping"));
    m_mapping->setHorizontalHeaderLabels({tr("Field"), tr("Column of the file")});
    m_mapping->horizontalHeader()->setStretchLastSection(true);
    m_mapping->verticalHeader()->hide();
    m_preview = new QTableWidget(this);
    m_preview->setObjectName(QStringLiteral("importPreview"));
    m_preview->setEditTriggers(QAbstractItemView::NoEditTriggers);

    m_updateExisting = new QCheckBox(tr("Update existing users (matched by email)"), this);
    m_updateExisting->setObjectName(QStringLiteral("importUpdateExisting"));
    m_generatePasswords =
        new QCheckBox(tr("Random passwords for users without one (never shown; they reset it)"), this);
    m_generatePasswords->setObjectName(QStringLiteral("importGeneratePasswords"));
    m_updateExisting->setVisible(kind == ImportKind::Users);
    m_generatePasswords->setVisible(kind == ImportKind::Users);

    m_report = new QPlainTextEdit(this);
    m_report->setObjectName(QStringLiteral("importReport"));
    m_report->setReadOnly(true);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("importProgress"));
    m_progress->setVisible(false);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("importStatus"));

    auto* buttons = new QDialogButtonBox(this);
    buttons->setObjectName(QStringLiteral("importButtons"));
    m_check = buttons->addButton(tr("Check (dry run)"), QDialogButtonBox::ActionRole);
    m_check->setObjectName(QStringLiteral("importCheck"));
    m_import = buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    m_import->setObjectName(QStringLiteral("importStart"));
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(QStringLiteral("importClose"));
    m_check->setEnabled(false);
    m_import->setEnabled(false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(fileRow);
    auto* tables = new QHBoxLayout;
    tables->addWidget(m_mapping, 1);
    tables->addWidget(m_preview, 2);
    layout->addLayout(tables, 2);
    layout->addWidget(m_updateExisting);
    layout->addWidget(m_generatePasswords);
    layout->addWidget(m_report, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    connect(browse, &QPushButton::clicked, this, &ImportDialog::browse);
    connect(m_check, &QPushButton::clicked, this, &ImportDialog::check);
    connect(m_import, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_close, &QPushButton::clicked, this, &ImportDialog::reject);
    // Any change to what would be imported needs a new check first.
    const auto invalidate = [this] { m_import->setEnabled(false); };
    connect(m_updateExisting, &QCheckBox::toggled, this, invalidate);
    connect(m_generatePasswords, &QCheckBox::toggled, this, invalidate);
    connect(&m_hashing, &QFutureWatcher<void>::progressValueChanged, this, [this](int value) {
        m_progress->setValue(value);
        m_status->setText(tr("Hashing passwords: %1 of %2").arg(value).arg(m_hasher ? m_hasher->total() : 0));
    });
    connect(&m_hashing, &QFutureWatcher<void>::finished, this, &ImportDialog::write);
    connect(&m_writing, &QFutureWatcher<ImportWriter::Result>::finished, this,
            [this] { finished(m_writing.result()); });
}

ImportDialog::~ImportDialog()
{
    m_cancelRequested = true;
    m_hashing.cancel();
    m_hashing.waitForFinished();
    m_writing.waitForFinished();
}

void ImportDialog::browse()
{
    const QString path =
        QFileDialog::getOpenFileName(this, windowTitle(), QString(), tr("Spreadsheets (*.csv *.xlsx);;All files (*)"));
    if (!path.isEmpty()) {
        openFile(path);
    }
}

bool ImportDialog::openFile(const QString& path)
{
    QString error;
    ImportSheet sheet;
    m_import->setEnabled(false);
    if (!ImportFile::read(path, &sheet, &error)) {
        m_check->setEnabled(false);
        m_report->setPlainText(error);
        return false;
    }
    m_sheet = sheet;
    m_fileName = QFileInfo(path).fileName();
    m_path->setText(path);
    const ImportFields::Mapping matched = ImportFields::match(m_kind, m_sheet.header);
    const QStringList fields = ImportFields::fields(m_kind);
    m_mapping->setRowCount(int(fields.size()));
    for (int row = 0; row < fields.size(); ++row) {
        const QString field = fields.at(row);
        const bool required = ImportFields::requiredFields(m_kind).contains(field);
        auto* label = new QTableWidgetItem(ImportFields::label(field) + (required ? QStringLiteral(" *") : QString()));
        label->setData(Qt::UserRole, field);
        label->setFlags(Qt::ItemIsEnabled);
        m_mapping->setItem(row, 0, label);
        auto* combo = new QComboBox(m_mapping);
        combo->setObjectName(QStringLiteral("importColumn_") + field);
        combo->addItem(tr("(not imported)"), -1);
        for (int c = 0; c < m_sheet.header.size(); ++c) {
            combo->addItem(m_sheet.header.at(c), c);
        }
        combo->setCurrentIndex(combo->findData(matched.value(field, -1)));
        connect(combo, &QComboBox::currentIndexChanged, this, [this] { m_import->setEnabled(false); });
        m_mapping->setCellWidget(row, 1, combo);
    }
    m_mapping->resizeColumnToContents(0);
    const int rows = int(std::min<qsizetype>(previewRows, m_sheet.records.size()));
    m_preview->clear();
    m_preview->setColumnCount(int(m_sheet.header.size()));
    m_preview->setRowCount(rows);
    m_preview->setHorizontalHeaderLabels(m_sheet.header);
    QStringList lineLabels;
    for (int r = 0; r < rows; ++r) {
        const ImportRecord& record = m_sheet.records.at(r);
        lineLabels << QString::number(record.line);
        for (int c = 0; c < record.fields.size() && c < m_sheet.header.size(); ++c) {
            // Passwords are never shown, not even in the preview.
            const bool secret = matched.value(QStringLiteral("password"), -2) == c;
            m_preview->setItem(r, c,
                               new QTableWidgetItem(secret && !record.fields.at(c).isEmpty() ? QStringLiteral("••••••")
                                                                                             : record.fields.at(c)));
        }
    }
    m_preview->setVerticalHeaderLabels(lineLabels);
    m_report->setPlainText(
        tr("%1 lines read. Check the column matches, then Check (dry run).").arg(m_sheet.records.size()));
    m_check->setEnabled(true);
    return true;
}

ImportFields::Mapping ImportDialog::mapping() const
{
    ImportFields::Mapping out;
    for (int row = 0; row < m_mapping->rowCount(); ++row) {
        const auto* combo = qobject_cast<const QComboBox*>(m_mapping->cellWidget(row, 1));
        const int column = combo ? combo->currentData().toInt() : -1;
        if (column >= 0) {
            out.insert(m_mapping->item(row, 0)->data(Qt::UserRole).toString(), column);
        }
    }
    return out;
}

ImportOptions ImportDialog::options() const
{
    ImportOptions o;
    o.kind = m_kind;
    o.updateExisting = m_updateExisting->isChecked();
    o.generatePasswords = m_generatePasswords->isChecked();
    o.sourceName = m_fileName;
    return o;
}

bool ImportDialog::check()
{
    m_plan = std::make_unique<ImportPlan>(ImportPlanner::plan(m_db, m_sheet, mapping(), options()));
    const bool ok = m_plan->ok();
    m_report->setPlainText(ok ? tr("Dry run: %1. Nothing was changed.").arg(m_plan->summary()) : m_plan->report());
    m_import->setEnabled(ok && !m_running);
    return ok;
}

void ImportDialog::startImport()
{
    // Checked again now: the database may have changed since the dry run.
    if (m_running || !check()) {
        return;
    }
    m_running = true;
    m_cancelRequested = false;
    m_check->setEnabled(false);
    m_import->setEnabled(false);
    m_mapping->setEnabled(false);
    m_progress->setVisible(true);
    m_hasher = std::make_unique<PasswordHasher>(m_plan.get());
    m_progress->setRange(0, std::max(1, m_hasher->total()));
    m_hashing.setFuture(m_hasher->start()); // finished -> write()
}

void ImportDialog::write()
{
    if (m_hashing.isCanceled() || !m_hasher->complete()) {
        finished({false, 0, tr("Hashing the passwords did not finish; nothing was imported")});
        return;
    }
    m_status->setText(tr("Writing…"));
    const int total = int(m_plan->creates.size() + m_plan->updates.size() + m_plan->enrollments.size());
    m_progress->setRange(0, std::max(1, total));
    m_progress->setValue(0);
    const QString source = m_db.connectionName();
    const ImportPlan* plan = m_plan.get();
    const std::atomic_bool* cancel = &m_cancelRequested;
    const QPointer<ImportDialog> self(this);
    // A connection of the worker's own: the window stays responsive while thousands of rows go in.
    m_writing.setFuture(QtConcurrent::run([source, plan, cancel, self]() -> ImportWriter::Result {
        const QString name = QStringLiteral("coursedesk-import-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        QString error;
        if (!Database::openClone(source, name, &error)) {
            return {false, 0, QStringLiteral("Nothing was imported: ") + error};
        }
        ImportWriter::Result result = ImportWriter::apply(
            QSqlDatabase::database(name, false), *plan,
            [self](int done, int total) {
                QMetaObject::invokeMethod(
                    self.data(),
                    [self, done, total] {
                        if (self) {
                            self->m_progress->setValue(done);
                            self->m_status->setText(tr("Writing: %1 of %2").arg(done).arg(total));
                        }
                    },
                    Qt::QueuedConnection);
            },
            cancel);
        Database::close(name);
        return result;
    }));
}

void ImportDialog::finished(const ImportWriter::Result& result)
{
    m_running = false;
    m_progress->setVisible(false);
    m_mapping->setEnabled(true);
    m_check->setEnabled(true);
    m_status->setText(result.message);
    m_report->appendPlainText(result.message);
    if (result.ok) {
        emit imported();
    }
}

void ImportDialog::reject()
{
    if (m_running) {
        // Stops hashing, or rolls the write back at the next row.
        m_cancelRequested = true;
        m_hashing.cancel();
        m_status->setText(tr("Cancelling…"));
        return;
    }
    QDialog::reject();
}
