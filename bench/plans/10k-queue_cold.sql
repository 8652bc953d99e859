-- 11 queries; times in ms as captured (one request)

-- #1: 0.0 ms
SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > '2026-11-30 06:22:37.459418+00:00'::timestamptz AND "django_session"."session_key" = 'p1ctrvliyx422k5di2t6heyqb861fga0') LIMIT 21;

-- #2: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" WHERE "departments_employee"."id" = 2 LIMIT 21;

-- #3: 0.0 ms
SELECT "departments_membership"."id", "departments_membership"."department_id", "departments_membership"."employee_id", "departments_membership"."role", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_membership" INNER JOIN "departments_department" ON ("departments_membership"."department_id" = "departments_department"."id") WHERE ("departments_department"."is_active" AND "departments_membership"."employee_id" = 2) ORDER BY "departments_department"."name" ASC, "departments_membership"."department_id" ASC;

-- #4: 0.0 ms
SELECT "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order" FROM "departments_service" WHERE "departments_service"."department_id" = 1 ORDER BY "departments_service"."order" ASC, "departments_service"."name" ASC, "departments_service"."id" ASC;

-- #5: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" INNER JOIN "departments_membership" ON ("departments_employee"."id" = "departments_membership"."employee_id") WHERE "departments_membership"."department_id" = 1 ORDER BY "departments_employee"."full_name" ASC, "departments_employee"."id" ASC;

-- #6: 0.0 ms
SELECT COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" IN ('new', 'in_progress', 'waiting')) AS "open", COUNT("desk_request"."status") FILTER (WHERE ("desk_request"."due_at" < '2026-11-30 06:22:37.463747+00:00'::timestamptz AND "desk_request"."status" IN ('new', 'in_progress'))) AS "overdue", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'new') AS "new", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'in_progress') AS "in_progress", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'waiting') AS "waiting", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'resolved') AS "resolved" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."status" IN ('new', 'in_progress', 'waiting', 'resolved'));

-- #7: 0.0 ms
SELECT COUNT(*) FROM (SELECT "desk_request"."status" AS "status" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."status" = 'closed') LIMIT 10001) subquery;

-- #8: 0.0 ms
SELECT COUNT(*) FROM (SELECT "desk_request"."status" AS "status" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."status" = 'cancelled') LIMIT 10001) subquery;

-- #9: 3.0 ms
SELECT "desk_request"."id", "desk_request"."department_id", "desk_request"."number", "desk_request"."service_id", "desk_request"."requester_id", "desk_request"."client_type", "desk_request"."title", "desk_request"."priority", "desk_request"."status", "desk_request"."assignee_id", "desk_request"."created_at", "desk_request"."due_at", "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined", T5."id", T5."password", T5."last_login", T5."is_superuser", T5."email", T5."full_name", T5."job_title", T5."department_id", T5."client_type", T5."language", T5."is_staff", T5."is_active", T5."date_joined" FROM "desk_request" INNER JOIN "departments_service" ON ("desk_request"."service_id" = "departments_service"."id") INNER JOIN "departments_employee" ON ("desk_request"."requester_id" = "departments_employee"."id") LEFT OUTER JOIN "departments_employee" T5 ON ("desk_request"."assignee_id" = T5."id") WHERE ("desk_request"."department_id" = 1 AND "desk_request"."status" IN ('new', 'in_progress', 'waiting')) ORDER BY "desk_request"."due_at" ASC NULLS LAST, "desk_request"."id" ASC LIMIT 51;

-- #10: 0.0 ms
SELECT "desk_savedview"."id", "desk_savedview"."owner_id", "desk_savedview"."department_id", "desk_savedview"."name", "desk_savedview"."query", "desk_savedview"."shared", "desk_savedview"."created_at", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "desk_savedview" INNER JOIN "departments_employee" ON ("desk_savedview"."owner_id" = "departments_employee"."id") WHERE ("desk_savedview"."department_id" = 1 AND ("desk_savedview"."owner_id" = 2 OR "desk_savedview"."shared")) ORDER BY "desk_savedview"."name" ASC, "desk_savedview"."id" ASC;

-- #11: 0.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_notification" WHERE ("desk_notification"."in_app" AND "desk_notification"."recipient_id" = 2 AND "desk_notification"."read_at" IS NULL);

