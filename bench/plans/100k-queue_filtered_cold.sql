-- 11 queries; times in ms as captured (one request)

-- #1: 0.0 ms
SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > '2026-11-30 06:24:26.427073+00:00'::timestamptz AND "django_session"."session_key" = '3500m3prx5igiut92cyyzoh4vt641p3u') LIMIT 21;

-- #2: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" WHERE "departments_employee"."id" = 2 LIMIT 21;

-- #3: 0.0 ms
SELECT "departments_membership"."id", "departments_membership"."department_id", "departments_membership"."employee_id", "departments_membership"."role", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_membership" INNER JOIN "departments_department" ON ("departments_membership"."department_id" = "departments_department"."id") WHERE ("departments_department"."is_active" AND "departments_membership"."employee_id" = 2) ORDER BY "departments_department"."name" ASC, "departments_membership"."department_id" ASC;

-- #4: 0.0 ms
SELECT "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order" FROM "departments_service" WHERE "departments_service"."department_id" = 1 ORDER BY "departments_service"."order" ASC, "departments_service"."name" ASC, "departments_service"."id" ASC;

-- #5: 1.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" INNER JOIN "departments_membership" ON ("departments_employee"."id" = "departments_membership"."employee_id") WHERE "departments_membership"."department_id" = 1 ORDER BY "departments_employee"."full_name" ASC, "departments_employee"."id" ASC;

-- #6: 1.0 ms
SELECT COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" IN ('new', 'in_progress', 'waiting')) AS "open", COUNT("desk_request"."status") FILTER (WHERE ("desk_request"."due_at" < '2026-11-30 06:24:26.432163+00:00'::timestamptz AND "desk_request"."status" IN ('new', 'in_progress'))) AS "overdue", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'new') AS "new", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'in_progress') AS "in_progress", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'waiting') AS "waiting", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'resolved') AS "resolved" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 8 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')) AND "desk_request"."status" IN ('new', 'in_progress', 'waiting', 'resolved'));

