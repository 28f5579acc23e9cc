#pragma once

#include "FieldErrors.h"
#include "services/RowSnapshot.h"
#include "services/RowWriter.h"

#include <QDialog>
#include <QSqlDatabase>

#include <functional>
#include <memory>

class PlatformTableModel;
class QDataWidgetMapper;
class QDialogButtonBox;
class QFrame;
class QLabel;
class QPushButton;

// The frame every edit form shares: its fields are bound to the page's model row with a
// QDataWidgetMapper (the form shows what the table shows), but saving goes through a core
// service (RowWriter and friends) in one transaction that first checks that nobody changed the
// row since the form loaded it. A conflict shows what changed and offers Reload or Overwrite;
// validation and database errors appear next to their field and the input is kept.
class RecordForm : public QDialog
{
    Q_OBJECT
public:
    // `row` < 0: a new record.
    RecordForm(const TableSpec& spec, PlatformTableModel* model, int row, QWidget* parent = nullptr);
    ~RecordForm() override;

    bool isNew() const { return !m_key.isValid(); }
    QVariant key() const { return m_key; }
    // Validates and writes; true when saved (the form then closes). On a conflict the conflict
    // panel is shown and nothing is written.
    bool save();
    bool overwrite();
    // Re-reads the row from the database into the fields (after a conflict).
    void reloadFromDatabase();
    bool hasConflict() const;
    QString conflictText() const;
    QString errorFor(const QString& column) const { return m_errors->message(column); }
    QString generalError() const;

    // Further tabs on the form of an existing row (the History panel). Registered by layers above
    // the forms, so the forms do not depend on them; RecordFormPanels.cpp adds them.
    using PanelFactory =
        std::function<QWidget*(RecordForm* form, const TableSpec& spec, const QSqlDatabase& db, const QVariant& key)>;
    static void addPanel(const QString& objectName, const QString& title, PanelFactory factory);

signals:
    void saved(const QVariant& key);

protected:
    // Subclasses call these from their constructor, in this order.
    void setContent(QWidget* content);
    // Binds a field to a column of the page's model (its user property, or `property`).
    void bind(QWidget* field, const QString& column, const QByteArray& property = QByteArray());
    // Fills the bound fields from the model row (existing) and captures the snapshot.
    void load();
    // For forms with relation pickers (the model holds display text, not keys): fills the
    // bound fields from the row as the database holds it now, which is also the snapshot.
    void loadFromDatabase();

    virtual QHash<QString, QVariant> formValues() const = 0;
    virtual RowWriter::Result writeNew(const QHash<QString, QVariant>& values) = 0;
    virtual RowWriter::Result writeExisting(const RowSnapshot& loaded, const QHash<QString, QVariant>& values,
                                            bool overwrite) = 0;
    // Form-only checks before anything is written (passwords match, ...).
    virtual QList<RowValidator::Violation> formChecks() const { return {}; }
    // Things outside the row (business info, features): loaded again on Reload.
    virtual void loadExtras() {}

    QSqlDatabase database() const { return m_db; }
    // The row as the form loaded it (what a save is compared against).
    const RowSnapshot& loaded() const { return m_loaded; }
    const TableSpec& spec() const { return m_spec; }
    FieldErrors* errors() const { return m_errors.get(); }
    QPushButton* saveButton() const { return m_saveButton; }

private:
    bool write(bool overwrite);
    void showConflict(const QList<RowSnapshot::FieldChange>& changes);
    void hideConflict();
    // `content` with the registered panels as tabs: in its own "tabs" QTabWidget when it has one.
    QWidget* withPanels(QWidget* content);

    struct Binding
    {
        QWidget* field;
        QString column;
        QByteArray property;
    };

    TableSpec m_spec;
    QSqlDatabase m_db;
    PlatformTableModel* m_model;
    int m_row;
    QVariant m_key;
    RowSnapshot m_loaded;
    QList<Binding> m_bindings;
    QDataWidgetMapper* m_mapper = nullptr;
    QFrame* m_conflictPanel = nullptr;
    QLabel* m_conflictLabel = nullptr;
    QLabel* m_formError = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPushButton* m_saveButton = nullptr;
    std::unique_ptr<FieldErrors> m_errors;
};
