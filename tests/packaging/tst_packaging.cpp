#include "about/AboutDialog.h"

#include <QFile>
#include <QFileInfo>
#include <QIcon>
#include <QImage>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSqlDatabase>
#include <QSqlError>
#include <QTest>
#include <QXmlStreamReader>

#include <array>

namespace {

constexpr std::array kIconSizes{16, 24, 32, 48, 64, 128, 256, 512};

QString sourcePath(const QString& relative)
{
    return QStringLiteral(COURSEDESK_SOURCE_DIR "/") + relative;
}

QString appId()
{
    return QStringLiteral(COURSEDESK_APP_ID);
}

// The [Desktop Entry] group of a .desktop file as key -> value (no localised keys).
QHash<QString, QString> readDesktopEntry(const QString& path, QString* error)
{
    QHash<QString, QString> entry;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        *error = file.errorString();
        return entry;
    }
    QString group;
    int lineNumber = 0;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        ++lineNumber;
        if (line.isEmpty() || line.startsWith(QLatin1Char('#'))) {
            continue;
        }
        if (line.startsWith(QLatin1Char('[')) && line.endsWith(QLatin1Char(']'))) {
            group = line.mid(1, line.size() - 2);
            continue;
        }
        const qsizetype equals = line.indexOf(QLatin1Char('='));
        if (equals <= 0 || group.isEmpty()) {
            *error = QStringLiteral("line %1 is neither a group, a comment nor key=value").arg(lineNumber);
            return {};
        }
        if (group == QLatin1String("Desktop Entry")) {
            entry.insert(line.left(equals).trimmed(), line.mid(equals + 1).trimmed());
        }
    }
    return entry;
}

struct MetaInfo
{
    QString id;
    QString launchable;
    QString icon;
    QString projectLicense;
    QString firstReleaseVersion;
    QString binary;
};

MetaInfo readMetaInfo(const QString& path, QString* error)
{
    MetaInfo info;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return info;
    }
    QXmlStreamReader xml(&file);
    QStringList elements;
    while (!xml.atEnd()) {
        const QXmlStreamReader::TokenType token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            elements << xml.name().toString();
            const QString path = elements.join(QLatin1Char('/'));
            if (path == QLatin1String("component/releases/release") && info.firstReleaseVersion.isEmpty()) {
                info.firstReleaseVersion = xml.attributes().value(QLatin1String("version")).toString();
            } else if (path == QLatin1String("component/id")) {
                info.id = xml.readElementText();
                elements.removeLast();
            } else if (path == QLatin1String("component/launchable")) {
                info.launchable = xml.readElementText();
                elements.removeLast();
            } else if (path == QLatin1String("component/icon")) {
                info.icon = xml.readElementText();
                elements.removeLast();
            } else if (path == QLatin1String("component/project_license")) {
                info.projectLicense = xml.readElementText();
                elements.removeLast();
            } else if (path == QLatin1String("component/provides/binary")) {
                info.binary = xml.readElementText();
                elements.removeLast();
            }
        } else if (token == QXmlStreamReader::EndElement) {
            elements.removeLast();
        }
    }
    if (xml.hasError()) {
        *error = QStringLiteral("%1 at line %2").arg(xml.errorString()).arg(xml.lineNumber());
    }
    return info;
}

// The first line of a Debian changelog: "coursedesk (0.1.0) unstable; urgency=medium".
QString debianChangelogVersion(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return {};
    }
    const QString first = QString::fromUtf8(file.readLine());
    const qsizetype open = first.indexOf(QLatin1Char('('));
    const qsizetype close = first.indexOf(QLatin1Char(')'));
    return open > 0 && close > open ? first.mid(open + 1, close - open - 1) : QString();
}

bool isWellFormedXml(const QString& path, QString* rootElement)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return false;
    }
    QXmlStreamReader xml(&file);
    while (!xml.atEnd()) {
        if (xml.readNext() == QXmlStreamReader::StartElement && rootElement->isEmpty()) {
            *rootElement = xml.name().toString();
        }
    }
    return !xml.hasError();
}

} // namespace

class TestPackaging : public QObject
{
    Q_OBJECT
private slots:
    void desktopEntry();
    void metaInfoMatchesDesktopEntry();
    void versionsMatchProject();
    void iconFiles_data();
    void iconFiles();
    void iconResources();
    void platformIcons();
    void macBundleInfo();
    void aboutDialogShowsVersionAndDrivers();
    void aboutDialogWithoutConnection();
};

