#include "CourseForm.h"

#include "ui_CourseForm.h"

#include "money/Money.h"

#include <QListWidget>

namespace PV = PlatformValues;

CourseForm::CourseForm(PlatformTableModel* model, int row, QWidget* parent)
    : RecordForm(*TableSpec::forTable(QStringLiteral("courses")), model, row, parent),
      m_ui(std::make_unique<Ui::CourseFormContent>())
{
    auto* content = new QWidget(this);
    content->setObjectName(QStringLiteral("courseFormContent"));
    m_ui->setupUi(content);
    setContent(content);
    m_ui->levelCombo->setKind(PV::Kind::CourseLevel);

    bind(m_ui->idEdit, QStringLiteral("id"));
    bind(m_ui->nameEdit, QStringLiteral("name"));
    bind(m_ui->descriptionEdit, QStringLiteral("description"));
    bind(m_ui->durationEdit, QStringLiteral("duration"));
    bind(m_ui->levelCombo, QStringLiteral("level"));
    bind(m_ui->feeEdit, QStringLiteral("fee"));
    bind(m_ui->originalPriceEdit, QStringLiteral("original_price"));
    load();

    if (isNew()) {
        setWindowTitle(tr("New course"));
        setMarketplaces({});
        connect(m_ui->nameEdit, &QLineEdit::textEdited, this, &CourseForm::suggestId);
        connect(m_ui->idEdit, &QLineEdit::textEdited, this, [this] { m_idTouched = true; });
        m_ui->idEdit->setToolTip(tr("Lower-case words joined by hyphens; suggested from the name. It cannot be "
                                    "changed once the course exists."));
    } else {
        setWindowTitle(tr("Course %1").arg(m_ui->nameEdit->text()));
        // The platform's orders and enrollments refer to the course by this id.
        m_ui->idEdit->setReadOnly(true);
        m_ui->idEdit->setToolTip(tr("Fixed: orders and enrollments refer to the course by its id"));
    }
    connect(m_ui->feeEdit, &MoneyEdit::valueChanged, this, &CourseForm::updateDiscount);
    connect(m_ui->originalPriceEdit, &MoneyEdit::valueChanged, this, &CourseForm::updateDiscount);
    connect(m_ui->featureAddButton, &QPushButton::clicked, this, [this] {
        addFeature(tr("New feature"));
        m_ui->featuresList->editItem(m_ui->featuresList->currentItem());
    });
    connect(m_ui->featureEditButton, &QPushButton::clicked, this, [this] {
        if (QListWidgetItem* item = m_ui->featuresList->currentItem()) {
            m_ui->featuresList->editItem(item);
        }
    });
    connect(m_ui->featureRemoveButton, &QPushButton::clicked, this,
            [this] { delete m_ui->featuresList->takeItem(m_ui->featuresList->currentRow()); });
    connect(m_ui->addMarketplaceButton, &QPushButton::clicked, this,
            [this] { addOtherMarketplace(m_ui->otherMarketplaceEdit->text()); });
    connect(m_ui->otherMarketplaceEdit, &QLineEdit::returnPressed, this,
            [this] { addOtherMarketplace(m_ui->otherMarketplaceEdit->text()); });
    updateDiscount();
    resize(600, 720);
}

CourseForm::~CourseForm() = default;

void CourseForm::suggestId()
{
    if (!m_idTouched) {
        m_ui->idEdit->setText(CourseService::slugFromName(m_ui->nameEdit->text()));
    }
}

void CourseForm::updateDiscount()
{
    const auto fee = m_ui->feeEdit->minorUnits();
    const auto original = m_ui->originalPriceEdit->minorUnits();
    if (!fee || !original || *original <= 0 || *fee > *original) {
        m_ui->discountLabel->setText(QStringLiteral("\u2014"));
        return;
    }
    const std::int64_t off = *original - *fee;
    // Whole-percent display from integers (rounded half up): no floating point on money.
    const std::int64_t percent = (off * 100 * 2 + *original) / (*original * 2);
    m_ui->discountLabel->setText(tr("%1 off (%2%)").arg(Money::format(off, QStringLiteral("INR"))).arg(percent));
}

QListWidgetItem* CourseForm::marketplaceItem(const QString& name) const
{
    for (int i = 0; i < m_ui->marketplacesList->count(); ++i) {
        QListWidgetItem* item = m_ui->marketplacesList->item(i);
        if (item->text().compare(name.trimmed(), Qt::CaseInsensitive) == 0) {
            return item;
        }
    }
    return nullptr;
}

void CourseForm::setMarketplaces(const QStringList& checked)
{
    m_ui->marketplacesList->clear();
    QStringList names = PV::knownMarketplaces();
    for (const QString& m : checked) {
        if (!names.contains(m, Qt::CaseInsensitive)) {
            names << m;
        }
    }
    for (const QString& name : names) {
        auto* item = new QListWidgetItem(name, m_ui->marketplacesList);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(name, Qt::CaseInsensitive) ? Qt::Checked : Qt::Unchecked);
    }
}

void CourseForm::addOtherMarketplace(const QString& name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty()) {
        return;
    }
    // The same marketplace twice is the one already listed, ticked.
    QListWidgetItem* item = marketplaceItem(trimmed);
    if (!item) {
        item = new QListWidgetItem(trimmed, m_ui->marketplacesList);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    }
    item->setCheckState(Qt::Checked);
    m_ui->marketplacesList->setCurrentItem(item);
    m_ui->otherMarketplaceEdit->clear();
}

void CourseForm::addFeature(const QString& text)
{
    auto* item = new QListWidgetItem(text, m_ui->featuresList);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    m_ui->featuresList->setCurrentItem(item);
}

CourseService::Details CourseForm::details() const
{
    CourseService::Details d;
    for (int i = 0; i < m_ui->featuresList->count(); ++i) {
        d.features << m_ui->featuresList->item(i)->text();
    }
    for (int i = 0; i < m_ui->marketplacesList->count(); ++i) {
        if (m_ui->marketplacesList->item(i)->checkState() == Qt::Checked) {
            d.marketplaces << m_ui->marketplacesList->item(i)->text();
        }
    }
    return d;
}

QHash<QString, QVariant> CourseForm::formValues() const
{
    return {{QStringLiteral("id"), m_ui->idEdit->text().trimmed()},
            {QStringLiteral("name"), m_ui->nameEdit->text()},
            {QStringLiteral("description"), m_ui->descriptionEdit->toPlainText()},
            {QStringLiteral("duration"), m_ui->durationEdit->text()},
            {QStringLiteral("level"), m_ui->levelCombo->code()},
            {QStringLiteral("fee"), m_ui->feeEdit->decimal()},
            {QStringLiteral("original_price"), m_ui->originalPriceEdit->decimal()}};
}

RowWriter::Result CourseForm::writeNew(const QHash<QString, QVariant>& values)
{
    return CourseService::create(database(), values, details());
}

RowWriter::Result CourseForm::writeExisting(const RowSnapshot& loaded, const QHash<QString, QVariant>& values,
                                            bool overwrite)
{
    return CourseService::update(database(), loaded, values, overwrite, details(), m_loadedDetails);
}

void CourseForm::loadExtras()
{
    if (isNew()) {
        return;
    }
    const auto d = CourseService::details(database(), key().toString());
    m_loadedDetails = d;
    m_ui->featuresList->clear();
    for (const QString& f : d.features) {
        addFeature(f);
    }
    m_ui->featuresList->setCurrentRow(-1);
    setMarketplaces(d.marketplaces);
}
