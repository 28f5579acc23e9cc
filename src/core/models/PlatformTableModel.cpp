#include "PlatformTableModel.h"

#include "db/Database.h"
#include "domain/CellFormat.h"

#include "domain/PlatformValues.h"
#include "money/Money.h"

#include <QLocale>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QSqlRelation>

namespace {
using Kind = ColumnSpec::Kind;

const QString unknownValueTip = QStringLiteral("Unknown value: the platform's backend cannot read it");

bool isBlank(const QVariant& v)
{
    return v.isNull() || !v.isValid() || v.toString().trimmed().isEmpty();
}
} // namespace

QString PlatformTableModel::SaveFailure::text() const
{
    // row < 0: a row of a windowed page that is not loaded any more (scrolled far away).
    QString where = row >= 0 ? QStringLiteral("Row %1").arg(row + 1) : QStringLiteral("Row");
    if (!rowLabel.isEmpty()) {
        where += QStringLiteral(" (%1)").arg(rowLabel);
    }
    if (!field.isEmpty()) {
        where += QStringLiteral(", %1").arg(field);
    }
    return where + QStringLiteral(": ") + message;
}

PlatformTableModel::PlatformTableModel(const TableSpec& spec, QSqlDatabase db, QObject* parent)
    : QSqlRelationalTableModel(parent, db), m_spec(spec), m_time(SqlTime::forConnection(db))
{
    setObjectName(spec.table + QStringLiteral("Model"));
    m_session = Database::sessionNumber(database().connectionName());
    setUp();
}

void PlatformTableModel::setUp()
{
    m_fieldNames.clear();
    m_columns.clear();
    setEditStrategy(OnManualSubmit);
    // InnerJoin would hide rows whose user or course is missing; the back office must show them.
    setJoinMode(LeftJoin);
    setTable(m_spec.table);

    // Secret columns leave the model's record itself: they are never selected, shown or written.
    for (const ColumnSpec& c : std::as_const(m_spec.columns)) {
        if (c.kind == Kind::Secret) {
            const int i = record().indexOf(c.name);
            if (i >= 0) {
                removeColumns(i, 1);
            }
        }
    }
    const QSqlRecord rec = record();
    for (int i = 0; i < rec.count(); ++i) {
        m_fieldNames << rec.fieldName(i);
        const int specIndex = m_spec.indexOf(rec.fieldName(i));
        m_columns << (specIndex < 0 ? nullptr : &m_spec.columns.at(specIndex));
    }
    for (int i = 0; i < m_columns.size(); ++i) {
        const ColumnSpec* c = m_columns.at(i);
        if (c && c->kind == Kind::Relation) {
            setRelation(i, QSqlRelation(c->relationTable, c->relationKey, c->relationDisplay));
        }
    }
    const int sortColumn = m_sortColumn >= 0 ? m_sortColumn : columnOf(m_spec.defaultSort);
    if (sortColumn >= 0) {
        setSort(sortColumn, m_sortColumn >= 0          ? m_sortOrder
                            : m_spec.defaultDescending ? Qt::DescendingOrder
                                                       : Qt::AscendingOrder);
    }
}

void PlatformTableModel::sort(int column, Qt::SortOrder order)
{
    m_sortColumn = column;
    m_sortOrder = order;
    QSqlRelationalTableModel::sort(column, order);
}

QVariant PlatformTableModel::rawValue(int row, int column) const
{
    return QSqlTableModel::data(index(row, column), Qt::EditRole);
}

QVariant PlatformTableModel::keyValue(int row) const
{
    if (isInsertedRow(row)) {
        return QVariant();
    }
    const QSqlRecord key = primaryValues(row);
    return key.isEmpty() ? rawValue(row, columnOf(m_spec.key)) : key.value(0);
}

QHash<QString, QVariant> PlatformTableModel::rowValues(int row) const
{
    QHash<QString, QVariant> values;
    for (int c = 0; c < m_fieldNames.size(); ++c) {
        const ColumnSpec* spec = columnSpec(c);
        const bool relation = spec && spec->kind == Kind::Relation;
        values.insert(m_fieldNames.at(c),
                      relation ? QSqlTableModel::data(index(row, c), Qt::DisplayRole) : rawValue(row, c));
    }
    return values;
}

bool PlatformTableModel::isInsertedRow(int row) const
{
    // QSqlTableModel marks its pending inserts "*" and deletes "!" in the vertical header; that is
    // the only public view of its private edit cache.
    return QSqlRelationalTableModel::headerData(row, Qt::Vertical, Qt::DisplayRole).toString() == QLatin1String("*");
}

