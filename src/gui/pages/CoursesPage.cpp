#include "CoursesPage.h"

#include "models/windowed/WindowedTableModel.h"

#include "delegates/PlatformItemDelegate.h"
#include "forms/Prompt.h"
#include "models/PlatformTableModel.h"
#include "services/CourseService.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

CoursesPage::CoursesPage(QSqlDatabase db, QWidget* parent)
    : TablePage(*TableSpec::forTable(QStringLiteral("courses")), db, parent)
{
    m_features = new PlatformTableModel(*TableSpec::forTable(QStringLiteral("course_features")), database(), this);
    m_marketplaces =
        new PlatformTableModel(*TableSpec::forTable(QStringLiteral("course_marketplaces")), database(), this);
    auto* details = new QWidget(this);
    details->setObjectName(QStringLiteral("courseDetails"));
    auto* layout = new QHBoxLayout(details);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildDetail(QStringLiteral("features"), tr("Features"), m_features, &m_featuresView), 3);
    layout->addWidget(
        buildDetail(QStringLiteral("marketplaces"), tr("Marketplaces"), m_marketplaces, &m_marketplacesView), 2);
    splitter()->addWidget(details);
    splitter()->setStretchFactor(0, 3);
    splitter()->setStretchFactor(1, 2);
}

QWidget* CoursesPage::buildDetail(const QString& name, const QString& title, PlatformTableModel* model,
                                  QTableView** viewOut)
{
    auto* box = new QGroupBox(title, this);
    box->setObjectName(name + QStringLiteral("Group"));
    auto* view = new QTableView(box);
    view->setObjectName(name + QStringLiteral("View"));
    view->setModel(model);
    view->setItemDelegate(new PlatformItemDelegate(view));
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->verticalHeader()->setVisible(false);
    view->horizontalHeader()->setStretchLastSection(true);
    // The course is the selected one above; only the feature / marketplace text is shown.
    for (int c = 0; c < model->columnCount(); ++c) {
        const ColumnSpec* spec = model->columnSpec(c);
        view->setColumnHidden(c,
                              !spec || spec->kind == ColumnSpec::Kind::Key || spec->kind == ColumnSpec::Kind::Relation);
    }
    const QString column =
        name == QLatin1String("features") ? QStringLiteral("feature") : QStringLiteral("marketplace");
    auto* add = new QPushButton(tr("Add"), box);
    add->setObjectName(name + QStringLiteral("AddButton"));
    auto* remove = new QPushButton(tr("Remove"), box);
    remove->setObjectName(name + QStringLiteral("RemoveButton"));
    const QString placeholder = name == QLatin1String("features") ? tr("New feature") : QStringLiteral("Amazon.in");
    connect(add, &QPushButton::clicked, this, [=, this] { addDetailRow(model, view, column, placeholder); });
    connect(remove, &QPushButton::clicked, this, [=, this] { removeDetailRow(model, view); });
    connect(model, &QAbstractItemModel::dataChanged, this, &CoursesPage::refreshUnsavedState);
    connect(model, &QAbstractItemModel::headerDataChanged, this, &CoursesPage::refreshUnsavedState);
    connect(model, &QAbstractItemModel::rowsInserted, this, &CoursesPage::refreshUnsavedState);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &CoursesPage::refreshUnsavedState);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(add);
    buttons->addWidget(remove);
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(view);
    layout->addLayout(buttons);
    *viewOut = view;
    return box;
}

void CoursesPage::currentRowChanged(int row)
{
    const QString id = row >= 0 && model()->isRowLoaded(row) ? model()->keyAt(row).toString() : QString();
    if (id == m_courseId && !m_courseId.isEmpty()) {
        return;
    }
    // Pending feature edits belong to the course they were made on: keep them until saved.
    if (m_features->isDirty() || m_marketplaces->isDirty()) {
        return;
    }
    m_courseId = id;
    for (PlatformTableModel* detail : {m_features, m_marketplaces}) {
        detail->setFixedFilter(QStringLiteral("course_id"), m_courseId);
        detail->select();
    }
}

void CoursesPage::addDetailRow(PlatformTableModel* model, QTableView* view, const QString& column, const QString& text)
{
    if (m_courseId.isEmpty()) {
        return; // a new course must be saved before it can have features (its key must exist)
    }
    const int row = model->rowCount();
    model->insertRows(row, 1);
    model->setData(model->index(row, model->columnOf(QStringLiteral("course_id"))), m_courseId);
    const QModelIndex cell = model->index(row, model->columnOf(column));
    model->setData(cell, text);
    view->setCurrentIndex(cell);
    view->edit(cell);
}

void CoursesPage::removeDetailRow(PlatformTableModel* model, QTableView* view)
{
    if (!view->currentIndex().isValid()) {
        return;
    }
    model->removeRows(view->currentIndex().row(), 1);
    refreshUnsavedState();
}

bool CoursesPage::detailsDirty() const
{
    return (m_features && m_features->isDirty()) || (m_marketplaces && m_marketplaces->isDirty());
}

bool CoursesPage::saveDetail(PlatformTableModel* model, QTableView* view)
{
    if (!model->isDirty() || model->save()) {
        return true;
    }
    const auto& failure = model->saveFailure();
    view->setCurrentIndex(model->index(failure.row, qMax(0, failure.column)));
    Prompt::warn(this, tr("Not saved"), failure.text(), tr("Nothing was written for this list; your edits are kept."));
    return false;
}

bool CoursesPage::saveDetails()
{
    // The platform lists each marketplace once per course.
    QStringList seen;
    const int column = m_marketplaces->columnOf(QStringLiteral("marketplace"));
    for (int r = 0; r < m_marketplaces->rowCount(); ++r) {
        if (m_marketplaces->isDeletedRow(r)) {
            continue;
        }
        const QString name = m_marketplaces->index(r, column).data(Qt::EditRole).toString().trimmed();
        if (seen.contains(name, Qt::CaseInsensitive)) {
            m_marketplacesView->setCurrentIndex(m_marketplaces->index(r, column));
            Prompt::warn(this, tr("Not saved"), tr("Marketplace %1 is listed twice for this course").arg(name));
            return false;
        }
        seen << name;
    }
    return saveDetail(m_features, m_featuresView) && saveDetail(m_marketplaces, m_marketplacesView);
}

void CoursesPage::revertDetails()
{
    m_features->revertAll();
    m_marketplaces->revertAll();
}

QString CoursesPage::deleteConsequences(const QList<int>& rows) const
{
    // Features and marketplaces cascade with their course: say so before, not after.
    int features = 0;
    int marketplaces = 0;
    for (int row : rows) {
        const auto check = CourseService::checkDeletion(database(), model()->keyAt(row).toString());
        features += check.features;
        marketplaces += check.marketplaces;
    }
    return tr("%1 and %2 are deleted with them.")
        .arg(features == 1 ? tr("1 feature") : tr("%1 features").arg(features),
             marketplaces == 1 ? tr("1 marketplace") : tr("%1 marketplaces").arg(marketplaces));
}
