-- Finance at scale and stable periods. Optional like 003: reports give the same figures without
-- these objects, only slower.

-- A refund's date is the occurred_at of its "refund" audit row (table_name = 'payments',
-- row_key = the payment id): the revenue report looks those rows up, and each form's History panel
-- reads one row's changes in time order.
CREATE INDEX coursedesk_audit_log_row ON coursedesk_audit_log (table_name, row_key, occurred_at);

-- The date a payment counts on, COALESCE(payment_date, created_at): the dashboard's and the
-- revenue report's period filter. Besides serving the range, the index gives PostgreSQL statistics
-- on the expression, so it estimates a period's rows instead of guessing 0.5 % of the table; the
-- included columns let a period's payments be read from the index alone.
CREATE INDEX coursedesk_payments_paid_at ON payments ((COALESCE(payment_date, created_at))) INCLUDE (status, order_id, amount);
