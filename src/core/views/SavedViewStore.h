#pragma once

#include "ViewState.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

// Named views of one page. Where coursedesk_saved_views exists (Coursedesk's own table, created
// with the user's consent) they are rows of it, shared by everyone working on that database;
// otherwise they live in this computer's settings (LocalViewSettings) and only this user sees
// them. location() says which, so the page can tell the user. Values are bound; names are the
// user's words (1-100 characters), unique per page.
class SavedViewStore
{
public:
    enum class Location { Shared, Local };

    SavedViewStore(QSqlDatabase db, const TableSpec& spec);

    Location location() const { return m_location; }
    // Names in alphabetical order (case-insensitive).
    QStringList names(QString* error = nullptr) const;
    std::optional<ViewState> load(const QString& name, QString* error) const;
    bool contains(const QString& name) const;
    // Creates the view, or replaces the one of that name when `replace` (else a duplicate is an error).
    bool save(const QString& name, const ViewState& state, bool replace, QString* error);
    bool rename(const QString& from, const QString& to, QString* error);
    bool remove(const QString& name, QString* error);

    static constexpr int maxNameLength = 100;
    // Empty when `name` is acceptable, else why not.
    static QString checkName(const QString& name);

private:
    QSqlDatabase m_db;
    TableSpec m_spec;
    QString m_identity;
    Location m_location = Location::Local;
};
