-- A short period's refunds found by index (dashboard, revenue report). A refund is dated by its
-- "refund" audit row, else (a refund the platform made itself) by the payment's updated_at; without
-- these two indexes "refunded in the period" can only be answered by reading every payment.
-- Optional like 003 and 004: the figures are the same without them, only slower.

-- Refunded payments by updated_at: the refunds the platform made itself (no audit row). Partial,
-- so it holds only the refunded payments and costs the platform's checkout nothing.
CREATE INDEX coursedesk_payments_refunded_updated_at ON payments (updated_at) WHERE status = 'REFUNDED';

-- Coursedesk's refunds by the time they were made: the "refund" audit rows of a period.
CREATE INDEX coursedesk_audit_log_action ON coursedesk_audit_log (action, table_name, occurred_at) INCLUDE (row_key);

-- What a short period's report reads, from the indexes alone (index-only scans; the platform's
-- tables are wide and their rows of one month are spread over the whole table):
-- the period's payments with every column the report uses,
CREATE INDEX coursedesk_payments_paid_at_facts ON payments ((COALESCE(payment_date, created_at)), status) INCLUDE (id, order_id, amount, payment_method, payment_date, created_at, updated_at);
-- the currency and course of each payment's and enrollment's order,
CREATE INDEX coursedesk_orders_id_facts ON orders (id, currency) INCLUDE (course_id);
-- the orders created in the period by status,
CREATE INDEX coursedesk_orders_created_at_facts ON orders (created_at, currency) INCLUDE (status, amount, course_id);
-- and the period's enrollments.
CREATE INDEX coursedesk_enrollments_date_facts ON enrollments (enrollment_date, order_id) INCLUDE (course_id);
