#pragma once

#include "RecordForm.h"
#include "services/CourseService.h"

#include <memory>

namespace Ui {
class CourseFormContent;
}
class QListWidgetItem;

// A course: id (suggested from the name, fixed after creation), texts, level, fee and original
// price as exact money, the discount they make, the feature list, and the marketplaces (the known
// ones to tick, others added by name, never one twice). Features and marketplaces are saved in
// the same transaction as the course.
class CourseForm : public RecordForm
{
    Q_OBJECT
public:
    CourseForm(PlatformTableModel* model, int row, QWidget* parent = nullptr);
    ~CourseForm() override;

    CourseService::Details details() const;
    // List editing, also used by tests (no modal input dialogs).
    void addFeature(const QString& text);
    void addOtherMarketplace(const QString& name);

protected:
    QHash<QString, QVariant> formValues() const override;
    RowWriter::Result writeNew(const QHash<QString, QVariant>& values) override;
    RowWriter::Result writeExisting(const RowSnapshot& loaded, const QHash<QString, QVariant>& values,
                                    bool overwrite) override;
    void loadExtras() override;

private:
    void updateDiscount();
    void suggestId();
    void setMarketplaces(const QStringList& checked);
    QListWidgetItem* marketplaceItem(const QString& name) const;

    std::unique_ptr<Ui::CourseFormContent> m_ui;
    CourseService::Details m_loadedDetails; // what the lists showed: a save checks they are unchanged
    bool m_idTouched = false;
};
