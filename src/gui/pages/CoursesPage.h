#pragma once

#include "TablePage.h"

class QTableView;

// Courses, with the selected course's features and marketplaces in two small tables below.
// Their edits are saved together with the course list's.
class CoursesPage : public TablePage
{
    Q_OBJECT
public:
    explicit CoursesPage(QSqlDatabase db, QWidget* parent = nullptr);

    PlatformTableModel* featuresModel() const { return m_features; }
    PlatformTableModel* marketplacesModel() const { return m_marketplaces; }
    QString currentCourseId() const { return m_courseId; }

protected:
    void currentRowChanged(int row) override;
    bool detailsDirty() const override;
    bool saveDetails() override;
    void revertDetails() override;
    QString deleteConsequences(const QList<int>& rows) const override;

private:
    QWidget* buildDetail(const QString& name, const QString& title, PlatformTableModel* model, QTableView** view);
    void addDetailRow(PlatformTableModel* model, QTableView* view, const QString& column, const QString& text);
    void removeDetailRow(PlatformTableModel* model, QTableView* view);
    bool saveDetail(PlatformTableModel* model, QTableView* view);

    PlatformTableModel* m_features = nullptr;
    PlatformTableModel* m_marketplaces = nullptr;
    QTableView* m_featuresView = nullptr;
    QTableView* m_marketplacesView = nullptr;
    QString m_courseId;
};
