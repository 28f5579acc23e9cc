#include "SavedViewStore.h"

#include "LocalViewSettings.h"
#include "db/Database.h"
#include "services/ServiceSql.h"

#include <QCollator>
#include <QSqlQuery>

namespace {
const QString table = QStringLiteral("coursedesk_saved_views");

void sortNames(QStringList* names)
{
    QCollator collator;
    collator.setCaseSensitivity(Qt::CaseInsensitive);
    std::sort(names->begin(), names->end(), collator);
}

bool fail(QString* error, const QString& why)
{
    if (error) {
        *error = why;
    }
    return false;
}
} // namespace

SavedViewStore::SavedViewStore(QSqlDatabase db, const TableSpec& spec)
    : m_db(std::move(db)), m_spec(spec), m_identity(LocalViewSettings::databaseIdentity(Database::url(m_db)))
{
    m_location = ServiceSql::hasTable(m_db, table) ? Location::Shared : Location::Local;
}

QString SavedViewStore::checkName(const QString& name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        return QStringLiteral("A view needs a name");
    }
    if (trimmed.size() > maxNameLength) {
        return QStringLiteral("A view name has at most %1 characters").arg(maxNameLength);
    }
    return QString();
}

QStringList SavedViewStore::names(QString* error) const
{
    QStringList out;
    if (m_location == Location::Local) {
        out = LocalViewSettings::views(m_identity, m_spec.pageId).keys();
    } else {
        QSqlQuery query(m_db);
        query.prepare(QStringLiteral("SELECT name FROM coursedesk_saved_views WHERE page = ?"));
        query.addBindValue(m_spec.pageId);
        if (!query.exec()) {
            fail(error, query.lastError().text());
            return {};
        }
        while (query.next()) {
            out << query.value(0).toString();
        }
    }
    sortNames(&out);
    return out;
}

bool SavedViewStore::contains(const QString& name) const
{
    return names().contains(name.trimmed());
}

std::optional<ViewState> SavedViewStore::load(const QString& name, QString* error) const
{
    QByteArray json;
    if (m_location == Location::Local) {
        const auto views = LocalViewSettings::views(m_identity, m_spec.pageId);
        if (!views.contains(name)) {
            fail(error, QStringLiteral("There is no view named \u201C%1\u201D").arg(name));
            return std::nullopt;
        }
        json = views.value(name);
    } else {
        QSqlError sqlError;
        const auto value = ServiceSql::scalar(
            m_db, QStringLiteral("SELECT definition FROM coursedesk_saved_views WHERE page = ? AND name = ?"),
            {m_spec.pageId, name}, &sqlError);
        if (!value) {
            fail(error, sqlError.isValid() ? sqlError.text()
                                           : QStringLiteral("There is no view named \u201C%1\u201D; someone may "
                                                            "have renamed or deleted it")
                                                 .arg(name));
            return std::nullopt;
        }
        json = value->toString().toUtf8();
    }
    QString why;
    auto state = ViewState::fromJson(json, m_spec, &why);
    if (!state) {
        fail(error, QStringLiteral("The view \u201C%1\u201D cannot be applied: %2").arg(name, why));
    }
    return state;
}

bool SavedViewStore::save(const QString& rawName, const ViewState& state, bool replace, QString* error)
{
    const QString name = rawName.trimmed();
    if (const QString why = checkName(name); !why.isEmpty()) {
        return fail(error, why);
    }
    const bool exists = contains(name);
    if (exists && !replace) {
        return fail(error, QStringLiteral("A view named \u201C%1\u201D exists already").arg(name));
    }
    if (m_location == Location::Local) {
        auto views = LocalViewSettings::views(m_identity, m_spec.pageId);
        views.insert(name, state.toJson());
        LocalViewSettings::setViews(m_identity, m_spec.pageId, views);
        return true;
    }
    ServiceSql::Transaction tx(m_db);
    QSqlError sqlError;
    const QString json = QString::fromUtf8(state.toJson());
    const bool ok =
        exists ? ServiceSql::exec(m_db,
                                  QStringLiteral("UPDATE coursedesk_saved_views SET definition = ? WHERE page = ? "
                                                 "AND name = ?"),
                                  {json, m_spec.pageId, name}, &sqlError)
               : ServiceSql::exec(m_db,
                                  QStringLiteral("INSERT INTO coursedesk_saved_views (page, name, definition, "
                                                 "created_at) VALUES (?, ?, ?, ?)"),
                                  {m_spec.pageId, name, json, ServiceSql::now(m_db)}, &sqlError);
    if (!ok) {
        // Two people saving the same new name at once: the unique key answers for the second.
        return fail(error, exists || !contains(name)
                               ? QStringLiteral("The view was not saved: %1").arg(sqlError.text())
                               : QStringLiteral("A view named \u201C%1\u201D exists already").arg(name));
    }
    return tx.commit() || fail(error, QStringLiteral("The view was not saved: %1").arg(tx.error()));
}

bool SavedViewStore::rename(const QString& from, const QString& rawTo, QString* error)
{
    const QString to = rawTo.trimmed();
    if (const QString why = checkName(to); !why.isEmpty()) {
        return fail(error, why);
    }
    if (to == from) {
        return true;
    }
    if (!contains(from)) {
        return fail(error, QStringLiteral("There is no view named \u201C%1\u201D").arg(from));
    }
    if (contains(to)) {
        return fail(error, QStringLiteral("A view named \u201C%1\u201D exists already").arg(to));
    }
    if (m_location == Location::Local) {
        auto views = LocalViewSettings::views(m_identity, m_spec.pageId);
        views.insert(to, views.take(from));
        LocalViewSettings::setViews(m_identity, m_spec.pageId, views);
        return true;
    }
    QSqlError sqlError;
    if (!ServiceSql::exec(m_db,
                          QStringLiteral("UPDATE coursedesk_saved_views SET name = ? WHERE page = ? AND name = ?"),
                          {to, m_spec.pageId, from}, &sqlError)) {
        return fail(error, QStringLiteral("The view was not renamed: %1").arg(sqlError.text()));
    }
    return true;
}

bool SavedViewStore::remove(const QString& name, QString* error)
{
    if (m_location == Location::Local) {
        auto views = LocalViewSettings::views(m_identity, m_spec.pageId);
        if (views.remove(name) == 0) {
            return fail(error, QStringLiteral("There is no view named \u201C%1\u201D").arg(name));
        }
        LocalViewSettings::setViews(m_identity, m_spec.pageId, views);
        return true;
    }
    QSqlError sqlError;
    if (!ServiceSql::exec(m_db, QStringLiteral("DELETE FROM coursedesk_saved_views WHERE page = ? AND name = ?"),
                          {m_spec.pageId, name}, &sqlError)) {
        return fail(error, QStringLiteral("The view was not deleted: %1").arg(sqlError.text()));
    }
    return true;
}
