#pragma once

#include "domain/TableSpec.h"

#include <QLineEdit>
#include <QList>
#include <QSqlDatabase>

#include <optional>

class QStringListModel;

// The in-cell editor of a foreign key on a large table: type-ahead over the referenced table's
// first matches (RelationLookup: bound prefix, first N rows), never the whole table, which a
// QSqlRelationalDelegate combo would load (1M users).
class RelationCellEditor : public QLineEdit
{
    Q_OBJECT
public:
    RelationCellEditor(QSqlDatabase db, const ColumnSpec& column, QWidget* parent = nullptr);

    struct Pick
    {
        QVariant key;
        QString display;
    };
    // The referenced row whose display value is the typed text (case-insensitive), if any.
    std::optional<Pick> pick() const;

private:
    void lookUp(const QString& text);

    QSqlDatabase m_db;
    ColumnSpec m_column;
    QStringListModel* m_matches;
};
