#include "UserForm.h"

#include "domain/CellFormat.h"

#include "ui_UserForm.h"

#include "db/SqlTime.h"
#include "forms/Prompt.h"
#include "money/Money.h"
#include "services/ServiceSql.h"
#include "services/UserService.h"

#include <QHeaderView>
#include <QLocale>
#include <QSqlQuery>
#include <QStandardItemModel>

namespace PV = PlatformValues;

UserForm::UserForm(PlatformTableModel* model, int row, QWidget* parent)
    : RecordForm(*TableSpec::forTable(QStringLiteral("users")), model, row, parent),
      m_ui(std::make_unique<Ui::UserFormContent>())
{
    auto* content = new QWidget(this);
    content->setObjectName(QStringLiteral("userFormContent"));
    m_ui->setupUi(content);
    setContent(content);
    m_ui->stateCombo->setPlainValues(PV::indianStates(), true);
    m_ui->roleCombo->setKind(PV::Kind::UserRole);
    m_ui->experienceLevelCombo->setKind(PV::Kind::ExperienceLevel, true);
    m_orders = new QStandardItemModel(this);
    m_orders->setObjectName(QStringLiteral("userOrdersModel"));
    m_enrollments = new QStandardItemModel(this);
    m_enrollments->setObjectName(QStringLiteral("userEnrollmentsModel"));
    m_ui->ordersView->setModel(m_orders);
    m_ui->enrollmentsView->setModel(m_enrollments);
    for (QTableView* view : {m_ui->ordersView, m_ui->enrollmentsView}) {
        view->horizontalHeader()->setStretchLastSection(true);
        view->verticalHeader()->setVisible(false);
    }

    bind(m_ui->firstNameEdit, QStringLiteral("first_name"));
    bind(m_ui->lastNameEdit, QStringLiteral("last_name"));
    bind(m_ui->emailEdit, QStringLiteral("email"));
    bind(m_ui->phoneEdit, QStringLiteral("phone"));
    bind(m_ui->whatsappEdit, QStringLiteral("whatsapp"));
    bind(m_ui->addressEdit, QStringLiteral("address"));
    bind(m_ui->cityEdit, QStringLiteral("city"));
    bind(m_ui->stateCombo, QStringLiteral("state"));
    bind(m_ui->pincodeEdit, QStringLiteral("pincode"));
    bind(m_ui->roleCombo, QStringLiteral("role"));
    load();

    if (isNew()) {
        setWindowTitle(tr("New user"));
        m_ui->roleCombo->setCode(PV::user);
        m_ui->resetPasswordButton->setVisible(false);
        m_ui->tabs->setTabEnabled(m_ui->tabs->indexOf(m_ui->ordersTab), false);
        m_ui->tabs->setTabEnabled(m_ui->tabs->indexOf(m_ui->enrollmentsTab), false);
    } else {
        setWindowTitle(tr("User %1").arg(m_ui->emailEdit->text()));
        m_ui->passwordEditLabel->setText(tr("New pass&word"));
        m_ui->passwordEdit->setPlaceholderText(tr("Only to reset the password"));
    }
    connect(m_ui->resetPasswordButton, &QPushButton::clicked, this, &UserForm::resetPassword);
    resize(600, 660);
}

UserForm::~UserForm() = default;

QHash<QString, QVariant> UserForm::formValues() const
{
    return {{QStringLiteral("first_name"), m_ui->firstNameEdit->text()},
            {QStringLiteral("last_name"), m_ui->lastNameEdit->text()},
            {QStringLiteral("email"), m_ui->emailEdit->text().trimmed()},
            {QStringLiteral("phone"), m_ui->phoneEdit->text().trimmed()},
            {QStringLiteral("whatsapp"), m_ui->whatsappEdit->text().trimmed()},
            {QStringLiteral("address"), m_ui->addressEdit->text()},
            {QStringLiteral("city"), m_ui->cityEdit->text()},
            {QStringLiteral("state"), m_ui->stateCombo->code()},
            {QStringLiteral("pincode"), m_ui->pincodeEdit->text().trimmed()},
            {QStringLiteral("role"), m_ui->roleCombo->code()}};
}

UserService::BusinessInfo UserForm::business() const
{
    UserService::BusinessInfo info;
    info.experienceLevel = m_ui->experienceLevelCombo->code();
    info.currentBusiness = m_ui->currentBusinessEdit->toPlainText();
    info.goals = m_ui->goalsEdit->toPlainText();
    return info;
}

QList<RowValidator::Violation> UserForm::formChecks() const
{
    QList<RowValidator::Violation> out;
    const QString password = m_ui->passwordEdit->text();
    if (isNew() || !password.isEmpty()) {
        if (const QString problem = UserService::passwordProblem(password); !problem.isEmpty()) {
            out.append({QStringLiteral("password"), problem});
        } else if (password != m_ui->passwordConfirmEdit->text()) {
            out.append({QStringLiteral("password"), tr("The two passwords differ")});
        }
    }
    if (!isNew() && !password.isEmpty() && out.isEmpty()) {
        // Saving the form does not change the password: that is Reset password's job, and a
        // typed-but-not-applied password must not be silently dropped.
        out.append(
            {QStringLiteral("password"), tr("Use Reset password to store the new password, or clear the fields")});
    }
    return out;
}

