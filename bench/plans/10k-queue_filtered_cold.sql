-- 11 queries; times in ms as captured (one request)

-- #1: 0.0 ms
SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > '2026-11-30 06:22:42.910575+00:00'::timestamptz AND "django_session"."session_key" = 'p1ctrvliyx422k5di2t6heyqb861fga0') LIMIT 21;

-- #2: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" WHERE "departments_employee"."id" = 2 LIMIT 21;

-- #3: 0.0 ms
SELECT "departments_membership"."id", "departments_membership"."department_id", "departments_membership"."employee_id", "departments_membership"."role", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_membership" INNER JOIN "departments_department" ON ("departments_membership"."department_id" = "departments_department"."id") WHERE ("departments_department"."is_active" AND "departments_membership"."employee_id" = 2) ORDER BY "departments_department"."name" ASC, "departments_membership"."department_id" ASC;

-- #4: 0.0 ms
SELECT "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order" FROM "departments_service" WHERE "departments_service"."department_id" = 1 ORDER BY "departments_service"."order" ASC, "departments_service"."name" ASC, "departments_service"."id" ASC;

-- #5: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" INNER JOIN "departments_membership" ON ("departments_employee"."id" = "departments_membership"."employee_id") WHERE "departments_membership"."department_id" = 1 ORDER BY "departments_employee"."full_name" ASC, "departments_employee"."id" ASC;

-- #6: 0.0 ms
SELECT COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" IN ('new', 'in_progress', 'waiting')) AS "open", COUNT("desk_request"."status") FILTER (WHERE ("desk_request"."due_at" < '2026-11-30 06:22:42.914708+00:00'::timestamptz AND "desk_request"."status" IN ('new', 'in_progress'))) AS "overdue", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'new') AS "new", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'in_progress') AS "in_progress", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'waiting') AS "waiting", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'resolved') AS "resolved" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 27 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')) AND "desk_request"."status" IN ('new', 'in_progress', 'waiting', 'resolved'));

