-- 11 queries; times in ms as captured (one request)

-- #1: 0.0 ms
SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > '2026-11-30 06:24:20.788003+00:00'::timestamptz AND "django_session"."session_key" = '3500m3prx5igiut92cyyzoh4vt641p3u') LIMIT 21;

-- #2: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" WHERE "departments_employee"."id" = 2 LIMIT 21;

-- #3: 0.0 ms
SELECT "departments_membership"."id", "departments_membership"."department_id", "departments_membership"."employee_id", "departments_membership"."role", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_membership" INNER JOIN "departments_department" ON ("departments_membership"."department_id" = "departments_department"."id") WHERE ("departments_department"."is_active" AND "departments_membership"."employee_id" = 2) ORDER BY "departments_department"."name" ASC, "departments_membership"."department_id" ASC;

-- #4: 0.0 ms
SELECT "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order" FROM "departments_service" WHERE "departments_service"."department_id" = 1 ORDER BY "departments_service"."order" ASC, "departments_service"."name" ASC, "departments_service"."id" ASC;

-- #5: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" INNER JOIN "departments_membership" ON ("departments_employee"."id" = "departments_membership"."employee_id") WHERE "departments_membership"."department_id" = 1 ORDER BY "departments_employee"."full_name" ASC, "departments_employee"."id" ASC;

-- #6: 0.0 ms
SELECT COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" IN ('new', 'in_progress', 'waiting')) AS "open", COUNT("desk_request"."status") FILTER (WHERE ("desk_request"."due_at" < '2026-11-30 06:24:20.792179+00:00'::timestamptz AND "desk_request"."status" IN ('new', 'in_progress'))) AS "overdue", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'new') AS "new", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'in_progress') AS "in_progress", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'waiting') AS "waiting", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'resolved') AS "resolved" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."status" IN ('new', 'in_progress', 'waiting', 'resolved'));

-- #7: 1.0 ms
SELECT COUNT(*) FROM (SELECT "desk_request"."status" AS "status" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."status" = 'closed') LIMIT 10001) subquery;

-- #8: 0.0 ms
SELECT COUNT(*) FROM (SELECT "desk_request"."status" AS "status" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."status" = 'cancelled') LIMIT 10001) subquery;

-- #9: 2.0 ms
SELECT "desk_request"."id", "desk_request"."department_id", "desk_request"."number", "desk_request"."service_id", "desk_request"."requester_id", "desk_request"."client_type", "desk_request"."title", "desk_request"."priority", "desk_request"."status", "desk_request"."assignee_id", "desk_request"."created_at", "desk_request"."due_at", "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined", T5."id", T5."password", T5."last_login", T5."is_superuser", T5."email", T5."full_name", T5."job_title", T5."department_id", T5."client_type", T5."language", T5."is_staff", T5."is_active", T5."date_joined" FROM "desk_request" INNER JOIN "departments_service" ON ("desk_request"."service_id" = "departments_service"."id") INNER JOIN "departments_employee" ON ("desk_request"."requester_id" = "departments_employee"."id") LEFT OUTER JOIN "departments_employee" T5 ON ("desk_request"."assignee_id" = T5."id") WHERE ("desk_request"."department_id" = 1 AND "desk_request"."status" IN ('new', 'in_progress', 'waiting')) ORDER BY "desk_request"."due_at" ASC NULLS LAST, "desk_request"."id" ASC LIMIT 51;

-- #10: 0.0 ms
SELECT "desk_savedview"."id", "desk_savedview"."owner_id", "desk_savedview"."department_id", "desk_savedview"."name", "desk_savedview"."query", "desk_savedview"."shared", "desk_savedview"."created_at", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "desk_savedview" INNER JOIN "departments_employee" ON ("desk_savedview"."owner_id" = "departments_employee"."id") WHERE ("desk_savedview"."department_id" = 1 AND ("desk_savedview"."owner_id" = 2 OR "desk_savedview"."shared")) ORDER BY "desk_savedview"."name" ASC, "desk_savedview"."id" ASC;

-- #11: 0.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_notification" WHERE ("desk_notification"."in_app" AND "desk_notification"."recipient_id" = 2 AND "desk_notification"."read_at" IS NULL);

