-- A short period's refunds found by index (dashboard, revenue report). A refund is dated by its
-- "refund" audit row, else (a refund the platform made itself) by the payment's updated_at; without
-- these two indexes "refunded in the period" can only be answered by reading every payment.
-- Optional like 003 and 004: the figures are the same without them, only slower.

-- Refunded payments by updated_at: the refunds the platform made itself (no audit row). Partial,
-- so it holds only the refunded payments and costs the platform's checkout nothing.
CREATE INDEX coursedesk_payments_refunded_updated_at ON payments (updated_at) WHERE status = 'REFUNDED';

-- Coursedesk's refunds by the time they were made: the "refund" audit rows of a period.
CREATE INDEX coursedesk_audit_log_action ON coursedesk_audit_log (action, table_name, occurred_at, row_key);
