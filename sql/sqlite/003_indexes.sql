-- Coursedesk's optional indexes for large databases: the same set as on PostgreSQL, each serving
-- a query that the windowed table pages, relation pickers or the benchmark run;
-- tests/scale/tst_indexplans.cpp checks with EXPLAIN QUERY PLAN that those queries use them.
-- SQLite compares text in byte order (BINARY), so prefix ranges need no special collation, and the
-- existing unique index on orders.order_number already serves order-number prefix searches.

-- Orders page, default order (created_at DESC, id DESC): first page, keyset pages while scrolling,
-- the reversed query for the last rows (Ctrl+End) and the narrow anchor query for far jumps.
CREATE INDEX coursedesk_orders_created_at_id ON orders (created_at, id);

-- Search by exact email (lower(email) = lower(?)) and the user picker's type-ahead (prefix range).
CREATE INDEX coursedesk_users_email_lower ON users (lower(email));

-- The orders of the user found by email (join users -> orders on user_id), and the foreign-key
-- check SQLite runs on orders before a user row may be deleted.
CREATE INDEX coursedesk_orders_user_id ON orders (user_id);

-- Sort by amount (both directions): keyset pages on (amount, id) instead of sorting 2M rows.
CREATE INDEX coursedesk_orders_amount_id ON orders (amount, id);

-- Search by Razorpay order id, pasted from the Razorpay dashboard (prefix range).
CREATE INDEX coursedesk_orders_razorpay_order_id ON orders (razorpay_order_id);

-- Payments page, default order (created_at DESC, id DESC).
CREATE INDEX coursedesk_payments_created_at_id ON payments (created_at, id);

-- The payments of one order (filter on order_id) and the check before an order row is deleted.
CREATE INDEX coursedesk_payments_order_id ON payments (order_id);

-- Search by Razorpay payment id (prefix range).
CREATE INDEX coursedesk_payments_razorpay_payment_id ON payments (razorpay_payment_id);

-- Users page, default order (created_at DESC, id DESC), 1M users.
CREATE INDEX coursedesk_users_created_at_id ON users (created_at, id);

-- Enrollments page, default order (enrollment_date DESC, id DESC).
CREATE INDEX coursedesk_enrollments_enrollment_date_id ON enrollments (enrollment_date, id);