bool PlatformTableModel::isDeletedRow(int row) const
{
    return QSqlRelationalTableModel::headerData(row, Qt::Vertical, Qt::DisplayRole).toString() == QLatin1String("!");
}

bool PlatformTableModel::isRowDirty(int row) const
{
    for (int c = 0; c < columnCount(); ++c) {
        if (isDirty(index(row, c))) {
            return true;
        }
    }
    return false;
}

bool PlatformTableModel::isUnknownEnum(const QModelIndex& index) const
{
    const ColumnSpec* c = columnSpec(index.column());
    if (!c || c->kind != Kind::Enum) {
        return false;
    }
    const QVariant raw = rawValue(index.row(), index.column());
    return !isBlank(raw) && !PlatformValues::isKnown(c->enumKind, raw.toString());
}

QString PlatformTableModel::rowLabel(int row) const
{
    if (isInsertedRow(row)) {
        return QStringLiteral("new row");
    }
    for (const char* name : {"email", "order_number", "razorpay_payment_id"}) {
        const int c = columnOf(QString::fromLatin1(name));
        if (c >= 0 && !isBlank(rawValue(row, c))) {
            return rawValue(row, c).toString();
        }
    }
    return keyValue(row).toString();
}

QVariant PlatformTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid()) {
        return QVariant();
    }
    const ColumnSpec* c = columnSpec(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return c ? displayValue(index, *c) : QSqlTableModel::data(index, role);
    case Qt::EditRole:
        return c ? editValue(index, *c) : QSqlTableModel::data(index, role);
    case Qt::ToolTipRole:
        if (isUnknownEnum(index)) {
            return unknownValueTip;
        }
        if (isDeletedRow(index.row())) {
            return QStringLiteral("Will be deleted when you save");
        }
        if (isDirty(index)) {
            return QStringLiteral("Changed, not saved yet");
        }
        return QVariant();
    case Qt::TextAlignmentRole:
        if (c && c->kind == Kind::Money) {
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        }
        return QVariant();
    case UnknownValueRole:
        return isUnknownEnum(index);
    case ColumnKindRole:
        return c ? static_cast<int>(c->kind) : static_cast<int>(Kind::Text);
    case CellStateRole:
        if (isDeletedRow(index.row())) {
            return DeletedRow;
        }
        if (isInsertedRow(index.row())) {
            return InsertedRow;
        }
        if (isDirty(index)) {
            return ChangedCell;
        }
        return isRowDirty(index.row()) ? ChangedRow : Clean;
    default:
        return QSqlTableModel::data(index, role);
    }
}

QVariant PlatformTableModel::displayValue(const QModelIndex& index, const ColumnSpec& c) const
{
    // QSqlTableModel's, not QSqlRelationalTableModel's: the latter builds its relation dictionary
    // by selecting the whole referenced table (every user, with the password hash).
    const QVariant shown = QSqlTableModel::data(index, Qt::DisplayRole);
    switch (c.kind) {
    case Kind::Money: {
        const QVariant raw = rawValue(index.row(), index.column());
        if (isBlank(raw)) {
            return QVariant();
        }
        const auto minor = Money::minorFromSql(raw);
        return minor ? Money::format(*minor, currencyFor(index.row(), c)) : raw;
    }
    case Kind::Timestamp: {
        if (isBlank(shown)) {
            return QVariant();
        }
        // The app's one timestamp format ("2026-11-25 14:05"), in the machine's zone.
        return CellFormat::text(c, shown, m_time);
    }
    case Kind::Enum:
        return PlatformValues::label(c.enumKind, shown.toString());
    case Kind::Secret:
        return QVariant();
    case Kind::Relation:
        // An edited foreign key holds the key: show the referenced row's display text.
        return isDirty(index) || isInsertedRow(index.row()) ? relationDisplay(c, shown) : shown;
    default:
        return shown;
    }
}

QVariant PlatformTableModel::relationDisplay(const ColumnSpec& c, const QVariant& key) const
{
    if (isBlank(key)) {
        return QVariant();
    }
    const QString cacheKey = c.name + QLatin1Char('\x1f') + key.toString();
    if (const auto it = m_relationText.constFind(cacheKey); it != m_relationText.constEnd()) {
        return *it;
    }
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(
        QStringLiteral("SELECT %1 FROM %2 WHERE %3 = ?").arg(c.relationDisplay, c.relationTable, c.relationKey));
    query.addBindValue(key);
    const QString text =
        query.exec() && query.next() ? query.value(0).toString() : QStringLiteral("#") + key.toString();
    m_relationText.insert(cacheKey, text);
    return text;
}