-- EXPLAIN ANALYZE of a 3.0 ms query
Limit  (cost=642.61..642.74 rows=51 width=608) (actual time=2.059..2.064 rows=51 loops=1)
  Buffers: shared hit=256
  ->  Sort  (cost=642.61..642.77 rows=62 width=608) (actual time=2.058..2.060 rows=51 loops=1)
        Sort Key: desk_request.due_at, desk_request.id
        Sort Method: quicksort  Memory: 79kB
        Buffers: shared hit=256
        ->  Nested Loop Left Join  (cost=273.99..640.77 rows=62 width=608) (actual time=1.863..2.005 rows=61 loops=1)
              Buffers: shared hit=256
              ->  Hash Join  (cost=273.70..443.58 rows=62 width=414) (actual time=1.853..1.948 rows=61 loops=1)
                    Hash Cond: (desk_request.requester_id = departments_employee.id)
                    Buffers: shared hit=205
                    ->  Hash Join  (cost=19.20..188.92 rows=62 width=220) (actual time=0.053..0.133 rows=61 loops=1)
                          Hash Cond: (desk_request.service_id = departments_service.id)
                          Buffers: shared hit=63
                          ->  Bitmap Heap Scan on desk_request  (cost=13.50..183.05 rows=62 width=114) (actual time=0.016..0.070 rows=61 loops=1)
                                Recheck Cond: ((department_id = 1) AND ((status)::text = ANY ('{new,in_progress,waiting}'::text[])))
                                Heap Blocks: exact=54
                                Buffers: shared hit=60
                                ->  Bitmap Index Scan on request_dept_status_due  (cost=0.00..13.49 rows=62 width=0) (actual time=0.011..0.011 rows=61 loops=1)
                                      Index Cond: ((department_id = 1) AND ((status)::text = ANY ('{new,in_progress,waiting}'::text[])))
                                      Buffers: shared hit=6
                          ->  Hash  (cost=4.20..4.20 rows=120 width=106) (actual time=0.033..0.034 rows=120 loops=1)
                                Buckets: 1024  Batches: 1  Memory Usage: 25kB
                                Buffers: shared hit=3
                                ->  Seq Scan on departments_service  (cost=0.00..4.20 rows=120 width=106) (actual time=0.002..0.013 rows=120 loops=1)
                                      Buffers: shared hit=3
                    ->  Hash  (cost=192.00..192.00 rows=5000 width=194) (actual time=1.796..1.796 rows=5000 loops=1)
                          Buckets: 8192  Batches: 1  Memory Usage: 1204kB
                          Buffers: shared hit=142
                          ->  Seq Scan on departments_employee  (cost=0.00..192.00 rows=5000 width=194) (actual time=0.002..0.640 rows=5000 loops=1)
                                Buffers: shared hit=142
              ->  Memoize  (cost=0.29..4.63 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=61)
                    Cache Key: desk_request.assignee_id
                    Cache Mode: logical
                    Hits: 43  Misses: 18  Evictions: 0  Overflows: 0  Memory Usage: 6kB
                    Buffers: shared hit=51
                    ->  Index Scan using departments_employee_pkey on departments_employee t5  (cost=0.28..4.62 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=18)
                          Index Cond: (id = desk_request.assignee_id)
                          Buffers: shared hit=51
Planning:
  Buffers: shared hit=32
Planning Time: 0.414 ms
Execution Time: 2.102 ms

-- EXPLAIN ANALYZE of a 0.0 ms query
Limit  (cost=0.00..1.73 rows=1 width=138) (actual time=0.004..0.004 rows=1 loops=1)
  Buffers: shared hit=1
  ->  Seq Scan on django_session  (cost=0.00..1.73 rows=1 width=138) (actual time=0.003..0.004 rows=1 loops=1)
        Filter: ((expire_date > '2026-11-30 06:22:37.459418+00'::timestamp with time zone) AND ((session_key)::text = 'p1ctrvliyx422k5di2t6heyqb861fga0'::text))
        Buffers: shared hit=1
Planning Time: 0.030 ms
Execution Time: 0.008 ms

-- EXPLAIN ANALYZE of a 0.0 ms query
Limit  (cost=0.28..8.30 rows=1 width=194) (actual time=0.004..0.004 rows=1 loops=1)
  Buffers: shared hit=3
  ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..8.30 rows=1 width=194) (actual time=0.004..0.004 rows=1 loops=1)
        Index Cond: (id = 2)
        Buffers: shared hit=3
Planning Time: 0.015 ms
Execution Time: 0.009 ms

