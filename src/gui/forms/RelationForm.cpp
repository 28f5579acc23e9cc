#include "RelationForm.h"

#include "ui_EnrollmentForm.h"
#include "ui_OrderForm.h"
#include "ui_PaymentForm.h"

#include "CodeComboBox.h"
#include "MoneyEdit.h"
#include "money/Money.h"
#include "services/RelationLookup.h"
#include "services/ServiceSql.h"
#include "services/UserService.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

// Lays the table's designed form out on `content`; false for a table without one.
bool setUpDesignedForm(const QString& table, QWidget* content)
{
    static const QHash<QString, std::function<void(QWidget*)>> designs{
        {QStringLiteral("orders"), [](QWidget* w) { Ui::OrderFormContent().setupUi(w); }},
        {QStringLiteral("payments"), [](QWidget* w) { Ui::PaymentFormContent().setupUi(w); }},
        {QStringLiteral("enrollments"), [](QWidget* w) { Ui::EnrollmentFormContent().setupUi(w); }},
    };
    const auto design = designs.constFind(table);
    if (design == designs.constEnd()) {
        return false;
    }
    (*design)(content);
    return true;
}

bool shownInForm(const ColumnSpec& c)
{
    // updated_at is not part of what a form compares or shows; Created says enough.
    return c.kind != ColumnSpec::Kind::Key && c.kind != ColumnSpec::Kind::Secret &&
           c.name != QLatin1String("updated_at");
}

} // namespace

RelationFormPicker::RelationFormPicker(QWidget* parent) : RelationPicker(QString(), parent)
{
    setFocusProxy(searchEdit()); // so a label's mnemonic lands in the search field
    connect(this, &QObject::objectNameChanged, this, [this](const QString& objectName) {
        const QString name = objectName.endsWith(QLatin1String("Picker")) ? objectName.chopped(6) : objectName;
        searchEdit()->setObjectName(name + QStringLiteral("SearchEdit"));
        matchesList()->setObjectName(name + QStringLiteral("MatchesList"));
    });
}

RelationForm::RelationForm(const TableSpec& spec, PlatformTableModel* model, int row, QWidget* parent)
    : RecordForm(spec, model, row, parent)
{
    auto* content = new QWidget(this);
    content->setObjectName(spec.table + QStringLiteral("FormContent"));
    if (!setUpDesignedForm(spec.table, content)) {
        qWarning("RelationForm: no .ui form for %s", qPrintable(spec.table));
    }
    for (const ColumnSpec& c : spec.columns) {
        if (!shownInForm(c)) {
            continue;
        }
        const QString name = FieldErrors::fieldName(c.name);
        QWidget* field = nullptr;
        for (const QLatin1String suffix : {QLatin1String("Picker"), QLatin1String("Edit"), QLatin1String("Combo")}) {
            if ((field = content->findChild<QWidget*>(name + suffix))) {
                break;
            }
        }
        if (!field) {
            qWarning("RelationForm: %s has no field for %s in its .ui file", qPrintable(spec.table),
                     qPrintable(c.name));
            continue;
        }
        setUpField(c, field);
        m_fields.insert(c.name, field);
        bind(field, c.name);
    }
    // The record's workflows, where its money state changes (the fields for it are read-only).
    auto* page = new QWidget(this);
    page->setObjectName(QStringLiteral("formPage"));
    auto* pageLayout = new QVBoxLayout(page);
    pageLayout->setContentsMargins(0, 0, 0, 0);
    pageLayout->addWidget(content, 1);
    m_readOnlyNote = new QLabel(page);
    m_readOnlyNote->setObjectName(QStringLiteral("readOnlyNote"));
    m_readOnlyNote->setWordWrap(true);
    m_readOnlyNote->setVisible(false);
    pageLayout->addWidget(m_readOnlyNote);
    if (!isNew()) {
        const auto workflows = WorkflowActions::forTable(spec.table);
        if (!workflows.isEmpty()) {
            auto* row = new QHBoxLayout;
            row->addStretch(1);
            for (const auto& w : workflows) {
                auto* button = new QPushButton(w.text, page);
                button->setObjectName(w.objectName);
                button->setToolTip(w.toolTip);
                button->setAutoDefault(false);
                row->addWidget(button);
                m_workflows.append({button, w});
                connect(button, &QPushButton::clicked, this, [this, w] { runWorkflow(w); });
            }
            pageLayout->addLayout(row);
        }
    }
    setContent(page);
    loadFromDatabase();
    setWindowTitle(isNew() ? tr("New %1").arg(spec.title.toLower().chopped(1))
                           : tr("%1 %2").arg(spec.title.chopped(1), key().toString()));
    if (isNew()) {
        if (auto* status = qobject_cast<CodeComboBox*>(m_fields.value(QStringLiteral("status")))) {
            status->setCurrentIndex(0); // the platform's first status: CREATED / PENDING / ACTIVE
        }
        if (auto* currency = qobject_cast<CodeComboBox*>(m_fields.value(QStringLiteral("currency")))) {
            currency->setCode(QStringLiteral("INR"));
        }
        if (auto* number = qobject_cast<QLineEdit*>(m_fields.value(QStringLiteral("order_number")))) {
            number->setPlaceholderText(tr("Made on save (ORD + milliseconds)"));
        }
    }
    for (const ColumnSpec& c : spec.columns) {
        if (RelationPicker* p = c.fills.isEmpty() ? nullptr : picker(c.name)) {
            connect(p, &RelationPicker::picked, this, [this, c](const QVariant& key) { relationPicked(c, key); });
        }
    }
    resize(520, 480);
}