-- EXPLAIN ANALYZE of a 2.0 ms query
Limit  (cost=33.86..1698.95 rows=51 width=608) (actual time=0.617..1.050 rows=51 loops=1)
  Buffers: shared hit=2859
  ->  Incremental Sort  (cost=33.86..19198.70 rows=587 width=608) (actual time=0.617..1.047 rows=51 loops=1)
        Sort Key: desk_request.due_at, desk_request.id
        Presorted Key: desk_request.due_at
        Full-sort Groups: 2  Sort Method: quicksort  Average Memory: 53kB  Peak Memory: 53kB
        Buffers: shared hit=2859
        ->  Nested Loop Left Join  (cost=1.14..19172.32 rows=587 width=608) (actual time=0.032..1.009 rows=52 loops=1)
              Buffers: shared hit=2859
              ->  Nested Loop  (cost=0.84..19053.20 rows=587 width=414) (actual time=0.029..0.968 rows=52 loops=1)
                    Buffers: shared hit=2811
                    ->  Nested Loop  (cost=0.56..18245.10 rows=587 width=220) (actual time=0.027..0.908 rows=52 loops=1)
                          Buffers: shared hit=2655
                          ->  Index Scan using request_dept_due on desk_request  (cost=0.42..18131.43 rows=587 width=114) (actual time=0.024..0.868 rows=52 loops=1)
                                Index Cond: (department_id = 1)
                                Filter: ((status)::text = ANY ('{new,in_progress,waiting}'::text[]))
                                Rows Removed by Filter: 3065
                                Buffers: shared hit=2551
                          ->  Index Scan using departments_service_pkey on departments_service  (cost=0.14..0.19 rows=1 width=106) (actual time=0.000..0.000 rows=1 loops=52)
                                Index Cond: (id = desk_request.service_id)
                                Buffers: shared hit=104
                    ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..1.38 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=52)
                          Index Cond: (id = desk_request.requester_id)
                          Buffers: shared hit=156
              ->  Memoize  (cost=0.29..1.39 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=52)
                    Cache Key: desk_request.assignee_id
                    Cache Mode: logical
                    Hits: 35  Misses: 17  Evictions: 0  Overflows: 0  Memory Usage: 5kB
                    Buffers: shared hit=48
                    ->  Index Scan using departments_employee_pkey on departments_employee t5  (cost=0.28..1.38 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=17)
                          Index Cond: (id = desk_request.assignee_id)
                          Buffers: shared hit=48
Planning:
  Buffers: shared hit=36
Planning Time: 0.449 ms
Execution Time: 1.078 ms

-- EXPLAIN ANALYZE of a 1.0 ms query
Aggregate  (cost=520.13..520.14 rows=1 width=8) (actual time=1.449..1.449 rows=1 loops=1)
  Buffers: shared hit=51
  ->  Limit  (cost=0.42..395.11 rows=10001 width=58) (actual time=0.008..1.129 rows=10001 loops=1)
        Buffers: shared hit=51
        ->  Index Only Scan using request_dept_status_due on desk_request  (cost=0.42..908.72 rows=23015 width=58) (actual time=0.008..0.643 rows=10001 loops=1)
              Index Cond: ((department_id = 1) AND (status = 'closed'::text))
              Heap Fetches: 0
              Buffers: shared hit=51
Planning Time: 0.076 ms
Execution Time: 1.458 ms

-- EXPLAIN ANALYZE of a 0.0 ms query
Limit  (cost=0.00..1.73 rows=1 width=138) (actual time=0.004..0.004 rows=1 loops=1)
  Buffers: shared hit=1
  ->  Seq Scan on django_session  (cost=0.00..1.73 rows=1 width=138) (actual time=0.004..0.004 rows=1 loops=1)
        Filter: ((expire_date > '2026-11-30 06:24:20.788003+00'::timestamp with time zone) AND ((session_key)::text = '3500m3prx5igiut92cyyzoh4vt641p3u'::text))
        Buffers: shared hit=1
Planning Time: 0.023 ms
Execution Time: 0.008 ms

