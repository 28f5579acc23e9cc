#pragma once

#include "RecordForm.h"
#include "services/UserService.h"

#include <memory>

namespace Ui {
class UserFormContent;
}
class QStandardItemModel;

// A platform user: contact details, role, password (new users; Reset password for existing ones),
// the single business-info row, and their orders and enrollments read-only. The password hash is
// never loaded into the form.
class UserForm : public RecordForm
{
    Q_OBJECT
public:
    UserForm(PlatformTableModel* model, int row, QWidget* parent = nullptr);
    ~UserForm() override;

    // Stores a new hash of the password typed in the password fields (existing users).
    bool resetPassword();

protected:
    QHash<QString, QVariant> formValues() const override;
    RowWriter::Result writeNew(const QHash<QString, QVariant>& values) override;
    RowWriter::Result writeExisting(const RowSnapshot& loaded, const QHash<QString, QVariant>& values,
                                    bool overwrite) override;
    QList<RowValidator::Violation> formChecks() const override;
    void loadExtras() override;

private:
    void loadHistory();
    UserService::BusinessInfo business() const;

    std::unique_ptr<Ui::UserFormContent> m_ui;
    UserService::BusinessInfo m_loadedBusiness; // what the Business tab showed: a save checks it is unchanged
    QStandardItemModel* m_orders = nullptr;
    QStandardItemModel* m_enrollments = nullptr;
};