void RelationForm::setUpField(const ColumnSpec& c, QWidget* field)
{
    if (auto* p = qobject_cast<RelationPicker*>(field)) {
        setUpPicker(c, p);
        return;
    }
    if (auto* combo = qobject_cast<CodeComboBox*>(field)) {
        if (c.kind == ColumnSpec::Kind::Enum) {
            combo->setKind(c.enumKind);
        } else if (c.name == QLatin1String("currency")) {
            combo->setPlainValues(PlatformValues::currencies());
        }
    }
    auto* edit = qobject_cast<QLineEdit*>(field);
    if (c.kind == ColumnSpec::Kind::Timestamp && edit) {
        edit->setReadOnly(true); // the .ui says so too: timestamps are set by the workflows
    }
    // Money state changes only through the workflows (the buttons below the fields). A new row
    // starts in its workflow's first state; its amount is entered.
    if (c.isWorkflowOwned() && (!isNew() || !c.initialValue.isEmpty())) {
        field->setToolTip(c.workflowOnly);
        if (edit) {
            edit->setReadOnly(true);
        } else {
            field->setEnabled(false);
        }
    }
    if (!c.editable || (c.generatedOnInsert && !isNew())) {
        if (edit) {
            edit->setReadOnly(true);
        } else {
            field->setEnabled(false);
        }
    }
}

void RelationForm::setUpPicker(const ColumnSpec& c, RelationPicker* picker)
{
    const QSqlDatabase db = database();
    if (c.relationTable == QLatin1String("users")) {
        picker->setPlaceholderText(tr("Type an email or name"));
        picker->setLookup([db](const QString& text) {
            QList<RelationPicker::Match> out;
            for (const auto& m : UserService::findUsers(db, text)) {
                out.append({m.id, m.email});
            }
            return out;
        });
    } else {
        picker->setPlaceholderText(tr("Type the start of the %1").arg(c.header.toLower()));
        picker->setLookup([db, c](const QString& text) {
            QList<RelationPicker::Match> out;
            for (const auto& m : RelationLookup::firstMatches(db, c, text)) {
                out.append({m.key, m.display});
            }
            return out;
        });
    }
    picker->setDisplay([db, c](const QVariant& key) { return RelationLookup::displayFor(db, c, key); });
}
RelationPicker* RelationForm::picker(const QString& column) const
{
    return qobject_cast<RelationPicker*>(m_fields.value(column));
}

