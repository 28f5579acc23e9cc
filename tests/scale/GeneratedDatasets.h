#pragma once

#include "DatasetGenerator.h"
#include "TestDatabase.h"

#include <QDebug>

#include <map>
#include <memory>

// One generated database per engine, shared by a suite's tests (generation is the slow part).
class GeneratedDatasets
{
public:
    explicit GeneratedDatasets(const DatasetSizes& sizes) : m_sizes(sizes) {}

    const DatasetSizes& sizes() const { return m_sizes; }

    // Generated on first use; nullptr (with a warning) when the engine is not available.
    TestDatabase* get(Engine engine)
    {
        auto& db = m_databases[engine];
        if (!db) {
            db = std::make_unique<TestDatabase>(engine);
            QString error;
            if (!db->isValid() || !DatasetGenerator::generate(db->db(), m_sizes, &error)) {
                qWarning() << "dataset:" << db->error() << error;
                db.reset();
                return nullptr;
            }
        }
        return db.get();
    }

    template <typename F>
    void forEach(F&& f) const
    {
        for (const auto& [engine, db] : m_databases) {
            if (db) {
                f(*db);
            }
        }
    }

    void clear() { m_databases.clear(); }

private:
    DatasetSizes m_sizes;
    std::map<Engine, std::unique_ptr<TestDatabase>> m_databases;
};
