#include "DataioFixture.h"

#include "../workflows/WorkflowFixture.h"

#include <QFile>

#include <minizip/unzip.h>

namespace DataioFixture {

bool seed(TestDatabase& db)
{
    if (!WorkflowFixture::seed(db)) {
        return false;
    }
    return db.exec(QString::fromUtf8(R"(
INSERT INTO courses (id, name, description, duration, fee, original_price, level, created_at, updated_at) VALUES ('pro-track', 'Pro, "Advanced"', 'Quoting', '90 Days', 19999.00, 24999.00, 'Advanced', '2026-01-01 00:00:00', '2026-01-01 00:00:00');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status, created_at, updated_at) VALUES (3, 'ORD1700000000003', 3, 'pro-track', 19999.99, 'INR', 'PAID', '2026-02-01 18:45:30', '2026-02-01 18:45:30');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status, created_at, updated_at) VALUES (4, 'ORD1700000000004', 1, 'growth-track', 12.50, 'USD', 'PAID', '2026-03-01 10:00:00', '2026-03-01 10:00:00');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status, created_at, updated_at) VALUES (5, 'ORD1700000000005', 3, 'starter-track', 0.10, 'INR', 'PAID', '2026-03-05 23:59:59', '2026-03-05 23:59:59');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status, created_at, updated_at) VALUES (6, 'ORD1700000000006', 2, 'starter-track', 5999.00, 'INR', 'FAILED', '2026-03-06 00:00:00', '2026-03-06 00:00:00');
)"));
}

QByteArray zipPart(const QString& path, const QString& part)
{
    unzFile zip = unzOpen64(QFile::encodeName(path).constData());
    QByteArray out;
    if (zip && unzLocateFile(zip, part.toUtf8().constData(), 1) == UNZ_OK && unzOpenCurrentFile(zip) == UNZ_OK) {
        char buffer[65536];
        int read = 0;
        while ((read = unzReadCurrentFile(zip, buffer, sizeof(buffer))) > 0) {
            out.append(buffer, read);
        }
        unzCloseCurrentFile(zip);
    }
    if (zip) {
        unzClose(zip);
    }
    return out;
}

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(content);
    return path;
}

} // namespace DataioFixture
