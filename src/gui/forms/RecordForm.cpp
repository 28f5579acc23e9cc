#include "RecordForm.h"

#include "domain/CellFormat.h"
#include "models/PlatformTableModel.h"

#include <QDataWidgetMapper>
#include <QDialogButtonBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMetaProperty>
#include <QPushButton>
#include <QVBoxLayout>

RecordForm::RecordForm(const TableSpec& spec, PlatformTableModel* model, int row, QWidget* parent)
    : QDialog(parent), m_spec(spec), m_db(model->database()), m_model(model), m_row(row)
{
    setObjectName(spec.table + QStringLiteral("Form"));
    setSizeGripEnabled(true);
    if (row >= 0) {
        m_key = model->keyValue(row);
    }
    m_mapper = new QDataWidgetMapper(this);
    m_mapper->setObjectName(QStringLiteral("formMapper"));
    // The mapper only reads: saving goes through the services, which check for conflicts first.
    m_mapper->setSubmitPolicy(QDataWidgetMapper::ManualSubmit);

    m_formError = new QLabel(this);
    m_formError->setObjectName(QStringLiteral("formError"));
    m_formError->setWordWrap(true);
    m_formError->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_formError->setVisible(false);

    m_conflictPanel = new QFrame(this);
    m_conflictPanel->setObjectName(QStringLiteral("conflictPanel"));
    m_conflictPanel->setFrameShape(QFrame::StyledPanel);
    m_conflictPanel->setStyleSheet(
        QStringLiteral("#conflictPanel { background: #fff4e5; border: 1px solid #e0a030; }"));
    m_conflictLabel = new QLabel(m_conflictPanel);
    m_conflictLabel->setObjectName(QStringLiteral("conflictLabel"));
    m_conflictLabel->setWordWrap(true);
    auto* reload = new QPushButton(tr("Reload"), m_conflictPanel);
    reload->setObjectName(QStringLiteral("reloadButton"));
    reload->setToolTip(tr("Discard your edits and show the row as it is now"));
    auto* overwriteButton = new QPushButton(tr("Overwrite"), m_conflictPanel);
    overwriteButton->setObjectName(QStringLiteral("overwriteButton"));
    overwriteButton->setToolTip(tr("Save your edits over the other change"));
    auto* conflictButtons = new QHBoxLayout;
    conflictButtons->addStretch(1);
    conflictButtons->addWidget(reload);
    conflictButtons->addWidget(overwriteButton);
    auto* conflictLayout = new QVBoxLayout(m_conflictPanel);
    conflictLayout->addWidget(m_conflictLabel);
    conflictLayout->addLayout(conflictButtons);
    m_conflictPanel->setVisible(false);
    connect(reload, &QPushButton::clicked, this, &RecordForm::reloadFromDatabase);
    connect(overwriteButton, &QPushButton::clicked, this, &RecordForm::overwrite);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    m_saveButton = m_buttons->button(QDialogButtonBox::Save);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    connect(m_saveButton, &QPushButton::clicked, this, &RecordForm::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_errors = std::make_unique<FieldErrors>(this, m_formError);
}

RecordForm::~RecordForm() = default;

void RecordForm::setContent(QWidget* content)
{
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(withPanels(content), 1);
    layout->addWidget(m_formError);
    layout->addWidget(m_conflictPanel);
    layout->addWidget(m_buttons);
}

void RecordForm::bind(QWidget* field, const QString& column, const QByteArray& property)
{
    m_bindings.append({field, column, property});
}

void RecordForm::load()
{
    if (isNew()) {
        loadExtras();
        return;
    }
    m_mapper->setModel(m_model);
    for (const Binding& b : std::as_const(m_bindings)) {
        const int column = m_model->columnOf(b.column);
        if (column < 0) {
            continue;
        }
        if (b.property.isEmpty()) {
            m_mapper->addMapping(b.field, column);
        } else {
            m_mapper->addMapping(b.field, column, b.property);
        }
    }
    m_mapper->setCurrentIndex(m_row);
    // What the form shows is what a later save is compared against.
    m_loaded = RowSnapshot::fromValues(m_spec, m_key, m_model->rowValues(m_row), SqlTime::forConnection(m_db));
    loadExtras();
}

void RecordForm::loadFromDatabase()
{
    if (isNew()) {
        loadExtras();
        return;
    }
    reloadFromDatabase();
}

void RecordForm::reloadFromDatabase()
{
    hideConflict();
    m_errors->clear();
    const RowSnapshot now = RowSnapshot::load(m_db, m_spec, m_key);
    if (!now.exists()) {
        m_errors->show(QString(), tr("This row was deleted by someone else."));
        return;
    }
    for (const Binding& b : std::as_const(m_bindings)) {
        if (!now.has(b.column)) {
            continue;
        }
        const QByteArray property =
            b.property.isEmpty() ? QByteArray(b.field->metaObject()->userProperty().name()) : b.property;
        QVariant value = now.value(b.column);
        const ColumnSpec* c = m_spec.column(b.column);
        if (c && c->kind == ColumnSpec::Kind::Timestamp && !value.toString().isEmpty()) {
            // Snapshots keep UTC instants; people read local time.
            value = CellFormat::timestamp(QDateTime::fromString(value.toString(), Qt::ISODateWithMs));
        }
        b.field->setProperty(property.constData(), value);
    }
    m_loaded = now;
    loadExtras();
}

bool RecordForm::save()
{
    return write(false);
}

bool RecordForm::overwrite()
{
    return write(true);
}

bool RecordForm::write(bool overwriteOthers)
{
    m_errors->clear();
    const auto checks = formChecks();
    if (!checks.isEmpty()) {
        m_errors->show(checks);
        return false;
    }
    const QHash<QString, QVariant> values = formValues();
    const RowWriter::Result result = isNew() ? writeNew(values) : writeExisting(m_loaded, values, overwriteOthers);
    switch (result.status) {
    case RowWriter::Status::Saved:
        hideConflict();
        m_key = result.key;
        emit saved(m_key);
        accept();
        return true;
    case RowWriter::Status::Conflict:
        showConflict(result.changes);
        return false;
    case RowWriter::Status::Missing:
        m_errors->show(QString(), result.message);
        return false;
    case RowWriter::Status::Invalid:
    case RowWriter::Status::Refused:
    case RowWriter::Status::Failed:
        if (result.violations.isEmpty()) {
            m_errors->show(QString(), result.message);
        } else {
            m_errors->show(result.violations);
        }
        return false;
    }
    return false;
}

void RecordForm::showConflict(const QList<RowSnapshot::FieldChange>& changes)
{
    m_conflictLabel->setText(tr("Someone else changed this row since you opened it. Nothing was saved.\n%1\n\n"
                                "Reload shows their version (your edits are lost); Overwrite saves yours.")
                                 .arg(RowSnapshot::describe(changes)));
    m_conflictPanel->setVisible(true);
}

void RecordForm::hideConflict()
{
    m_conflictPanel->setVisible(false);
    m_conflictLabel->clear();
}

bool RecordForm::hasConflict() const
{
    return m_conflictPanel->isVisibleTo(this);
}

QString RecordForm::conflictText() const
{
    return m_conflictLabel->text();
}

QString RecordForm::generalError() const
{
    return m_formError->isVisibleTo(this) ? m_formError->text() : QString();
}