void TestPackaging::desktopEntry()
{
    QString error;
    const auto entry = readDesktopEntry(sourcePath(QStringLiteral("packaging/linux/%1.desktop").arg(appId())), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(entry.value(QStringLiteral("Type")), QStringLiteral("Application"));
    QCOMPARE(entry.value(QStringLiteral("Name")), QStringLiteral("Coursedesk"));
    QCOMPARE(entry.value(QStringLiteral("Icon")), appId());
    QCOMPARE(entry.value(QStringLiteral("Exec")).section(QLatin1Char(' '), 0, 0), QStringLiteral("coursedesk"));
    QVERIFY(entry.value(QStringLiteral("Categories")).endsWith(QLatin1Char(';')));
}

void TestPackaging::metaInfoMatchesDesktopEntry()
{
    QString error;
    const MetaInfo info =
        readMetaInfo(sourcePath(QStringLiteral("packaging/linux/%1.metainfo.xml").arg(appId())), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(info.id, appId());
    QCOMPARE(info.launchable, appId() + QStringLiteral(".desktop"));
    QVERIFY(QFileInfo::exists(sourcePath(QStringLiteral("packaging/linux/") + info.launchable)));
    QCOMPARE(info.icon, appId());
    QCOMPARE(info.projectLicense, QStringLiteral("MIT"));
    QCOMPARE(info.binary, QStringLiteral("coursedesk"));
}

void TestPackaging::versionsMatchProject()
{
    const QString version = QStringLiteral(COURSEDESK_PROJECT_VERSION);
    QCOMPARE(QStringLiteral(COURSEDESK_VERSION), version);

    QString error;
    const MetaInfo info =
        readMetaInfo(sourcePath(QStringLiteral("packaging/linux/%1.metainfo.xml").arg(appId())), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(info.firstReleaseVersion, version);
    QCOMPARE(debianChangelogVersion(sourcePath(QStringLiteral("packaging/linux/changelog"))), version);
}

void TestPackaging::iconFiles_data()
{
    QTest::addColumn<int>("size");
    for (const int size : kIconSizes) {
        QTest::addRow("%dpx", size) << size;
    }
}

void TestPackaging::iconFiles()
{
    QFETCH(int, size);
    const QString path = sourcePath(QStringLiteral("resources/icons/coursedesk-%1.png").arg(size));
    QImage image;
    QVERIFY2(image.load(path, "PNG"), qPrintable(path));
    QCOMPARE(image.size(), QSize(size, size));
    QVERIFY(image.hasAlphaChannel());
    // Drawn, not blank: the centre is opaque and differs from the transparent corner.
    QCOMPARE(qAlpha(image.pixel(size / 2, size / 2)), 255);
    QCOMPARE(qAlpha(image.pixel(0, 0)), 0);
}

void TestPackaging::iconResources()
{
    for (const int size : kIconSizes) {
        const QImage image(QStringLiteral(":/icons/coursedesk-%1.png").arg(size));
        QCOMPARE(image.size(), QSize(size, size));
    }
    QString root;
    QVERIFY(QFile::exists(QStringLiteral(":/icons/coursedesk.svg")));
    QVERIFY(isWellFormedXml(QStringLiteral(":/icons/coursedesk.svg"), &root));
    QCOMPARE(root, QStringLiteral("svg"));
    QVERIFY(QFile::exists(QStringLiteral(":/about/LICENSE.txt")));
}

void TestPackaging::platformIcons()
{
    // Windows .ico: reserved 0, type 1 (icon), then the number of images.
    QFile ico(sourcePath(QStringLiteral("packaging/windows/coursedesk.ico")));
    QVERIFY(ico.open(QIODevice::ReadOnly));
    const QByteArray icoHeader = ico.read(6);
    QCOMPARE(icoHeader.left(4), QByteArray("\x00\x00\x01\x00", 4));
    QVERIFY(static_cast<uchar>(icoHeader.at(4)) >= 5);

    // macOS .icns: "icns" and the big-endian length of the whole file.
    QFile icns(sourcePath(QStringLiteral("packaging/macos/coursedesk.icns")));
    QVERIFY(icns.open(QIODevice::ReadOnly));
    const QByteArray icnsHeader = icns.read(8);
    QCOMPARE(icnsHeader.left(4), QByteArray("icns"));
    const quint32 length = (quint32(uchar(icnsHeader[4])) << 24) | (quint32(uchar(icnsHeader[5])) << 16) |
                           (quint32(uchar(icnsHeader[6])) << 8) | quint32(uchar(icnsHeader[7]));
    QCOMPARE(qint64(length), icns.size());
}

void TestPackaging::macBundleInfo()
{
    const QString path = sourcePath(QStringLiteral("packaging/macos/Info.plist.in"));
    QString root;
    QVERIFY(isWellFormedXml(path, &root));
    QCOMPARE(root, QStringLiteral("plist"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray plist = file.readAll();
    QVERIFY(plist.contains("<key>CFBundleIdentifier</key>"));
    QVERIFY(plist.contains("${MACOSX_BUNDLE_GUI_IDENTIFIER}"));
    QVERIFY(plist.contains("${MACOSX_BUNDLE_SHORT_VERSION_STRING}"));
}

void TestPackaging::aboutDialogShowsVersionAndDrivers()
{
    const QString connection = QStringLiteral("tst_packaging_about");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(QStringLiteral(":memory:"));
        QVERIFY2(db.open(), qPrintable(db.lastError().text()));

        AboutDialog dialog(db);
        dialog.resize(640, 520);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));

        const auto* version = dialog.findChild<QLabel*>(QStringLiteral("aboutVersion"));
        QVERIFY(version);
        QVERIFY2(version->text().contains(QStringLiteral(COURSEDESK_PROJECT_VERSION)), qPrintable(version->text()));

        const auto* qt = dialog.findChild<QLabel*>(QStringLiteral("aboutQtVersion"));
        QVERIFY(qt);
        QVERIFY(qt->text().contains(QString::fromLatin1(qVersion())));

        const auto* database = dialog.findChild<QLabel*>(QStringLiteral("aboutDatabase"));
        QVERIFY(database);
        QVERIFY2(database->text().contains(QStringLiteral("QSQLITE")), qPrintable(database->text()));
        QVERIFY2(database->text().contains(QStringLiteral("SQLite 3.")), qPrintable(database->text()));

        const auto* drivers = dialog.findChild<QLabel*>(QStringLiteral("aboutDrivers"));
        QVERIFY(drivers);
        for (const QString& driver : QSqlDatabase::drivers()) {
            QVERIFY2(drivers->text().contains(driver), qPrintable(driver));
        }

        const auto* license = dialog.findChild<QPlainTextEdit*>(QStringLiteral("aboutLicense"));
        QVERIFY(license);
        QVERIFY(license->toPlainText().startsWith(QStringLiteral("MIT License")));
        QVERIFY(license->toPlainText().contains(QStringLiteral("Coursedesk developers")));

        const auto* icon = dialog.findChild<QLabel*>(QStringLiteral("aboutIcon"));
        QVERIFY(icon);
        QVERIFY(!icon->pixmap().isNull());
        QVERIFY(!dialog.windowIcon().isNull());

        // Found by objectName in GUI tests: every widget has one.
        for (const QWidget* widget : dialog.findChildren<QWidget*>()) {
            const QWidget* parent = widget->parentWidget();
            if (widget->objectName().startsWith(QLatin1String("qt_")) ||
                (parent && parent->objectName().startsWith(QLatin1String("qt_")))) {
                continue; // Qt's own internals: a scroll area's viewport and scroll bars
            }
            QVERIFY2(!widget->objectName().isEmpty(), widget->metaObject()->className());
        }
    }
    QSqlDatabase::removeDatabase(connection);
}

void TestPackaging::aboutDialogWithoutConnection()
{
    AboutDialog dialog{QSqlDatabase()};
    const auto* database = dialog.findChild<QLabel*>(QStringLiteral("aboutDatabase"));
    QVERIFY(database);
    QVERIFY(!database->text().isEmpty());
    const auto* version = dialog.findChild<QLabel*>(QStringLiteral("aboutVersion"));
    QVERIFY(version);
    QCOMPARE(version->text(), QStringLiteral(COURSEDESK_PROJECT_VERSION));
}

QTEST_MAIN(TestPackaging)
#include "tst_packaging.moc"
