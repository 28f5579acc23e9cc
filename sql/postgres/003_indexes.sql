-- Coursedesk's optional indexes for large platform databases (the platform itself has only its
-- primary keys and four unique indexes). Each one serves a query that the windowed table pages,
-- relation pickers or the benchmark run; tests/scale/tst_indexplans.cpp checks with EXPLAIN that
-- those queries use them. Without them everything still works, only slower (full scans + sorts).
-- Text ranges use COLLATE "C" so that prefix searches are exact byte-order ranges whatever the
-- database's own collation is (the app queries the same expressions, see WindowedQuery).

-- Orders page, default order (created_at DESC, id DESC): first page, keyset pages while scrolling,
-- the reversed query for the last rows (Ctrl+End) and the narrow anchor query for far jumps.
CREATE INDEX coursedesk_orders_created_at_id ON orders (created_at, id);

-- Search by exact email (lower(email) = lower(?)) on the orders / enrollments / business pages,
-- and the user picker's type-ahead (email prefix range, first 20 in order).
CREATE INDEX coursedesk_users_email_lower ON users ((lower(email) COLLATE "C"));

-- The orders of the user found by email (join users -> orders on user_id), and the check
-- PostgreSQL runs on orders before a user row may be deleted.
CREATE INDEX coursedesk_orders_user_id ON orders (user_id);

-- Search by order-number prefix (the unique index is in the database collation, where a prefix
-- is not a range) and the order picker's type-ahead.
CREATE INDEX coursedesk_orders_order_number_c ON orders ((order_number COLLATE "C"));

-- Sort by amount (both directions): keyset pages on (amount, id) instead of sorting 2M rows.
CREATE INDEX coursedesk_orders_amount_id ON orders (amount, id);

-- Search by Razorpay order id, pasted from the Razorpay dashboard (prefix range).
CREATE INDEX coursedesk_orders_razorpay_order_id ON orders ((razorpay_order_id COLLATE "C"));

-- Payments page, default order (created_at DESC, id DESC).
CREATE INDEX coursedesk_payments_created_at_id ON payments (created_at, id);

-- The payments of one order (filter on order_id) and the check before an order row is deleted.
CREATE INDEX coursedesk_payments_order_id ON payments (order_id);

-- Search by Razorpay payment id (prefix range).
CREATE INDEX coursedesk_payments_razorpay_payment_id ON payments ((razorpay_payment_id COLLATE "C"));

-- Users page, default order (created_at DESC, id DESC), 1M users.
CREATE INDEX coursedesk_users_created_at_id ON users (created_at, id);

-- Enrollments page, default order (enrollment_date DESC, id DESC).
CREATE INDEX coursedesk_enrollments_enrollment_date_id ON enrollments (enrollment_date, id);
