#pragma once

#include <QList>
#include <QVariant>
#include <QWidget>

#include <functional>

class QLineEdit;
class QListWidget;

// A foreign-key picker that never loads the referenced table: what the user types goes to a
// lookup (bound, first N matches: RelationLookup / UserService::findUsers) and the matches are
// listed below. Single mode: picking sets key(). Multi mode: several matches can be selected.
class RelationPicker : public QWidget
{
    Q_OBJECT
    Q_PROPERTY(QVariant key READ key WRITE setKeyValue NOTIFY picked USER true)
public:
    struct Match
    {
        QVariant key;
        QString display;
    };
    using Lookup = std::function<QList<Match>(const QString& text)>;

    explicit RelationPicker(const QString& name, QWidget* parent = nullptr);

    void setLookup(Lookup lookup);
    // How a bare key is shown (RelationLookup::displayFor), for setKeyValue().
    void setDisplay(std::function<QString(const QVariant&)> display);
    void setKeyValue(const QVariant& key);
    void setMultiSelection(bool on);
    void setPlaceholderText(const QString& text);

    QVariant key() const { return m_key; }
    QString display() const { return m_display; }
    void setKey(const QVariant& key, const QString& display);
    QList<Match> selectedMatches() const;

    QLineEdit* searchEdit() const { return m_edit; }
    QListWidget* matchesList() const { return m_list; }
    // Runs the lookup for the current text now (typing does this too).
    void refresh();

signals:
    void picked(const QVariant& key);

private:
    void pick(int row);

    QLineEdit* m_edit;
    QListWidget* m_list;
    Lookup m_lookup;
    std::function<QString(const QVariant&)> m_displayFor;
    QList<Match> m_matches;
    QVariant m_key;
    QString m_display;
    bool m_multi = false;
};
