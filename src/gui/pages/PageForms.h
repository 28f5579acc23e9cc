#pragma once

class TablePage;

// Gives each table page its edit form and workflow actions:
//   users: User form; courses: Course form, Enroll users…; orders: Record payment…;
//   payments: Record payment…, Refund…; enrollments: Suspend…, Reactivate…, Cancel…,
//   Mark completed…, Complimentary enroll….
void installForms(TablePage* page);
