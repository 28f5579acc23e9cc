-- Coursedesk's own tables. The version table itself is created by the migration runner.
CREATE TABLE coursedesk_audit_log (
    id INTEGER PRIMARY KEY,
    occurred_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    actor VARCHAR(100) NOT NULL,
    action VARCHAR(50) NOT NULL,
    table_name VARCHAR(50) NOT NULL,
    row_key VARCHAR(100) NOT NULL,
    reason TEXT,
    details TEXT
);
CREATE TABLE coursedesk_saved_views (
    id INTEGER PRIMARY KEY,
    page VARCHAR(50) NOT NULL,
    name VARCHAR(100) NOT NULL,
    definition TEXT NOT NULL,
    created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    UNIQUE (page, name)
);
