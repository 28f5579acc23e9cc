#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

class QWidget;

// Every question and warning the app asks goes through here, so tests can answer them without a
// modal box blocking the event loop (KeePassXC's MessageBox seam). In test mode nothing is shown:
// ask() returns the next queued answer (or the default button) and every text is recorded.
class Prompt
{
public:
    enum Button { NoButton = 0x0, Ok = 0x1, Yes = 0x2, No = 0x4, Save = 0x8, Discard = 0x10, Cancel = 0x20 };

    static Button ask(QWidget* parent, const QString& title, const QString& text, int buttons, Button defaultButton,
                      const QString& details = QString());
    // With the buttons' own words ("Overwrite") instead of the standard ones.
    static Button ask(QWidget* parent, const QString& title, const QString& text, int buttons, Button defaultButton,
                      const QString& details, const QList<QPair<Button, QString>>& labels);
    static void warn(QWidget* parent, const QString& title, const QString& text, const QString& details = QString());
    static void inform(QWidget* parent, const QString& title, const QString& text);

    // For tests.
    static void setTestMode(bool on);
    static bool testMode();
    static void queueAnswer(Button answer);
    static QStringList asked(); // "title: text" of every prompt so far
    static void clearAsked();
};
