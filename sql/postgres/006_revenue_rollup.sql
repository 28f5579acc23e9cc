-- The daily revenue rollup (docs/finance.md, "The daily rollup"). Optional like 003-005: the
-- figures are the same without it, only slower. Coursedesk's own tables; the three indexes on
-- updated_at let a report find what changed since the rollup's last refresh without reading every
-- row. They cost the platform one more index entry per insert and update of those rows.

-- One row per (zone, local day, kind, key) of grouped figures; see RevenueRollup.h for the kinds.
CREATE TABLE coursedesk_revenue_daily (
    zone VARCHAR(100) NOT NULL,
    day DATE NOT NULL,
    kind SMALLINT NOT NULL,
    currency VARCHAR(3),
    key1 VARCHAR(100),
    key2 VARCHAR(100),
    n BIGINT NOT NULL,
    minor BIGINT NOT NULL,
    damaged SMALLINT NOT NULL
);
-- The zones (user zone and stored zone) whose days the rollup holds.
CREATE TABLE coursedesk_revenue_zones (
    zone VARCHAR(100) PRIMARY KEY
);
-- The newest updated_at seen in each platform table at the last refresh, and the number and id
-- checksum of the rows the rollup has seen in each (one row).
CREATE TABLE coursedesk_revenue_state (
    id INTEGER PRIMARY KEY,
    payments_until TIMESTAMP(3),
    orders_until TIMESTAMP(3),
    enrollments_until TIMESTAMP(3),
    payments_rows BIGINT NOT NULL,
    payments_ids BIGINT NOT NULL,
    orders_rows BIGINT NOT NULL,
    orders_ids BIGINT NOT NULL,
    enrollments_rows BIGINT NOT NULL,
    enrollments_ids BIGINT NOT NULL
);
-- What each row was counted by at the last refresh, so that a changed or deleted row's old day is
-- computed again, and its updated_at then, so that a row read again unchanged is left alone.
CREATE TABLE coursedesk_revenue_seen_payments (
    id BIGINT PRIMARY KEY,
    order_id BIGINT NOT NULL,
    paid_at TIMESTAMP(3),
    refunded_at TIMESTAMP(3),
    updated_at TIMESTAMP(3)
);
CREATE TABLE coursedesk_revenue_seen_orders (
    id BIGINT PRIMARY KEY,
    created_at TIMESTAMP(3),
    updated_at TIMESTAMP(3)
);
CREATE TABLE coursedesk_revenue_seen_enrollments (
    id BIGINT PRIMARY KEY,
    order_id BIGINT NOT NULL,
    enrollment_date TIMESTAMP(3),
    updated_at TIMESTAMP(3)
);
-- Orders with more than one captured payment: the only ones a sum of each day's distinct paid
-- orders can count twice.
CREATE TABLE coursedesk_revenue_repeat_orders (
    order_id BIGINT PRIMARY KEY
);
CREATE INDEX coursedesk_revenue_daily_zone_day ON coursedesk_revenue_daily (zone, day);
CREATE INDEX coursedesk_revenue_seen_payments_order ON coursedesk_revenue_seen_payments (order_id);
CREATE INDEX coursedesk_revenue_seen_enrollments_order ON coursedesk_revenue_seen_enrollments (order_id);
CREATE INDEX coursedesk_payments_updated_at ON payments (updated_at);
CREATE INDEX coursedesk_orders_updated_at ON orders (updated_at);
CREATE INDEX coursedesk_enrollments_updated_at ON enrollments (updated_at);
