-- Coursedesk's own tables. The version table itself is created by the migration runner.
CREATE TABLE coursedesk_audit_log (
    id BIGSERIAL PRIMARY KEY,
    occurred_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    actor VARCHAR(100) NOT NULL,
    action VARCHAR(50) NOT NULL,
    table_name VARCHAR(50) NOT NULL,
    row_key VARCHAR(100) NOT NULL,
    reason TEXT,
    details TEXT
);
CREATE TABLE coursedesk_saved_views (
    id BIGSERIAL PRIMARY KEY,
    page VARCHAR(50) NOT NULL,
    name VARCHAR(100) NOT NULL,
    definition TEXT NOT NULL,
    created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT coursedesk_saved_views_page_name_key UNIQUE (page, name)
);
