#include "RelationForm.h"

#include "ui_EnrollmentForm.h"
#include "ui_OrderForm.h"
#include "ui_PaymentForm.h"

#include "CodeComboBox.h"
#include "MoneyEdit.h"
#include "domain/OrderNumber.h"
#include "money/Money.h"
#include "services/RelationLookup.h"
#include "services/ServiceSql.h"
#include "services/UserService.h"

#include <QLineEdit>
#include <QListWidget>

namespace {

// Lays the table's designed form out on `content`; false for a table without one.
bool setUpDesignedForm(const QString& table, QWidget* content)
{
    if (table == QLatin1String("orders")) {
        Ui::OrderFormContent().setupUi(content);
    } else if (table == QLatin1String("payments")) {
        Ui::PaymentFormContent().setupUi(content);
    } else if (table == QLatin1String("enrollments")) {
        Ui::EnrollmentFormContent().setupUi(content);
    } else {
        return false;
    }
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
    if (!c.editable || (c.name == QLatin1String("order_number") && !isNew())) {
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
