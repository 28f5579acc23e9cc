#pragma once

// Rows for the reconciliation suites (core and page): a consistent database and, on top of it,
// each anomaly Reconciliation looks for planted once.
namespace ReconciliationFixture {
// A consistent database: paid + enrolled, free enrollment (PAID 0.00 without payment), created and
// failed orders, and a refund (payment REFUNDED, order CANCELLED, enrollment CANCELLED).
inline const char* cleanSql = R"(
INSERT INTO courses (id, name, duration, fee, original_price, level) VALUES ('starter-track', 'Starter Track', '45 Days', 5999.00, 7999.00, 'Beginner');
INSERT INTO courses (id, name, duration, fee, original_price, level) VALUES ('growth-track', 'Growth Track', '60 Days', 9999.00, 12999.00, 'Intermediate');
INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode, role) VALUES (1, 'Asha', 'Rao', 'asha@example.in', '$2a$10$x', '9876543210', 'a', 'Pune', 'Maharashtra', '411001', 'USER');
INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode, role) VALUES (2, 'Ravi', 'Iyer', 'ravi@example.in', '$2a$10$x', '9876543211', 'a', 'Pune', 'Maharashtra', '411001', 'ADMIN');
INSERT INTO user_business_info (id, user_id, experience_level) VALUES (1, 1, 'some-knowledge');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status, razorpay_order_id) VALUES (1, 'ORD1', 1, 'starter-track', 5999.00, 'INR', 'PAID', 'order_DBJOWzybf0sJbb');
INSERT INTO payments (id, order_id, razorpay_payment_id, razorpay_signature, amount, status, payment_method) VALUES (1, 1, 'pay_DGBGRfe3wl7Gwu', 'ca4a6acc65acebfc4cf5a2702322d918db1da2080e96466ecb19980fe4d36ebb', 5999.00, 'COMPLETED', 'Razorpay');
INSERT INTO enrollments (id, user_id, course_id, order_id, status) VALUES (1, 1, 'starter-track', 1, 'ACTIVE');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status) VALUES (2, 'ORD2', 2, 'starter-track', 0.00, 'INR', 'PAID');
INSERT INTO enrollments (id, user_id, course_id, order_id, status) VALUES (2, 2, 'starter-track', 2, 'ACTIVE');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status) VALUES (3, 'ORD3', 1, 'growth-track', 9999.00, 'INR', 'FAILED');
INSERT INTO payments (id, order_id, razorpay_payment_id, amount, status) VALUES (3, 3, 'pay_failed3', 9999.00, 'FAILED');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status) VALUES (4, 'ORD4', 1, 'growth-track', 9999.00, 'INR', 'CREATED');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status, razorpay_order_id) VALUES (5, 'ORD5', 2, 'growth-track', 0.30, 'USD', 'CANCELLED', 'order_5');
INSERT INTO payments (id, order_id, razorpay_payment_id, razorpay_signature, amount, status) VALUES (5, 5, 'pay_5', 'deadbeef', 0.30, 'REFUNDED');
INSERT INTO enrollments (id, user_id, course_id, order_id, status) VALUES (5, 2, 'growth-track', 5, 'CANCELLED')
)";

// Each anomaly once, in rows that trigger nothing else.
inline const char* plantedSql = R"(
INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode, role) VALUES (10, 'P', 'Q', 'p10@example.in', '$2a$10$x', '9876543212', 'a', 'Pune', 'Maharashtra', '411001', 'USER');
INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode, role) VALUES (11, 'P', 'Q', 'p11@example.in', '$2a$10$x', '9876543213', 'a', 'Pune', 'Maharashtra', '411001', 'USER');
INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode, role) VALUES (12, 'P', 'Q', 'p12@example.in', '$2a$10$x', '9876543214', 'a', 'Pune', 'Maharashtra', '411001', 'SUPERADMIN');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status) VALUES (10, 'ORD10', 10, 'starter-track', 5999.00, 'INR', 'PAID');
INSERT INTO enrollments (id, user_id, course_id, order_id, status) VALUES (10, 10, 'starter-track', 10, 'ACTIVE');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status) VALUES (11, 'ORD11', 10, 'growth-track', 9999.00, 'INR', 'CREATED');
INSERT INTO payments (id, order_id, razorpay_payment_id, amount, status) VALUES (11, 11, 'pay_11', 9999.00, 'COMPLETED');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status) VALUES (12, 'ORD12', 11, 'starter-track', 100.00, 'INR', 'PAID');
INSERT INTO payments (id, order_id, razorpay_payment_id, amount, status) VALUES (12, 12, 'pay_12', 99.99, 'COMPLETED');
INSERT INTO enrollments (id, user_id, course_id, order_id, status) VALUES (12, 11, 'starter-track', 12, 'ACTIVE');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status) VALUES (13, 'ORD13', 11, 'growth-track', 9999.00, 'INR', 'CANCELLED');
INSERT INTO enrollments (id, user_id, course_id, order_id, status) VALUES (13, 11, 'growth-track', 13, 'ACTIVE');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status) VALUES (14, 'ORD14', 12, 'starter-track', 50.00, 'INR', 'PAID');
INSERT INTO payments (id, order_id, razorpay_payment_id, amount, status) VALUES (14, 14, 'pay_14', 50.00, 'COMPLETED');
INSERT INTO payments (id, order_id, razorpay_payment_id, amount, status) VALUES (15, 4, 'pay_DGBGRfe3wl7Gwu', 9999.00, 'FAILED');
INSERT INTO courses (id, name, duration, fee, original_price, level) VALUES ('expert-track', 'Expert', '90 Days', 1.00, 2.00, 'Expert');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status) VALUES (16, 'ORD16', 12, 'growth-track', 9999.00, 'INR', 'REFUNDED');
INSERT INTO payments (id, order_id, amount, status) VALUES (17, 4, 9999.00, 'SUCCESS');
INSERT INTO enrollments (id, user_id, course_id, order_id, status) VALUES (18, 12, 'growth-track', 4, 'PAUSED');
INSERT INTO user_business_info (id, user_id, experience_level) VALUES (19, 12, 'guru')
)";
} // namespace ReconciliationFixture