RowWriter::Result UserForm::writeNew(const QHash<QString, QVariant>& values)
{
    const auto result = UserService::create(database(), values, m_ui->passwordEdit->text(), business());
    if (result.ok()) {
        m_ui->passwordEdit->clear();
        m_ui->passwordConfirmEdit->clear();
    }
    return result;
}

RowWriter::Result UserForm::writeExisting(const RowSnapshot& loaded, const QHash<QString, QVariant>& values,
                                          bool overwrite)
{
    return UserService::update(database(), loaded, values, overwrite, business(), m_loadedBusiness);
}

bool UserForm::resetPassword()
{
    errors()->clear();
    const QString password = m_ui->passwordEdit->text();
    QString problem = UserService::passwordProblem(password);
    if (problem.isEmpty() && password != m_ui->passwordConfirmEdit->text()) {
        problem = tr("The two passwords differ");
    }
    if (!problem.isEmpty()) {
        errors()->show(QStringLiteral("password"), problem);
        return false;
    }
    if (Prompt::ask(
            this, tr("Reset password"),
            tr("Replace the password of %1? They will have to sign in with the new one.").arg(m_ui->emailEdit->text()),
            Prompt::Yes | Prompt::Cancel, Prompt::Cancel) != Prompt::Yes) {
        return false;
    }
    const auto result = UserService::resetPassword(database(), key(), password);
    if (!result.ok) {
        errors()->show(QStringLiteral("password"), result.message);
        return false;
    }
    m_ui->passwordEdit->clear();
    m_ui->passwordConfirmEdit->clear();
    Prompt::inform(this, tr("Reset password"), tr("The password of %1 was changed.").arg(m_ui->emailEdit->text()));
    return true;
}

void UserForm::loadExtras()
{
    if (isNew()) {
        return;
    }
    const auto info = UserService::businessInfo(database(), key());
    m_loadedBusiness = info.value_or(UserService::BusinessInfo());
    m_ui->experienceLevelCombo->setCode(info ? info->experienceLevel : QString());
    m_ui->currentBusinessEdit->setPlainText(info ? info->currentBusiness : QString());
    m_ui->goalsEdit->setPlainText(info ? info->goals : QString());
    loadHistory();
}

void UserForm::loadHistory()
{
    const SqlTime time = SqlTime::forConnection(database());
    auto when = [&](const QVariant& v) {
        const QDateTime t = time.fromDb(v);
        return t.isValid() ? CellFormat::timestamp(t) : QString();
    };
    m_orders->clear();
    m_orders->setHorizontalHeaderLabels({tr("Order number"), tr("Course"), tr("Amount"), tr("Status"), tr("Created")});
    QSqlQuery query(database());
    query.prepare(
        QStringLiteral("SELECT o.order_number, c.name, %1, o.currency, o.status, o.created_at FROM orders o "
                       "LEFT JOIN courses c ON c.id = o.course_id WHERE o.user_id = ? ORDER BY o.created_at DESC")
            .arg(ServiceSql::minorUnits(database(), QStringLiteral("o.amount"))));
    query.addBindValue(key());
    if (query.exec()) {
        while (query.next()) {
            const auto minor = Money::minorFromSqlMinorUnits(query.value(2)).value_or(0);
            QList<QStandardItem*> items{new QStandardItem(query.value(0).toString()),
                                        new QStandardItem(query.value(1).toString()),
                                        new QStandardItem(Money::format(minor, query.value(3).toString())),
                                        new QStandardItem(PV::label(PV::Kind::OrderStatus, query.value(4).toString())),
                                        new QStandardItem(when(query.value(5)))};
            items[2]->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            m_orders->appendRow(items);
        }
    }
    m_enrollments->clear();
    m_enrollments->setHorizontalHeaderLabels(
        {tr("Course"), tr("Order"), tr("Status"), tr("Enrolled"), tr("Completed")});
    query.prepare(
        QStringLiteral("SELECT c.name, o.order_number, e.status, e.enrollment_date, e.completion_date "
                       "FROM enrollments e LEFT JOIN courses c ON c.id = e.course_id "
                       "LEFT JOIN orders o ON o.id = e.order_id WHERE e.user_id = ? ORDER BY e.enrollment_date DESC"));
    query.addBindValue(key());
    if (query.exec()) {
        while (query.next()) {
            m_enrollments->appendRow(
                {new QStandardItem(query.value(0).toString()), new QStandardItem(query.value(1).toString()),
                 new QStandardItem(PV::label(PV::Kind::EnrollmentStatus, query.value(2).toString())),
                 new QStandardItem(when(query.value(3))), new QStandardItem(when(query.value(4)))});
        }
    }
    for (QStandardItemModel* m : {m_orders, m_enrollments}) {
        for (int r = 0; r < m->rowCount(); ++r) {
            for (int c = 0; c < m->columnCount(); ++c) {
                m->item(r, c)->setEditable(false);
            }
        }
    }
    m_ui->ordersView->resizeColumnsToContents();
    m_ui->enrollmentsView->resizeColumnsToContents();
}
