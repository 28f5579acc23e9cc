#include "ConnectionDialog.h"

#include "RecentConnections.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

ConnectionDialog::ConnectionDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("connectionDialog"));
    setWindowTitle(tr("Open connection"));

    m_urlEdit = new QLineEdit(this);
    m_urlEdit->setObjectName(QStringLiteral("urlEdit"));
    m_urlEdit->setPlaceholderText(QStringLiteral("sqlite:///path/to/file.db  or  postgresql://user@host:5432/dbname"));
    m_urlEdit->setMinimumWidth(460);
    m_browseButton = new QPushButton(tr("Browse…"), this);
    m_browseButton->setObjectName(QStringLiteral("browseButton"));
    auto* urlRow = new QHBoxLayout;
    urlRow->addWidget(m_urlEdit, 1);
    urlRow->addWidget(m_browseButton);

    m_passwordLabel = new QLabel(tr("Password:"), this);
    m_passwordLabel->setObjectName(QStringLiteral("passwordLabel"));
    m_passwordEdit = new QLineEdit(this);
    m_passwordEdit->setObjectName(QStringLiteral("passwordEdit"));
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_passwordEdit->setPlaceholderText(tr("Asked when the server wants one; never saved"));
    m_passwordEdit->setToolTip(tr("Used for this connection only; never saved"));

    m_reportsEdit = new QLineEdit(this);
    m_reportsEdit->setObjectName(QStringLiteral("reportsUrlEdit"));
    m_reportsEdit->setPlaceholderText(tr("Optional: a read replica for the dashboard, finance pages and reports"));
    m_reportsEdit->setToolTip(tr("Reads for reports run there; every change is still written to the database above"));

    m_recentList = new QListWidget(this);
    m_recentList->setObjectName(QStringLiteral("recentList"));
    m_recentList->addItems(RecentConnections::list());
    m_recentList->setMaximumHeight(140);

    m_errorLabel = new QLabel(this);
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setStyleSheet(QStringLiteral("color: #b00020"));
    m_errorLabel->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    m_demoButton = m_buttons->addButton(tr("Open demo database"), QDialogButtonBox::ActionRole);
    m_demoButton->setObjectName(QStringLiteral("demoButton"));

    auto* urlLabel = new QLabel(tr("Database URL:"), this);
    urlLabel->setObjectName(QStringLiteral("urlLabel"));
    urlLabel->setBuddy(m_urlEdit);
    m_passwordLabel->setBuddy(m_passwordEdit);
    auto* form = new QFormLayout;
    form->addRow(urlLabel, urlRow);
    form->addRow(m_passwordLabel, m_passwordEdit);
    auto* reportsLabel = new QLabel(tr("Reports database:"), this);
    reportsLabel->setObjectName(QStringLiteral("reportsUrlLabel"));
    reportsLabel->setBuddy(m_reportsEdit);
    form->addRow(reportsLabel, m_reportsEdit);
    auto* recentLabel = new QLabel(tr("Recent connections:"), this);
    recentLabel->setObjectName(QStringLiteral("recentLabel"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(recentLabel);
    layout->addWidget(m_recentList);
    layout->addWidget(m_errorLabel);
    layout->addWidget(m_buttons);

    connect(m_urlEdit, &QLineEdit::textChanged, this, &ConnectionDialog::updateForUrl);
    connect(m_browseButton, &QPushButton::clicked, this, &ConnectionDialog::browse);
    connect(m_recentList, &QListWidget::currentTextChanged, this, &ConnectionDialog::setUrl);
    connect(m_recentList, &QListWidget::itemDoubleClicked, this, &ConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectionDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ConnectionDialog::reject);
    connect(m_demoButton, &QPushButton::clicked, this, [this] {
        m_demo = true;
        QDialog::accept();
    });
    if (m_recentList->count() > 0) {
        m_recentList->setCurrentRow(0);
    }
    updateForUrl();
}

void ConnectionDialog::setUrl(const QString& url)
{
    m_urlEdit->setText(url);
}

void ConnectionDialog::updateForUrl()
{
    const bool postgres = m_urlEdit->text().trimmed().startsWith(QLatin1String("postgres"), Qt::CaseInsensitive);
    m_passwordLabel->setVisible(postgres);
    m_passwordEdit->setVisible(postgres);
    m_errorLabel->hide();
}

void ConnectionDialog::browse()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("SQLite database"), QString(),
                                                      tr("SQLite databases (*.db *.sqlite);;All files (*)"), nullptr,
                                                      QFileDialog::DontConfirmOverwrite);
    if (!file.isEmpty()) {
        setUrl(DatabaseUrl::sqliteFile(file).toString());
    }
}

std::optional<DatabaseUrl> ConnectionDialog::url() const
{
    QString error;
    auto parsed = DatabaseUrl::parse(m_urlEdit->text().trimmed(), &error);
    if (!parsed) {
        m_errorLabel->setText(error.isEmpty() ? tr("Not a database URL") : error);
        m_errorLabel->show();
        return std::nullopt;
    }
    if (parsed->engine == Engine::Postgres && !m_passwordEdit->text().isEmpty()) {
        parsed->password = m_passwordEdit->text();
    }
    return parsed;
}

QString ConnectionDialog::reportsUrl() const
{
    return m_reportsEdit->text().trimmed();
}

void ConnectionDialog::accept()
{
    QString error;
    if (!reportsUrl().isEmpty() && !DatabaseUrl::parse(reportsUrl(), &error)) {
        m_errorLabel->setText(tr("Reports database: %1").arg(error.isEmpty() ? tr("not a database URL") : error));
        m_errorLabel->show();
        return;
    }
    if (url()) {
        QDialog::accept();
    }
}
