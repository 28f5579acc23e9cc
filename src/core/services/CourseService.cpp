#include "CourseService.h"

#include "ServiceSql.h"
#include "WriteService.h"
#include "services/DeleteGuard.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace CourseService {

QString slugFromName(const QString& name)
{
    QString slug = name.normalized(QString::NormalizationForm_KD).toLower();
    static const QRegularExpression nonWord(QStringLiteral("[^a-z0-9]+"));
    slug.replace(nonWord, QStringLiteral("-"));
    while (slug.startsWith(QLatin1Char('-'))) {
        slug.remove(0, 1);
    }
    slug = slug.left(50);
    while (slug.endsWith(QLatin1Char('-'))) {
        slug.chop(1);
    }
    return slug;
}

Details details(const QSqlDatabase& db, const QString& courseId)
{
    Details d;
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT feature FROM course_features WHERE course_id = ? ORDER BY id"));
    query.addBindValue(courseId);
    if (query.exec()) {
        while (query.next()) {
            d.features << query.value(0).toString();
        }
    }
    query.prepare(QStringLiteral("SELECT marketplace FROM course_marketplaces WHERE course_id = ? ORDER BY id"));
    query.addBindValue(courseId);
    if (query.exec()) {
        while (query.next()) {
            d.marketplaces << query.value(0).toString();
        }
    }
    return d;
}

QString detailsProblem(const Details& details, QString* column)
{
    for (const QString& f : details.features) {
        if (f.trimmed().isEmpty()) {
            if (column) {
                *column = QStringLiteral("features");
            }
            return QStringLiteral("A feature cannot be empty");
        }
    }
    QStringList seen;
    for (const QString& m : details.marketplaces) {
        const QString name = m.trimmed();
        if (name.isEmpty() || name.size() > 50) {
            if (column) {
                *column = QStringLiteral("marketplaces");
            }
            return QStringLiteral("A marketplace name must have 1 to 50 characters");
        }
        if (seen.contains(name, Qt::CaseInsensitive)) {
            if (column) {
                *column = QStringLiteral("marketplaces");
            }
            return QStringLiteral("Marketplace %1 is listed twice for this course").arg(name);
        }
        seen << name;
    }
    return QString();
}

bool writeDetails(const QSqlDatabase& db, const QString& courseId, const Details& wanted, QString* error)
{
    // Each feature and marketplace row is written through the write service (joining the
    // caller's transaction), so the audit log has every one of them.
    WriteSession session(db);
    const TableSpec& featureSpec = *TableSpec::forTable(QStringLiteral("course_features"));
    const TableSpec& marketSpec = *TableSpec::forTable(QStringLiteral("course_marketplaces"));
    auto fail = [&](const QString& what, const WriteResult& r) {
        if (error) {
            *error = what + QStringLiteral(": ") + r.message;
        }
        return false;
    };
    QList<QPair<QVariant, QString>> features;
    {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("SELECT id, feature FROM course_features WHERE course_id = ? ORDER BY id"));
        query.addBindValue(courseId);
        if (!query.exec()) {
            if (error) {
                *error = QStringLiteral("Features were not read: ") + query.lastError().text();
            }
            return false;
        }
        while (query.next()) {
            features.append({query.value(0), query.value(1).toString()});
        }
    }
    const QString feature = QStringLiteral("feature");
    const QString course = QStringLiteral("course_id");
    for (qsizetype i = 0; i < qMax(features.size(), wanted.features.size()); ++i) {
        if (i < features.size() && i < wanted.features.size()) {
            if (features.at(i).second != wanted.features.at(i).trimmed()) {
                if (const auto r =
                        session.update(featureSpec, features.at(i).first, {{feature, wanted.features.at(i).trimmed()}});
                    !r.ok()) {
                    return fail(QStringLiteral("A feature was not saved"), r);
                }
            }
        } else if (i < wanted.features.size()) {
            if (const auto r = session.insert(featureSpec, {{course, courseId}, {feature, wanted.features.at(i)}});
                !r.ok()) {
                return fail(QStringLiteral("A feature was not saved"), r);
            }
        } else if (const auto r = session.remove(featureSpec, features.at(i).first); !r.ok()) {
            return fail(QStringLiteral("A feature was not removed"), r);
        }
    }
    QList<QPair<QVariant, QString>> markets;
    {
        QSqlQuery query(db);
        query.prepare(
            QStringLiteral("SELECT id, marketplace FROM course_marketplaces WHERE course_id = ? ORDER BY id"));
        query.addBindValue(courseId);
        if (query.exec()) {
            while (query.next()) {
                markets.append({query.value(0), query.value(1).toString()});
            }
        }
    }
    QStringList stored;
    for (const auto& [id, name] : std::as_const(markets)) {
        stored << name;
        if (!wanted.marketplaces.contains(name)) {
            if (const auto r = session.remove(marketSpec, id); !r.ok()) {
                return fail(QStringLiteral("A marketplace was not removed"), r);
            }
        }
    }
    for (const QString& m : wanted.marketplaces) {
        if (!stored.contains(m.trimmed())) {
            if (const auto r = session.insert(marketSpec, {{course, courseId}, {QStringLiteral("marketplace"), m}});
                !r.ok()) {
                return fail(QStringLiteral("A marketplace was not saved"), r);
            }
        }
    }
    return true;
}