QVariant PlatformTableModel::editValue(const QModelIndex& index, const ColumnSpec& c) const
{
    const QVariant raw = rawValue(index.row(), index.column());
    switch (c.kind) {
    case Kind::Money: {
        if (isBlank(raw)) {
            return QVariant();
        }
        const auto minor = Money::minorFromSql(raw);
        return minor ? QVariant(Money::toDecimalString(*minor)) : raw;
    }
    case Kind::Timestamp: {
        // A QDateTime in local time, so a date-time editor shows what the cell shows.
        const QDateTime instant = m_time.fromDb(raw);
        return instant.isValid() ? QVariant(instant.toLocalTime()) : QVariant();
    }
    case Kind::Secret:
        return QVariant();
    default:
        return raw;
    }
}

QString PlatformTableModel::currencyFor(int row, const ColumnSpec& c) const
{
    if (c.currencySource.isEmpty()) {
        return QStringLiteral("INR");
    }
    const qsizetype dot = c.currencySource.indexOf(QLatin1Char('.'));
    if (dot < 0) {
        const QString code = rawValue(row, columnOf(c.currencySource)).toString().trimmed();
        return code.isEmpty() ? QStringLiteral("INR") : code;
    }
    // "orders.currency": through the relation column that points at orders. Its display column
    // (order_number) is unique, so the display value identifies the order.
    const QString table = c.currencySource.left(dot);
    const QString column = c.currencySource.mid(dot + 1);
    for (int i = 0; i < m_columns.size(); ++i) {
        const ColumnSpec* rel = m_columns.at(i);
        if (!rel || rel->kind != Kind::Relation || rel->relationTable != table) {
            continue;
        }
        const QString display = QSqlTableModel::data(index(row, i), Qt::DisplayRole).toString();
        if (display.isEmpty()) {
            return QStringLiteral("INR");
        }
        if (!m_referencedCurrency.contains(display)) {
            loadReferencedCurrencies(row, i, table, column);
        }
        return m_referencedCurrency.value(display, QStringLiteral("INR"));
    }
    return QStringLiteral("INR");
}

void PlatformTableModel::loadReferencedCurrencies(int row, int relationColumn, const QString& table,
                                                  const QString& column) const
{
    // One bound query per block of 128 rows around the one asked for, instead of one per row.
    // Chosen over joining the currency into selectStatement(): an extra selected column would
    // become a model column QSqlTableModel then tries to write back.
    const ColumnSpec* rel = m_columns.at(relationColumn);
    const int first = row - row % 128;
    const int last = qMin(rowCount(), first + 128);
    QStringList wanted;
    for (int r = first; r < last; ++r) {
        const QString display = QSqlTableModel::data(index(r, relationColumn), Qt::DisplayRole).toString();
        if (!display.isEmpty() && !m_referencedCurrency.contains(display) && !wanted.contains(display)) {
            wanted << display;
        }
    }
    if (wanted.isEmpty()) {
        return;
    }
    QStringList marks;
    marks.fill(QStringLiteral("?"), wanted.size());
    QSqlQuery query(database());
    // Identifiers come from the TableSpec; the values are bound.
    query.prepare(QStringLiteral("SELECT %1, %2 FROM %3 WHERE %1 IN (%4)")
                      .arg(rel->relationDisplay, column, table, marks.join(QLatin1Char(','))));
    for (const QString& value : std::as_const(wanted)) {
        query.addBindValue(value);
    }
    for (const QString& value : std::as_const(wanted)) {
        m_referencedCurrency.insert(value, QStringLiteral("INR"));
    }
    if (query.exec()) {
        while (query.next()) {
            m_referencedCurrency.insert(query.value(0).toString(), query.value(1).toString().trimmed());
        }
    }
}

