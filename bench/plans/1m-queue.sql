-- 4 queries; times in ms as captured (one request)

-- #1: 0.0 ms
SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > '2026-11-30 06:27:17.420982+00:00'::timestamptz AND "django_session"."session_key" = 'qsliorzc99oh83t2q7lw8wpigbx68g0q') LIMIT 21;

-- #2: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" WHERE "departments_employee"."id" = 2 LIMIT 21;

-- #3: 0.0 ms
SELECT "departments_membership"."id", "departments_membership"."department_id", "departments_membership"."employee_id", "departments_membership"."role", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_membership" INNER JOIN "departments_department" ON ("departments_membership"."department_id" = "departments_department"."id") WHERE ("departments_department"."is_active" AND "departments_membership"."employee_id" = 2) ORDER BY "departments_department"."name" ASC, "departments_membership"."department_id" ASC;

-- #4: 0.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_notification" WHERE ("desk_notification"."in_app" AND "desk_notification"."recipient_id" = 2 AND "desk_notification"."read_at" IS NULL);

-- EXPLAIN ANALYZE of a 0.0 ms query
Limit  (cost=0.00..1.73 rows=1 width=138) (actual time=0.002..0.003 rows=1 loops=1)
  Buffers: shared hit=1
  ->  Seq Scan on django_session  (cost=0.00..1.73 rows=1 width=138) (actual time=0.002..0.002 rows=1 loops=1)
        Filter: ((expire_date > '2026-11-30 06:27:17.420982+00'::timestamp with time zone) AND ((session_key)::text = 'qsliorzc99oh83t2q7lw8wpigbx68g0q'::text))
        Buffers: shared hit=1
Planning Time: 0.015 ms
Execution Time: 0.007 ms

-- EXPLAIN ANALYZE of a 0.0 ms query
Limit  (cost=0.28..8.30 rows=1 width=194) (actual time=0.003..0.004 rows=1 loops=1)
  Buffers: shared hit=3
  ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..8.30 rows=1 width=194) (actual time=0.003..0.003 rows=1 loops=1)
        Index Cond: (id = 2)
        Buffers: shared hit=3
Planning Time: 0.014 ms
Execution Time: 0.008 ms

-- EXPLAIN ANALYZE of a 0.0 ms query
Sort  (cost=3.10..3.10 rows=1 width=109) (actual time=0.012..0.012 rows=1 loops=1)
  Sort Key: departments_department.name, departments_membership.department_id
  Sort Method: quicksort  Memory: 25kB
  Buffers: shared hit=2
  ->  Hash Join  (cost=1.95..3.09 rows=1 width=109) (actual time=0.008..0.010 rows=1 loops=1)
        Hash Cond: (departments_department.id = departments_membership.department_id)
        Buffers: shared hit=2
        ->  Seq Scan on departments_department  (cost=0.00..1.10 rows=10 width=80) (actual time=0.002..0.003 rows=10 loops=1)
              Filter: is_active
              Buffers: shared hit=1
        ->  Hash  (cost=1.94..1.94 rows=1 width=29) (actual time=0.004..0.004 rows=1 loops=1)
              Buckets: 1024  Batches: 1  Memory Usage: 9kB
              Buffers: shared hit=1
              ->  Seq Scan on departments_membership  (cost=0.00..1.94 rows=1 width=29) (actual time=0.001..0.003 rows=1 loops=1)
                    Filter: (employee_id = 2)
                    Rows Removed by Filter: 74
                    Buffers: shared hit=1
Planning:
  Buffers: shared hit=4
Planning Time: 0.066 ms
Execution Time: 0.020 ms

