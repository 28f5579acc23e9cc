// The layering rule, checked on the sources: no two folders of src/core or src/gui include each
// other, directly or through others (core/models -> core/services -> core/models would make the
// write path and the models one tangle again). Reads every #include "folder/…" of every file.
#include <QDirIterator>
#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

namespace {
using Graph = QHash<QString, QSet<QString>>; // "core/models" -> {"core/services", …}

// The folder ("core/models") a file of src/core or src/gui belongs to.
QString folderOf(const QString& source, const QString& path)
{
    const QStringList parts = QDir(source).relativeFilePath(path).split(QLatin1Char('/'));
    return parts.size() >= 3 ? parts.at(0) + QLatin1Char('/') + parts.at(1) : QString();
}

Graph includeGraph(const QString& source, QStringList* edges)
{
    // #include "folder/file.h" (a plain literal: moc's lexer trips over this one as a raw string)
    static const QRegularExpression include(QStringLiteral("^\\s*#\\s*include\\s+\"([A-Za-z_]+)/[^\"]+\""),
                                            QRegularExpression::MultilineOption);
    Graph graph;
    for (const char* library : {"core", "gui"}) {
        QDirIterator it(source + QLatin1Char('/') + QLatin1String(library),
                        {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString from = folderOf(source, path);
            QFile file(path);
            if (from.isEmpty() || !file.open(QIODevice::ReadOnly)) {
                continue;
            }
            const QString text = QString::fromUtf8(file.readAll());
            for (auto m = include.globalMatch(text); m.hasNext();) {
                const QString top = m.next().captured(1);
                // "models/…" from gui means core/models; from core, its own library first.
                QString to;
                for (const char* lib : {library, "core"}) {
                    if (QDir(source + QLatin1Char('/') + QLatin1String(lib) + QLatin1Char('/') + top).exists()) {
                        to = QLatin1String(lib) + QLatin1Char('/') + top;
                        break;
                    }
                }
                if (!to.isEmpty() && to != from && !graph[from].contains(to)) {
                    graph[from].insert(to);
                    edges->append(QStringLiteral("%1 -> %2 (%3)").arg(from, to, QFileInfo(path).fileName()));
                }
            }
        }
    }
    return graph;
}

// A cycle through `start`, as "a -> b -> a", or empty.
QString cycleFrom(const Graph& graph, const QString& start)
{
    QList<QStringList> paths{{start}};
    QSet<QString> seen{start};
    while (!paths.isEmpty()) {
        const QStringList path = paths.takeFirst();
        for (const QString& next : graph.value(path.last())) {
            if (next == start) {
                return (path + QStringList{start}).join(QStringLiteral(" -> "));
            }
            if (!seen.contains(next)) {
                seen.insert(next);
                paths.append(path + QStringList{next});
            }
        }
    }
    return QString();
}
} // namespace

class TestIncludeGraph : public QObject
{
    Q_OBJECT
private slots:
    void noFolderCycles()
    {
        const QString source = QStringLiteral(COURSEDESK_SOURCE_DIR "/src");
        QStringList edges;
        const Graph graph = includeGraph(source, &edges);
        QVERIFY2(graph.value(QStringLiteral("core/models")).contains(QStringLiteral("core/services")),
                 "the scan found no includes: is COURSEDESK_SOURCE_DIR right?");
        for (auto it = graph.cbegin(); it != graph.cend(); ++it) {
            const QString cycle = cycleFrom(graph, it.key());
            QVERIFY2(cycle.isEmpty(), qPrintable(cycle + QStringLiteral("\n") + edges.join(QLatin1Char('\n'))));
        }
        // src/core never includes src/gui (core has no widgets).
        for (auto it = graph.cbegin(); it != graph.cend(); ++it) {
            if (it.key().startsWith(QLatin1String("core/"))) {
                for (const QString& to : it.value()) {
                    QVERIFY2(!to.startsWith(QLatin1String("gui/")), qPrintable(it.key() + QStringLiteral(" -> ") + to));
                }
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestIncludeGraph)
#include "tst_includegraph.moc"