void RelationForm::relationPicked(const ColumnSpec& c, const QVariant& key)
{
    // A new order costs the course's fee, as the platform's checkout sets it (TableSpec: fills).
    auto* amount = qobject_cast<MoneyEdit*>(m_fields.value(c.fills));
    if (!isNew() || !amount) {
        return;
    }
    if (const auto fee = ServiceSql::scalar(
            database(),
            QStringLiteral("SELECT %1 FROM %2 WHERE %3 = ?")
                .arg(ServiceSql::minorUnits(database(), c.fillsFrom), c.relationTable, c.relationKey),
            {key})) {
        amount->setMinorUnits(Money::minorFromSqlMinorUnits(*fee).value_or(0));
    }
}

void RelationForm::loadExtras()
{
    // A refunded payment or a cancelled order is history: shown, not edited.
    const TableSpec::ReadOnlyState* state = isNew() ? nullptr : spec().readOnlyState(loaded().values());
    for (QWidget* field : std::as_const(m_fields)) {
        if (auto* picker = qobject_cast<RelationPicker*>(field)) {
            picker->setEnabled(!state);
        }
    }
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        const ColumnSpec* c = spec().column(it.key());
        if (c && c->editable && !c->isWorkflowOwned() && c->kind != ColumnSpec::Kind::Timestamp &&
            !qobject_cast<RelationPicker*>(it.value())) {
            if (auto* edit = qobject_cast<QLineEdit*>(it.value())) {
                edit->setReadOnly(state != nullptr || (c->generatedOnInsert && !isNew()));
            } else {
                it.value()->setEnabled(!state);
            }
        }
    }
    saveButton()->setEnabled(!state);
    m_readOnlyNote->setText(state ? state->message : QString());
    m_readOnlyNote->setVisible(state != nullptr);
    const QString status = loaded().value(QStringLiteral("status"));
    for (const auto& [button, workflow] : std::as_const(m_workflows)) {
        button->setEnabled(workflow.applies(status));
    }
}

void RelationForm::runWorkflow(const WorkflowActions::FormWorkflow& workflow)
{
    workflow.run(this, database(), key(), [form = QPointer<RelationForm>(this)](const ServiceResult& result) {
        if (!form) {
            return;
        }
        if (!result.ok) {
            form->errors()->show(QString(), result.message);
            return;
        }
        // The workflow changed the row: show it as it is now, and let the page re-read it.
        form->reloadFromDatabase();
        emit form->workflowFinished(form->key(), result.message);
    });
}

QHash<QString, QVariant> RelationForm::formValues() const
{
    QHash<QString, QVariant> values;
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        const ColumnSpec* c = spec().column(it.key());
        if (!c || c->kind == ColumnSpec::Kind::Timestamp || !c->editable) {
            continue;
        }
        if (c->isWorkflowOwned() && !isNew()) {
            continue; // changed by the workflow buttons only
        }
        QWidget* w = it.value();
        if (auto* p = qobject_cast<RelationPicker*>(w)) {
            values.insert(it.key(), p->key());
        } else if (auto* m = qobject_cast<MoneyEdit*>(w)) {
            values.insert(it.key(), m->decimal());
        } else if (auto* combo = qobject_cast<CodeComboBox*>(w)) {
            values.insert(it.key(), combo->code());
        } else if (auto* edit = qobject_cast<QLineEdit*>(w)) {
            if (!edit->isReadOnly()) {
                values.insert(it.key(), edit->text().trimmed());
            }
        }
    }
    return values;
}

RowWriter::Result RelationForm::writeNew(const QHash<QString, QVariant>& values)
{
    return RowWriter::insert(database(), spec(), values); // a blank order number is made there
}

RowWriter::Result RelationForm::writeExisting(const RowSnapshot& loaded, const QHash<QString, QVariant>& values,
                                              bool overwrite)
{
    return RowWriter::update(database(), spec(), loaded, values, overwrite);
}
