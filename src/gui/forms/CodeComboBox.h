#pragma once

#include "domain/PlatformValues.h"

#include <QComboBox>

// A combo box of one platform value list: shows words ("Beginner", "Admin"), holds codes. Its user
// property is the code, so a QDataWidgetMapper binds it to a status / role / level column. A value
// outside the list that is already in the data is shown flagged and kept until changed; the list
// itself offers only the platform's values.
class CodeComboBox : public QComboBox
{
    Q_OBJECT
    Q_PROPERTY(QString code READ code WRITE setCode NOTIFY codeChanged USER true)
public:
    explicit CodeComboBox(QWidget* parent = nullptr);

    void setKind(PlatformValues::Kind kind, bool allowEmpty = false);
    // Plain strings (Indian states, currencies): the text is the code.
    void setPlainValues(const QStringList& values, bool allowEmpty = false);
    QString code() const;
    void setCode(const QString& code);

signals:
    void codeChanged();

private:
    bool m_hasKind = false;
    PlatformValues::Kind m_kind = PlatformValues::Kind::UserRole;
};