-- #7: 2.0 ms
SELECT COUNT(*) FROM (SELECT "desk_request"."status" AS "status" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 8 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')) AND "desk_request"."status" = 'closed') LIMIT 10001) subquery;

-- #8: 1.0 ms
SELECT COUNT(*) FROM (SELECT "desk_request"."status" AS "status" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 8 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')) AND "desk_request"."status" = 'cancelled') LIMIT 10001) subquery;

-- #9: 3.0 ms
SELECT "desk_request"."id", "desk_request"."department_id", "desk_request"."number", "desk_request"."service_id", "desk_request"."requester_id", "desk_request"."client_type", "desk_request"."title", "desk_request"."priority", "desk_request"."status", "desk_request"."assignee_id", "desk_request"."created_at", "desk_request"."due_at", "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined", T5."id", T5."password", T5."last_login", T5."is_superuser", T5."email", T5."full_name", T5."job_title", T5."department_id", T5."client_type", T5."language", T5."is_staff", T5."is_active", T5."date_joined" FROM "desk_request" INNER JOIN "departments_service" ON ("desk_request"."service_id" = "departments_service"."id") INNER JOIN "departments_employee" ON ("desk_request"."requester_id" = "departments_employee"."id") LEFT OUTER JOIN "departments_employee" T5 ON ("desk_request"."assignee_id" = T5."id") WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 8 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%'))) ORDER BY "desk_request"."due_at" ASC NULLS LAST, "desk_request"."id" ASC LIMIT 51;

-- #10: 0.0 ms
SELECT "desk_savedview"."id", "desk_savedview"."owner_id", "desk_savedview"."department_id", "desk_savedview"."name", "desk_savedview"."query", "desk_savedview"."shared", "desk_savedview"."created_at", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "desk_savedview" INNER JOIN "departments_employee" ON ("desk_savedview"."owner_id" = "departments_employee"."id") WHERE ("desk_savedview"."department_id" = 1 AND ("desk_savedview"."owner_id" = 2 OR "desk_savedview"."shared")) ORDER BY "desk_savedview"."name" ASC, "desk_savedview"."id" ASC;

-- #11: 0.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_notification" WHERE ("desk_notification"."in_app" AND "desk_notification"."recipient_id" = 2 AND "desk_notification"."read_at" IS NULL);

-- EXPLAIN ANALYZE of a 3.0 ms query
Limit  (cost=603.18..603.20 rows=8 width=608) (actual time=1.884..1.889 rows=32 loops=1)
  Buffers: shared hit=264
  ->  Sort  (cost=603.18..603.20 rows=8 width=608) (actual time=1.883..1.886 rows=32 loops=1)
        Sort Key: desk_request.due_at, desk_request.id
        Sort Method: quicksort  Memory: 55kB
        Buffers: shared hit=264
        ->  Nested Loop Left Join  (cost=443.04..603.06 rows=8 width=608) (actual time=1.714..1.855 rows=32 loops=1)
              Buffers: shared hit=264
              ->  Nested Loop  (cost=442.76..540.65 rows=8 width=414) (actual time=1.710..1.813 rows=32 loops=1)
                    Buffers: shared hit=180
                    ->  Nested Loop  (cost=442.48..478.25 rows=8 width=220) (actual time=1.702..1.755 rows=32 loops=1)
                          Buffers: shared hit=84
                          ->  Seq Scan on departments_service  (cost=0.00..4.50 rows=1 width=106) (actual time=0.004..0.010 rows=1 loops=1)
                                Filter: (id = 8)
                                Rows Removed by Filter: 119
                                Buffers: shared hit=3
                          ->  Bitmap Heap Scan on desk_request  (cost=442.48..473.67 rows=8 width=114) (actual time=1.695..1.738 rows=32 loops=1)
                                Recheck Cond: ((service_id = 8) AND (department_id = 1) AND (priority = 2) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
                                Heap Blocks: exact=32
                                Buffers: shared hit=81
                                ->  BitmapAnd  (cost=442.48..442.48 rows=8 width=0) (actual time=1.684..1.685 rows=0 loops=1)
                                      Buffers: shared hit=49
                                      ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..10.38 rows=811 width=0) (actual time=0.041..0.041 rows=836 loops=1)
                                            Index Cond: (service_id = 8)
                                            Buffers: shared hit=3
                                      ->  Bitmap Index Scan on request_dept_priority  (cost=0.00..202.98 rows=14669 width=0) (actual time=0.563..0.563 rows=14839 loops=1)
                                            Index Cond: ((department_id = 1) AND (priority = 2))
                                            Buffers: shared hit=14
                                      ->  BitmapOr  (cost=228.62..228.62 rows=6482 width=0) (actual time=0.967..0.967 rows=0 loops=1)
                                            Buffers: shared hit=32
                                            ->  Bitmap Index Scan on request_title_trgm  (cost=0.00..96.32 rows=3242 width=0) (actual time=0.571..0.571 rows=2613 loops=1)
                                                  Index Cond: (upper((title)::text) ~~ '%PRINTER%'::text)
                                                  Buffers: shared hit=16
                                            ->  Bitmap Index Scan on request_description_trgm  (cost=0.00..132.30 rows=3240 width=0) (actual time=0.395..0.395 rows=2613 loops=1)
                                                  Index Cond: (upper(description) ~~ '%PRINTER%'::text)
                                                  Buffers: shared hit=16
                    ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..7.80 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=32)
                          Index Cond: (id = desk_request.requester_id)
                          Buffers: shared hit=96
              ->  Index Scan using departments_employee_pkey on departments_employee t5  (cost=0.28..7.80 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=32)
                    Index Cond: (id = desk_request.assignee_id)
                    Buffers: shared hit=84
Planning:
  Buffers: shared hit=26
Planning Time: 0.592 ms
Execution Time: 1.933 ms

-- EXPLAIN ANALYZE of a 2.0 ms query
Aggregate  (cost=473.78..473.79 rows=1 width=8) (actual time=1.412..1.413 rows=1 loops=1)
  Buffers: shared hit=81
  ->  Limit  (cost=442.48..473.69 rows=7 width=58) (actual time=1.368..1.409 rows=27 loops=1)
        Buffers: shared hit=81
        ->  Bitmap Heap Scan on desk_request  (cost=442.48..473.69 rows=7 width=58) (actual time=1.368..1.406 rows=27 loops=1)
              Recheck Cond: ((service_id = 8) AND (department_id = 1) AND (priority = 2) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
              Filter: ((status)::text = 'closed'::text)
              Rows Removed by Filter: 5
              Heap Blocks: exact=32
              Buffers: shared hit=81
              ->  BitmapAnd  (cost=442.48..442.48 rows=8 width=0) (actual time=1.357..1.357 rows=0 loops=1)
                    Buffers: shared hit=49
                    ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..10.38 rows=811 width=0) (actual time=0.042..0.042 rows=836 loops=1)
                          Index Cond: (service_id = 8)
                          Buffers: shared hit=3
                    ->  Bitmap Index Scan on request_dept_priority  (cost=0.00..202.98 rows=14669 width=0) (actual time=0.525..0.525 rows=14839 loops=1)
                          Index Cond: ((department_id = 1) AND (priority = 2))
                          Buffers: shared hit=14
                    ->  BitmapOr  (cost=228.62..228.62 rows=6482 width=0) (actual time=0.742..0.743 rows=0 loops=1)
                          Buffers: shared hit=32
                          ->  Bitmap Index Scan on request_title_trgm  (cost=0.00..96.32 rows=3242 width=0) (actual time=0.415..0.415 rows=2613 loops=1)
                                Index Cond: (upper((title)::text) ~~ '%PRINTER%'::text)
                                Buffers: shared hit=16
                          ->  Bitmap Index Scan on request_description_trgm  (cost=0.00..132.30 rows=3240 width=0) (actual time=0.326..0.326 rows=2613 loops=1)
                                Index Cond: (upper(description) ~~ '%PRINTER%'::text)
                                Buffers: shared hit=16
Planning:
  Buffers: shared hit=2
Planning Time: 0.243 ms
Execution Time: 1.435 ms

-- EXPLAIN ANALYZE of a 1.0 ms query
Sort  (cost=123.72..123.76 rows=18 width=194) (actual time=0.050..0.052 rows=18 loops=1)
  Sort Key: departments_employee.full_name, departments_employee.id
  Sort Method: quicksort  Memory: 29kB
  Buffers: shared hit=55
  ->  Nested Loop  (cost=0.28..123.34 rows=18 width=194) (actual time=0.008..0.037 rows=18 loops=1)
        Buffers: shared hit=55
        ->  Seq Scan on departments_membership  (cost=0.00..1.94 rows=18 width=8) (actual time=0.003..0.008 rows=18 loops=1)
              Filter: (department_id = 1)
              Rows Removed by Filter: 57
              Buffers: shared hit=1
        ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..6.74 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=18)
              Index Cond: (id = departments_membership.employee_id)
              Buffers: shared hit=54
Planning:
  Buffers: shared hit=12
Planning Time: 0.138 ms
Execution Time: 0.066 ms

