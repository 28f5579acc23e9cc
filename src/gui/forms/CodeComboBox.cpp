#include "CodeComboBox.h"

CodeComboBox::CodeComboBox(QWidget* parent) : QComboBox(parent)
{
    connect(this, &QComboBox::currentIndexChanged, this, &CodeComboBox::codeChanged);
}

void CodeComboBox::setKind(PlatformValues::Kind kind, bool allowEmpty)
{
    m_hasKind = true;
    m_kind = kind;
    clear();
    if (allowEmpty) {
        addItem(tr("(not set)"), QString());
    }
    for (const QString& value : PlatformValues::values(kind)) {
        addItem(PlatformValues::label(kind, value), value);
    }
}

void CodeComboBox::setPlainValues(const QStringList& values, bool allowEmpty)
{
    m_hasKind = false;
    clear();
    if (allowEmpty) {
        addItem(tr("(not set)"), QString());
    }
    for (const QString& value : values) {
        addItem(value, value);
    }
}

QString CodeComboBox::code() const
{
    return currentData().toString();
}

void CodeComboBox::setCode(const QString& code)
{
    int i = findData(code);
    if (i < 0 && !code.isEmpty()) {
        // Shown as found, flagged; never offered for new rows.
        addItem(m_hasKind ? PlatformValues::label(m_kind, code) : PlatformValues::unknownMarker() + code, code);
        i = count() - 1;
    }
    setCurrentIndex(i < 0 ? 0 : i);
}
