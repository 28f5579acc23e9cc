#include "AboutDialog.h"

#include "db/Database.h"

#include <QDialogButtonBox>
#include <QFile>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace {

// The icon from the PNGs in :/icons (resources/CMakeLists.txt): PNGs need no image plugin, the
// SVG would need Qt's SVG icon engine at run time.
QIcon appIcon()
{
    QIcon icon;
    for (const int size : {16, 24, 32, 48, 64, 128, 256, 512}) {
        icon.addFile(QStringLiteral(":/icons/coursedesk-%1.png").arg(size), QSize(size, size));
    }
    return icon;
}

QString licenseText()
{
    QFile file(QStringLiteral(":/about/LICENSE.txt"));
    if (file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        return QString::fromUtf8(file.readAll());
    }
    return QStringLiteral("MIT License\n\nCopyright (c) Coursedesk developers");
}

QLabel* label(const QString& objectName, const QString& text, QWidget* parent)
{
    auto* l = new QLabel(text, parent);
    l->setObjectName(objectName);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setWordWrap(true);
    return l;
}

} // namespace

AboutDialog::AboutDialog(QSqlDatabase db, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("AboutDialog"));
    setWindowTitle(tr("About Coursedesk"));

    const QIcon icon = appIcon();
    setWindowIcon(icon);

    auto* iconLabel = new QLabel(this);
    iconLabel->setObjectName(QStringLiteral("aboutIcon"));
    iconLabel->setPixmap(icon.pixmap(QSize(96, 96)));
    iconLabel->setAlignment(Qt::AlignTop);

    auto* title = new QLabel(QStringLiteral("<h2>Coursedesk</h2>"), this);
    title->setObjectName(QStringLiteral("aboutTitle"));
    auto* summary =
        label(QStringLiteral("aboutSummary"), tr("Back office for the Coursedesk learning platform."), this);

    // Driver and server: what this window is connected to right now.
    QString database = tr("Not connected");
    if (db.isValid() && db.isOpen()) {
        const QString server = Database::serverVersion(db);
        database = server.isEmpty() ? db.driverName() : tr("%1 (%2)").arg(server, db.driverName());
    } else if (db.isValid()) {
        database = tr("%1 (not open)").arg(db.driverName());
    }

    auto* details = new QFormLayout;
    details->setObjectName(QStringLiteral("aboutDetails"));
    details->addRow(tr("Version:"), label(QStringLiteral("aboutVersion"), QStringLiteral(COURSEDESK_VERSION), this));
    details->addRow(tr("Qt:"),
                    label(QStringLiteral("aboutQtVersion"),
                          tr("%1 (built with %2)").arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR)),
                          this));
    details->addRow(tr("Database:"), label(QStringLiteral("aboutDatabase"), database, this));
    details->addRow(tr("Drivers:"),
                    label(QStringLiteral("aboutDrivers"), QSqlDatabase::drivers().join(QStringLiteral(", ")), this));
    for (int row = 0; row < details->rowCount(); ++row) {
        if (QLayoutItem* item = details->itemAt(row, QFormLayout::LabelRole); item && item->widget()) {
            item->widget()->setObjectName(QStringLiteral("aboutDetailsLabel%1").arg(row));
        }
    }

    auto* license = new QPlainTextEdit(licenseText(), this);
    license->setObjectName(QStringLiteral("aboutLicense"));
    license->setReadOnly(true);
    license->setLineWrapMode(QPlainTextEdit::NoWrap); // the text is wrapped at 80 columns already
    license->setMinimumSize(license->fontMetrics().averageCharWidth() * 90, 200);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("aboutButtons"));
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("aboutCloseButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* text = new QVBoxLayout;
    text->setObjectName(QStringLiteral("aboutTextLayout"));
    text->addWidget(title);
    text->addWidget(summary);
    text->addLayout(details);

    auto* header = new QHBoxLayout;
    header->setObjectName(QStringLiteral("aboutHeaderLayout"));
    header->addWidget(iconLabel);
    header->addLayout(text, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setObjectName(QStringLiteral("aboutLayout"));
    layout->addLayout(header);
    layout->addWidget(license, 1);
    layout->addWidget(buttons);
}