bool PlatformTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !index.isValid()) {
        return QSqlRelationalTableModel::setData(index, value, role);
    }
    const ColumnSpec* c = columnSpec(index.column());
    if (!c || !(flags(index) & Qt::ItemIsEditable)) {
        return false;
    }
    const bool nullable = record().field(index.column()).requiredStatus() != QSqlField::Required;
    QVariant stored = value;
    switch (c->kind) {
    case Kind::Money: {
        if (isBlank(value)) {
            stored = QVariant(QMetaType::fromType<QString>());
            break;
        }
        const auto minor = Money::parseMinor(value.toString());
        if (!minor || *minor < 0 || *minor > Money::maxColumnMinor) {
            return false;
        }
        stored = Money::toDecimalString(*minor);
        break;
    }
    case Kind::Enum:
        // Only the platform's own values may be written; anything else breaks its backend.
        if (!PlatformValues::isKnown(c->enumKind, value.toString())) {
            return false;
        }
        stored = value.toString();
        break;
    case Kind::Timestamp: {
        QDateTime instant;
        if (value.metaType().id() == QMetaType::QDateTime) {
            instant = value.toDateTime();
        } else if (!isBlank(value)) {
            instant = QDateTime::fromString(value.toString().trimmed(), Qt::ISODate); // local time
            if (!instant.isValid()) {
                return false;
            }
        }
        stored = instant.isValid() ? QVariant(m_time.toDb(instant)) : QVariant(QMetaType::fromType<QString>());
        break;
    }
    case Kind::Relation:
        return setForeignKey(index, value);
    case Kind::Secret:
        return false;
    default:
        if (value.toString().isEmpty() && nullable) {
            stored = QVariant(QMetaType::fromType<QString>());
        } else {
            stored = value.toString();
        }
        break;
    }
    // An editor closed without a change must not mark the row as changed.
    const QVariant current = rawValue(index.row(), index.column());
    if (!isInsertedRow(index.row()) && current.isNull() == stored.isNull() && current.toString() == stored.toString()) {
        return true;
    }
    rememberLoaded(index.row());
    if (!QSqlTableModel::setData(index, stored, role)) {
        return false;
    }
    emit headerDataChanged(Qt::Vertical, index.row(), index.row());
    return true;
}

bool PlatformTableModel::setForeignKey(const QModelIndex& index, const QVariant& key)
{
    const ColumnSpec* c = columnSpec(index.column());
    if (!c || c->kind != Kind::Relation || !(flags(index) & Qt::ItemIsEditable) || isBlank(key)) {
        return false; // every foreign key of the platform is NOT NULL
    }
    rememberLoaded(index.row());
    if (!QSqlTableModel::setData(index, key, Qt::EditRole)) {
        return false;
    }
    emit headerDataChanged(Qt::Vertical, index.row(), index.row());
    return true;
}

Qt::ItemFlags PlatformTableModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QSqlRelationalTableModel::flags(index);
    const ColumnSpec* c = columnSpec(index.column());
    bool editable = c && c->editable && c->kind != Kind::Key && c->kind != Kind::Secret;
    // A course's slug is chosen by staff: editable while the row is new, fixed afterwards
    // (renaming cascades through orders; that belongs in a form with a confirmation).
    if (c && c->name == m_spec.key && !m_spec.keyIsGenerated && isInsertedRow(index.row())) {
        editable = true;
    }
    if (isDeletedRow(index.row())) {
        editable = false;
    }
    // Money state changes only through its workflows; a refunded payment is history.
    if (c && c->isWorkflowOwned() && !isInsertedRow(index.row())) {
        editable = false;
    }
    if (editable && !isInsertedRow(index.row()) && !m_spec.readOnlyStates.isEmpty()) {
        QHash<QString, QVariant> values;
        for (const auto& state : m_spec.readOnlyStates) {
            values.insert(state.column, rawValue(index.row(), columnOf(state.column)));
        }
        editable = m_spec.readOnlyState(values) == nullptr;
    }
    return editable ? (f | Qt::ItemIsEditable) : (f & ~Qt::ItemIsEditable);
}

QVariant PlatformTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal) {
        const ColumnSpec* c = columnSpec(section);
        if (c && role == Qt::DisplayRole) {
            return c->header;
        }
        return QSqlRelationalTableModel::headerData(section, orientation, role);
    }
    if (role == Qt::DisplayRole) {
        if (isDeletedRow(section)) {
            return QStringLiteral("\u2715"); // ✕
        }
        if (isInsertedRow(section) || isRowDirty(section)) {
            return QStringLiteral("*");
        }
        return section + 1;
    }
    if (role == Qt::ToolTipRole) {
        if (isDeletedRow(section)) {
            return QStringLiteral("Will be deleted when you save");
        }
        if (isInsertedRow(section)) {
            return QStringLiteral("New row, not saved yet");
        }
        if (isRowDirty(section)) {
            return QStringLiteral("Changed, not saved yet");
        }
    }
    return QSqlRelationalTableModel::headerData(section, orientation, role);
}
