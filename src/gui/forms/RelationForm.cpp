#include "RelationForm.h"

#include "CodeComboBox.h"
#include "MoneyEdit.h"
#include "RelationPicker.h"
#include "domain/OrderNumber.h"
#include "models/windowed/RelationLookup.h"
#include "money/Money.h"
#include "services/ServiceSql.h"
#include "services/UserService.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

RelationForm::RelationForm(const TableSpec& spec, PlatformTableModel* model, int row, QWidget* parent)
    : RecordForm(spec, model, row, parent)
{
    auto* content = new QWidget(this);
    content->setObjectName(spec.table + QStringLiteral("FormContent"));
    auto* layout = new QFormLayout(content);
    layout->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    for (const ColumnSpec& c : spec.columns) {
        // updated_at is not part of what a form compares or shows; Created says enough.
        if (c.kind == ColumnSpec::Kind::Key || c.kind == ColumnSpec::Kind::Secret ||
            c.name == QLatin1String("updated_at")) {
            continue;
        }
        QWidget* field = makeField(c, content);
        m_fields.insert(c.name, field);
        auto* label = new QLabel(c.header, content);
        label->setObjectName(FieldErrors::fieldName(c.name) + QStringLiteral("Label"));
        label->setBuddy(field);
        layout->addRow(label, field);
        auto* error = new QLabel(content);
        error->setObjectName(FieldErrors::fieldName(c.name) + QStringLiteral("Error"));
        error->setWordWrap(true);
        error->setStyleSheet(QStringLiteral("color: #b3261e;"));
        error->setVisible(false);
        layout->addRow(QString(), error);
        bind(field, c.name);
    }
    setContent(content);
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
    if (RelationPicker* course = picker(QStringLiteral("course_id"))) {
        connect(course, &RelationPicker::picked, this, &RelationForm::coursePicked);
    }
    resize(520, 480);
}

QWidget* RelationForm::makeField(const ColumnSpec& c, QWidget* parent)
{
    const QString name = FieldErrors::fieldName(c.name);
    QWidget* field = nullptr;
    switch (c.kind) {
    case ColumnSpec::Kind::Relation: {
        auto* picker = new RelationPicker(name, parent);
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
        return picker; // its objectName is "<field>Picker"
    }
    case ColumnSpec::Kind::Money: {
        auto* edit = new MoneyEdit(parent);
        field = edit;
        break;
    }
    case ColumnSpec::Kind::Enum: {
        auto* combo = new CodeComboBox(parent);
        combo->setKind(c.enumKind);
        field = combo;
        break;
    }
    case ColumnSpec::Kind::Timestamp: {
        auto* edit = new QLineEdit(parent);
        edit->setReadOnly(true);
        edit->setToolTip(tr("Set by the workflows (UTC instant as stored)"));
        field = edit;
        break;
    }
    default:
        if (c.name == QLatin1String("currency")) {
            auto* combo = new CodeComboBox(parent);
            combo->setPlainValues(PlatformValues::currencies());
            field = combo;
        } else {
            auto* edit = new QLineEdit(parent);
            field = edit;
        }
        break;
    }
    field->setObjectName(name + (qobject_cast<QComboBox*>(field) ? QStringLiteral("Combo") : QStringLiteral("Edit")));
    if (!c.editable || (c.name == QLatin1String("order_number") && !isNew())) {
        if (auto* edit = qobject_cast<QLineEdit*>(field)) {
            edit->setReadOnly(true);
        } else {
            field->setEnabled(false);
        }
    }
    return field;
}

RelationPicker* RelationForm::picker(const QString& column) const
{
    return qobject_cast<RelationPicker*>(m_fields.value(column));
}

void RelationForm::coursePicked(const QVariant& courseId)
{
    // A new order costs the course's fee, as the platform's checkout sets it.
    auto* amount = qobject_cast<MoneyEdit*>(m_fields.value(QStringLiteral("amount")));
    if (!isNew() || !amount || spec().table != QLatin1String("orders")) {
        return;
    }
    if (const auto fee = ServiceSql::scalar(database(),
                                            QStringLiteral("SELECT %1 FROM courses WHERE id = ?")
                                                .arg(ServiceSql::minorUnits(database(), QStringLiteral("fee"))),
                                            {courseId})) {
        amount->setMinorUnits(Money::minorFromSqlMinorUnits(*fee).value_or(0));
    }
}

QHash<QString, QVariant> RelationForm::formValues() const
{
    QHash<QString, QVariant> values;
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        const ColumnSpec* c = spec().column(it.key());
        if (!c || c->kind == ColumnSpec::Kind::Timestamp || !c->editable) {
            continue;
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

RowWriter::Result RelationForm::writeNew(const QHash<QString, QVariant>& in)
{
    QHash<QString, QVariant> values = in;
    if (spec().table == QLatin1String("orders") && values.value(QStringLiteral("order_number")).toString().isEmpty()) {
        values.insert(QStringLiteral("order_number"), OrderNumber::next(database()));
    }
    return RowWriter::insert(database(), spec(), values);
}

RowWriter::Result RelationForm::writeExisting(const RowSnapshot& loaded, const QHash<QString, QVariant>& values,
                                              bool overwrite)
{
    return RowWriter::update(database(), spec(), loaded, values, overwrite);
}