namespace {
RowWriter::Result invalidDetails(const QString& message, const QString& column)
{
    RowWriter::Result r;
    r.status = RowWriter::Status::Invalid;
    r.message = message;
    r.violations.append({column, message});
    return r;
}

RowWriter::AlsoWrite detailsWriter(const std::optional<Details>& d)
{
    if (!d) {
        return {};
    }
    return [wanted = *d](const QSqlDatabase& db, const QVariant& key, QString* error) {
        return writeDetails(db, key.toString(), wanted, error);
    };
}
} // namespace

RowWriter::Result create(const QSqlDatabase& db, const QHash<QString, QVariant>& values,
                         const std::optional<Details>& d)
{
    QString column;
    if (d) {
        if (const QString problem = detailsProblem(*d, &column); !problem.isEmpty()) {
            return invalidDetails(problem, column);
        }
    }
    return RowWriter::insert(db, *TableSpec::forTable(QStringLiteral("courses")), values, detailsWriter(d));
}

RowWriter::Result update(const QSqlDatabase& db, const RowSnapshot& loaded, const QHash<QString, QVariant>& in,
                         bool overwrite, const std::optional<Details>& d, const std::optional<Details>& loadedDetails)
{
    QString column;
    if (d) {
        if (const QString problem = detailsProblem(*d, &column); !problem.isEmpty()) {
            return invalidDetails(problem, column);
        }
    }
    QHash<QString, QVariant> values = in;
    values.remove(QStringLiteral("id"));
    RowWriter::AlsoWrite also = detailsWriter(d);
    if (also && loadedDetails && !overwrite) {
        // Inside the save's transaction: the lists must still be what the form showed.
        also = [also, expected = *loadedDetails](const QSqlDatabase& db, const QVariant& key, QString* error) {
            const Details now = details(db, key.toString());
            if (!(now == expected)) {
                *error = QStringLiteral("Someone else changed this course's features or marketplaces since the "
                                        "form loaded them (now: %1; %2). Nothing was saved; close the form and "
                                        "open it again to see their change.")
                             .arg(now.features.join(QStringLiteral(", ")), now.marketplaces.join(QStringLiteral(", ")));
                return false;
            }
            return also(db, key, error);
        };
    }
    return RowWriter::update(db, *TableSpec::forTable(QStringLiteral("courses")), loaded, values, overwrite, also);
}

QString DeletionCheck::confirmation(const QString& courseName) const
{
    const QString f = features == 1 ? QStringLiteral("1 feature") : QStringLiteral("%1 features").arg(features);
    const QString m =
        marketplaces == 1 ? QStringLiteral("1 marketplace") : QStringLiteral("%1 marketplaces").arg(marketplaces);
    return QStringLiteral("Delete %1? Its %2 and %3 are deleted with it.").arg(courseName, f, m);
}

DeletionCheck checkDeletion(const QSqlDatabase& db, const QString& courseId)
{
    DeletionCheck check;
    check.blocked = DeleteGuard::blockers(db, QStringLiteral("courses"), courseId);
    check.features =
        ServiceSql::scalar(db, QStringLiteral("SELECT COUNT(*) FROM course_features WHERE course_id = ?"), {courseId})
            .value_or(0)
            .toInt();
    check.marketplaces =
        ServiceSql::scalar(db, QStringLiteral("SELECT COUNT(*) FROM course_marketplaces WHERE course_id = ?"),
                           {courseId})
            .value_or(0)
            .toInt();
    return check;
}

} // namespace CourseService
