#include "ImportPlan.h"

#include <QLocale>
#include <QSet>

int ImportPlan::passwordsToHash() const
{
    int n = 0;
    for (const QList<ImportUser>* list : {&creates, &updates}) {
        for (const ImportUser& u : *list) {
            if (!u.password.isEmpty()) {
                ++n;
            }
        }
    }
    return n;
}

QString ImportPlan::summary() const
{
    const QLocale locale;
    if (options.kind == ImportKind::Enrollments) {
        return QStringLiteral("%1 complimentary enrollment%2 to make (0.00 PAID order + ACTIVE enrollment each)")
            .arg(locale.toString(enrollments.size()), enrollments.size() == 1 ? QString() : QStringLiteral("s"));
    }
    QString text = QStringLiteral("%1 user%2 to create, %3 to update")
                       .arg(locale.toString(creates.size()), creates.size() == 1 ? QString() : QStringLiteral("s"),
                            locale.toString(updates.size()));
    if (unchanged > 0) {
        text += QStringLiteral(", %1 already up to date").arg(locale.toString(unchanged));
    }
    return text;
}

QString ImportPlan::report() const
{
    QStringList lines;
    QSet<int> badLines;
    for (const ImportIssue& issue : issues) {
        lines << issue.text();
        badLines.insert(issue.line);
    }
    if (!issues.isEmpty()) {
        lines << QStringLiteral("%1 problem%2 on %3 of %4 lines; nothing was imported")
                     .arg(issues.size())
                     .arg(issues.size() == 1 ? QString() : QStringLiteral("s"))
                     .arg(badLines.size())
                     .arg(this->lines);
    } else {
        lines << summary();
    }
    return lines.join(QLatin1Char('\n'));
}
