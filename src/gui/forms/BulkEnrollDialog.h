#pragma once

#include "services/EnrollmentService.h"

#include <QDialog>
#include <QSqlDatabase>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class RelationPicker;

// Complimentary enrollment of many users in one course: users found by type-ahead (email or
// name, multi-select) or pasted as a list of emails. One transaction; the report says who was
// enrolled, who already was, and which emails have no user.
class BulkEnrollDialog : public QDialog
{
    Q_OBJECT
public:
    BulkEnrollDialog(QSqlDatabase db, const QString& courseId, QWidget* parent = nullptr);

    void setCourse(const QString& courseId);
    void addSelectedUsers();
    bool enroll();
    const EnrollmentService::BulkResult& lastResult() const { return m_last; }

signals:
    void enrolled(const QString& courseId);

private:
    QSqlDatabase m_db;
    QComboBox* m_course;
    RelationPicker* m_users;
    QListWidget* m_chosen;
    QPlainTextEdit* m_pasted;
    QLineEdit* m_reason;
    QLabel* m_result;
    EnrollmentService::BulkResult m_last;
};
