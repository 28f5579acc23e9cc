#include "BulkEnrollDialog.h"

#include "RelationPicker.h"
#include "services/UserService.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QVBoxLayout>

BulkEnrollDialog::BulkEnrollDialog(QSqlDatabase db, const QString& courseId, QWidget* parent)
    : QDialog(parent), m_db(std::move(db))
{
    setObjectName(QStringLiteral("bulkEnrollDialog"));
    setWindowTitle(tr("Complimentary enrollment"));
    m_course = new QComboBox(this);
    m_course->setObjectName(QStringLiteral("courseCombo"));
    // The catalog is a handful of courses: listing them all is fine (users are not).
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("SELECT id, name FROM courses ORDER BY name"))) {
        while (query.next()) {
            m_course->addItem(query.value(1).toString(), query.value(0));
        }
    }
    m_users = new RelationPicker(QStringLiteral("user"), this);
    m_users->setMultiSelection(true);
    m_users->setPlaceholderText(tr("Type an email or name; select matches, then Add"));
    m_users->setLookup([this](const QString& text) {
        QList<RelationPicker::Match> out;
        if (text.trimmed().isEmpty()) {
            return out;
        }
        for (const auto& m : UserService::findUsers(m_db, text)) {
            out.append({m.id, m.display()});
        }
        return out;
    });
    auto* add = new QPushButton(tr("Add selected"), this);
    add->setObjectName(QStringLiteral("addUsersButton"));
    auto* remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(QStringLiteral("removeUserButton"));
    m_chosen = new QListWidget(this);
    m_chosen->setObjectName(QStringLiteral("chosenUsersList"));
    m_pasted = new QPlainTextEdit(this);
    m_pasted->setObjectName(QStringLiteral("pastedEmailsEdit"));
    m_pasted->setPlaceholderText(tr("Or paste emails, one per line or separated by commas"));
    m_pasted->setTabChangesFocus(true);
    m_reason = new QLineEdit(this);
    m_reason->setObjectName(QStringLiteral("reasonEdit"));
    m_reason->setPlaceholderText(tr("Why (kept in the audit log), e.g. scholarship"));
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("resultLabel"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* chosenButtons = new QHBoxLayout;
    chosenButtons->addWidget(add);
    chosenButtons->addWidget(remove);
    chosenButtons->addStretch(1);
    auto* form = new QFormLayout;
    form->addRow(tr("&Course"), m_course);
    form->addRow(tr("Find &users"), m_users);
    form->addRow(QString(), chosenButtons);
    form->addRow(tr("To enroll"), m_chosen);
    form->addRow(tr("&Emails"), m_pasted);
    form->addRow(tr("&Reason"), m_reason);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("buttonBox"));
    auto* enrollButton = buttons->addButton(tr("Enroll"), QDialogButtonBox::ActionRole);
    enrollButton->setObjectName(QStringLiteral("enrollButton"));
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("closeButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(enrollButton, &QPushButton::clicked, this, &BulkEnrollDialog::enroll);
    connect(add, &QPushButton::clicked, this, &BulkEnrollDialog::addSelectedUsers);
    connect(remove, &QPushButton::clicked, this, [this] { delete m_chosen->takeItem(m_chosen->currentRow()); });
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    setCourse(courseId);
    resize(520, 600);
}

void BulkEnrollDialog::setCourse(const QString& courseId)
{
    const int i = m_course->findData(courseId);
    if (i >= 0) {
        m_course->setCurrentIndex(i);
    }
}

void BulkEnrollDialog::addSelectedUsers()
{
    for (const auto& m : m_users->selectedMatches()) {
        bool present = false;
        for (int i = 0; i < m_chosen->count(); ++i) {
            present = present || m_chosen->item(i)->data(Qt::UserRole).toString() == m.key.toString();
        }
        if (!present) {
            auto* item = new QListWidgetItem(m.display, m_chosen);
            item->setData(Qt::UserRole, m.key);
        }
    }
}

bool BulkEnrollDialog::enroll()
{
    QList<QVariant> ids;
    for (int i = 0; i < m_chosen->count(); ++i) {
        ids << m_chosen->item(i)->data(Qt::UserRole);
    }
    const QStringList emails = EnrollmentService::parseEmails(m_pasted->toPlainText());
    if (ids.isEmpty() && emails.isEmpty()) {
        m_result->setText(tr("Add users or paste their emails first."));
        return false;
    }
    const QString courseId = m_course->currentData().toString();
    m_last = EnrollmentService::enrollComplimentary(m_db, courseId, ids, emails, m_reason->text().trimmed());
    m_result->setText(m_last.ok ? m_last.summary() : m_last.message);
    if (m_last.ok) {
        // Done ones leave the lists; the report stays for the unknown and skipped.
        m_chosen->clear();
        m_pasted->setPlainText(m_last.unknown.join(QLatin1Char('\n')));
        emit enrolled(courseId);
    }
    return m_last.ok;
}
