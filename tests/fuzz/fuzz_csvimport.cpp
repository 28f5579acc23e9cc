// libFuzzer target: the import's CSV reader and line validator on arbitrary bytes. Whatever the
// input, reading either fails with a message naming a line or yields records that the validator
// checks for both import kinds; neither may crash, hang, leak or trip a sanitizer.
#include "import/CsvReader.h"
#include "import/ImportLineValidator.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char*>(data), qsizetype(size));
    ImportSheet sheet;
    QString error;
    if (!CsvReader::read(bytes, &sheet, &error)) {
        // A failure always says where.
        if (error.isEmpty()) {
            __builtin_trap();
        }
        return 0;
    }
    for (const ImportKind kind : {ImportKind::Users, ImportKind::Enrollments}) {
        const ImportFields::Mapping mapping = ImportFields::match(kind, sheet.header);
        for (const ImportRecord& record : sheet.records) {
            const auto line = ImportLineValidator::validate(kind, mapping, record);
            for (const ImportIssue& issue : line.issues) {
                if (issue.line != record.line || issue.text().isEmpty()) {
                    __builtin_trap();
                }
            }
        }
    }
    return 0;
}