-- #7: 0.0 ms
SELECT COUNT(*) FROM (SELECT "desk_request"."status" AS "status" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 27 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')) AND "desk_request"."status" = 'closed') LIMIT 10001) subquery;

-- #8: 0.0 ms
SELECT COUNT(*) FROM (SELECT "desk_request"."status" AS "status" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 27 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')) AND "desk_request"."status" = 'cancelled') LIMIT 10001) subquery;

-- #9: 1.0 ms
SELECT "desk_request"."id", "desk_request"."department_id", "desk_request"."number", "desk_request"."service_id", "desk_request"."requester_id", "desk_request"."client_type", "desk_request"."title", "desk_request"."priority", "desk_request"."status", "desk_request"."assignee_id", "desk_request"."created_at", "desk_request"."due_at", "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined", T5."id", T5."password", T5."last_login", T5."is_superuser", T5."email", T5."full_name", T5."job_title", T5."department_id", T5."client_type", T5."language", T5."is_staff", T5."is_active", T5."date_joined" FROM "desk_request" INNER JOIN "departments_service" ON ("desk_request"."service_id" = "departments_service"."id") INNER JOIN "departments_employee" ON ("desk_request"."requester_id" = "departments_employee"."id") LEFT OUTER JOIN "departments_employee" T5 ON ("desk_request"."assignee_id" = T5."id") WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 27 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%'))) ORDER BY "desk_request"."due_at" ASC NULLS LAST, "desk_request"."id" ASC LIMIT 51;

-- #10: 0.0 ms
SELECT "desk_savedview"."id", "desk_savedview"."owner_id", "desk_savedview"."department_id", "desk_savedview"."name", "desk_savedview"."query", "desk_savedview"."shared", "desk_savedview"."created_at", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "desk_savedview" INNER JOIN "departments_employee" ON ("desk_savedview"."owner_id" = "departments_employee"."id") WHERE ("desk_savedview"."department_id" = 1 AND ("desk_savedview"."owner_id" = 2 OR "desk_savedview"."shared")) ORDER BY "desk_savedview"."name" ASC, "desk_savedview"."id" ASC;

-- #11: 0.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_notification" WHERE ("desk_notification"."in_app" AND "desk_notification"."recipient_id" = 2 AND "desk_notification"."read_at" IS NULL);

-- EXPLAIN ANALYZE of a 1.0 ms query
Limit  (cost=98.91..98.91 rows=1 width=608) (actual time=0.171..0.173 rows=8 loops=1)
  Buffers: shared hit=127
  ->  Sort  (cost=98.91..98.91 rows=1 width=608) (actual time=0.171..0.172 rows=8 loops=1)
        Sort Key: desk_request.due_at, desk_request.id
        Sort Method: quicksort  Memory: 32kB
        Buffers: shared hit=127
        ->  Nested Loop Left Join  (cost=29.49..98.90 rows=1 width=608) (actual time=0.049..0.162 rows=8 loops=1)
              Buffers: shared hit=127
              ->  Nested Loop  (cost=29.20..90.59 rows=1 width=414) (actual time=0.047..0.154 rows=8 loops=1)
                    Buffers: shared hit=106
                    ->  Nested Loop  (cost=28.92..82.29 rows=1 width=220) (actual time=0.044..0.143 rows=8 loops=1)
                          Buffers: shared hit=82
                          ->  Bitmap Heap Scan on desk_request  (cost=28.92..77.78 rows=1 width=114) (actual time=0.041..0.110 rows=8 loops=1)
                                Recheck Cond: ((service_id = 27) AND (department_id = 1) AND (priority = 2))
                                Filter: ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text))
                                Rows Removed by Filter: 53
                                Heap Blocks: exact=53
                                Buffers: shared hit=58
                                ->  BitmapAnd  (cost=28.92..28.92 rows=14 width=0) (actual time=0.035..0.035 rows=0 loops=1)
                                      Buffers: shared hit=5
                                      ->  Bitmap Index Scan on request_service_created  (cost=0.00..4.95 rows=88 width=0) (actual time=0.004..0.004 rows=88 loops=1)
                                            Index Cond: (service_id = 27)
                                            Buffers: shared hit=2
                                      ->  Bitmap Index Scan on request_dept_priority  (cost=0.00..23.72 rows=1544 width=0) (actual time=0.028..0.028 rows=1532 loops=1)
                                            Index Cond: ((department_id = 1) AND (priority = 2))
                                            Buffers: shared hit=3
                          ->  Seq Scan on departments_service  (cost=0.00..4.50 rows=1 width=106) (actual time=0.001..0.004 rows=1 loops=8)
                                Filter: (id = 27)
                                Rows Removed by Filter: 119
                                Buffers: shared hit=24
                    ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..8.30 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=8)
                          Index Cond: (id = desk_request.requester_id)
                          Buffers: shared hit=24
              ->  Index Scan using departments_employee_pkey on departments_employee t5  (cost=0.28..8.30 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=8)
                    Index Cond: (id = desk_request.assignee_id)
                    Buffers: shared hit=21
Planning:
  Buffers: shared hit=24
Planning Time: 0.329 ms
Execution Time: 0.203 ms

-- EXPLAIN ANALYZE of a 0.0 ms query
Limit  (cost=0.00..1.73 rows=1 width=138) (actual time=0.003..0.003 rows=1 loops=1)
  Buffers: shared hit=1
  ->  Seq Scan on django_session  (cost=0.00..1.73 rows=1 width=138) (actual time=0.002..0.003 rows=1 loops=1)
        Filter: ((expire_date > '2026-11-30 06:22:42.910575+00'::timestamp with time zone) AND ((session_key)::text = 'p1ctrvliyx422k5di2t6heyqb861fga0'::text))
        Buffers: shared hit=1
Planning Time: 0.026 ms
Execution Time: 0.007 ms

-- EXPLAIN ANALYZE of a 0.0 ms query
Limit  (cost=0.28..8.30 rows=1 width=194) (actual time=0.004..0.004 rows=1 loops=1)
  Buffers: shared hit=3
  ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..8.30 rows=1 width=194) (actual time=0.004..0.004 rows=1 loops=1)
        Index Cond: (id = 2)
        Buffers: shared hit=3
Planning Time: 0.015 ms
Execution Time: 0.009 ms

