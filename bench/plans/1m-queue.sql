-- 12 queries; times in ms as captured (one request)

-- #1: 1.0 ms
SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > '2026-11-30 04:12:04.288639+00:00'::timestamptz AND "django_session"."session_key" = 'mhrx436dxzsyybfr5zn0c4um40zki76a') LIMIT 21;

-- #2: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" WHERE "departments_employee"."id" = 2 LIMIT 21;

-- #3: 0.0 ms
SELECT "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_department" WHERE ("departments_department"."is_active" AND "departments_department"."slug" = 'it') LIMIT 21;

-- #4: 0.0 ms
SELECT "departments_membership"."department_id" AS "department_id", "departments_membership"."role" AS "role" FROM "departments_membership" INNER JOIN "departments_department" ON ("departments_membership"."department_id" = "departments_department"."id") WHERE ("departments_department"."is_active" AND "departments_membership"."employee_id" = 2);

-- #5: 0.0 ms
SELECT "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order" FROM "departments_service" WHERE "departments_service"."department_id" = 1 ORDER BY "departments_service"."order" ASC, "departments_service"."name" ASC, "departments_service"."id" ASC;

-- #6: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" INNER JOIN "departments_membership" ON ("departments_employee"."id" = "departments_membership"."employee_id") WHERE "departments_membership"."department_id" = 1 ORDER BY "departments_employee"."full_name" ASC, "departments_employee"."id" ASC;

-- #7: 3.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."status" IN ('new', 'in_progress', 'waiting'));

-- #8: 57.0 ms
SELECT COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" IN ('new', 'in_progress', 'waiting')) AS "open", COUNT("desk_request"."id") FILTER (WHERE ("desk_request"."due_at" < '2026-11-30 04:12:04.294355+00:00'::timestamptz AND "desk_request"."status" IN ('new', 'in_progress'))) AS "overdue", COUNT("desk_request"."id") AS "all", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'new') AS "new", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'in_progress') AS "in_progress", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'waiting') AS "waiting", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'resolved') AS "resolved", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'closed') AS "closed", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'cancelled') AS "cancelled" FROM "desk_request" WHERE "desk_request"."department_id" = 1;

-- #9: 1.0 ms
SELECT "desk_savedview"."id", "desk_savedview"."owner_id", "desk_savedview"."department_id", "desk_savedview"."name", "desk_savedview"."query", "desk_savedview"."shared", "desk_savedview"."created_at", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "desk_savedview" INNER JOIN "departments_employee" ON ("desk_savedview"."owner_id" = "departments_employee"."id") WHERE ("desk_savedview"."department_id" = 1 AND ("desk_savedview"."owner_id" = 2 OR "desk_savedview"."shared")) ORDER BY "desk_savedview"."name" ASC, "desk_savedview"."id" ASC;

-- #10: 4.0 ms
SELECT "desk_request"."id", "desk_request"."department_id", "desk_request"."number", "desk_request"."service_id", "desk_request"."requester_id", "desk_request"."client_type", "desk_request"."title", "desk_request"."description", "desk_request"."priority", "desk_request"."status", "desk_request"."assignee_id", "desk_request"."extra", "desk_request"."created_at", "desk_request"."updated_at", "desk_request"."last_activity_at", "desk_request"."due_at", "desk_request"."paused_at", "desk_request"."first_response_at", "desk_request"."resolved_at", "desk_request"."closed_at", "desk_request"."overdue_notified_at", "desk_request"."first_response_business_seconds", "desk_request"."resolution_seconds", "desk_request"."resolution_business_seconds", "desk_request"."met_target", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number", "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined", T5."id", T5."password", T5."last_login", T5."is_superuser", T5."email", T5."full_name", T5."job_title", T5."department_id", T5."client_type", T5."language", T5."is_staff", T5."is_active", T5."date_joined" FROM "desk_request" INNER JOIN "departments_department" ON ("desk_request"."department_id" = "departments_department"."id") INNER JOIN "departments_service" ON ("desk_request"."service_id" = "departments_service"."id") INNER JOIN "departments_employee" ON ("desk_request"."requester_id" = "departments_employee"."id") LEFT OUTER JOIN "departments_employee" T5 ON ("desk_request"."assignee_id" = T5."id") WHERE ("desk_request"."department_id" = 1 AND "desk_request"."status" IN ('new', 'in_progress', 'waiting')) ORDER BY "desk_request"."due_at" ASC NULLS LAST, "desk_request"."id" ASC LIMIT 50;

-- #11: 1.0 ms
SELECT "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_department" WHERE "departments_department"."id" IN (1) ORDER BY "departments_department"."name" ASC;

-- #12: 0.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_notification" WHERE ("desk_notification"."in_app" AND "desk_notification"."recipient_id" = 2 AND "desk_notification"."read_at" IS NULL);

-- EXPLAIN ANALYZE of a 57.0 ms query
Finalize Aggregate  (cost=38777.25..38777.26 rows=1 width=72) (actual time=59.466..61.517 rows=1 loops=1)
  Buffers: shared hit=29418
  ->  Gather  (cost=38776.99..38777.20 rows=2 width=72) (actual time=55.359..61.502 rows=3 loops=1)
        Workers Planned: 2
        Workers Launched: 2
        Buffers: shared hit=29418
        ->  Partial Aggregate  (cost=37776.99..37777.00 rows=1 width=72) (actual time=50.557..50.558 rows=1 loops=3)
              Buffers: shared hit=29418
              ->  Parallel Index Only Scan using request_dept_status_cover on desk_request  (cost=0.42..32931.29 rows=104772 width=23) (actual time=0.054..26.458 rows=83897 loops=3)
                    Index Cond: (department_id = 1)
                    Heap Fetches: 35774
                    Buffers: shared hit=29412
Planning Time: 0.198 ms
Execution Time: 61.559 ms

-- EXPLAIN ANALYZE of a 4.0 ms query
Limit  (cost=25.03..1199.89 rows=50 width=897) (actual time=1.400..2.087 rows=50 loops=1)
  Buffers: shared hit=2572
  ->  Incremental Sort  (cost=25.03..185933.98 rows=7912 width=897) (actual time=1.399..2.083 rows=50 loops=1)
        Sort Key: desk_request.due_at, desk_request.id
        Presorted Key: desk_request.due_at
        Full-sort Groups: 2  Sort Method: quicksort  Average Memory: 57kB  Peak Memory: 57kB
        Buffers: shared hit=2572
        ->  Nested Loop Left Join  (cost=1.14..185582.87 rows=7912 width=897) (actual time=0.130..2.007 rows=51 loops=1)
              Buffers: shared hit=2572
              ->  Nested Loop  (cost=0.85..185356.24 rows=7912 width=703) (actual time=0.117..1.920 rows=51 loops=1)
                    Buffers: shared hit=2521
                    ->  Nested Loop  (cost=0.57..182350.84 rows=7912 width=509) (actual time=0.108..1.790 rows=51 loops=1)
                          Buffers: shared hit=2368
                          ->  Nested Loop  (cost=0.42..181066.20 rows=7912 width=403) (actual time=0.100..1.730 rows=51 loops=1)
                                Buffers: shared hit=2266
                                ->  Index Scan using request_dept_due on desk_request  (cost=0.42..180962.80 rows=7912 width=323) (actual time=0.083..1.685 rows=51 loops=1)
                                      Index Cond: (department_id = 1)
                                      Filter: ((status)::text = ANY ('{new,in_progress,waiting}'::text[]))
                                      Rows Removed by Filter: 2772
                                      Buffers: shared hit=2262
                                ->  Materialize  (cost=0.00..4.50 rows=1 width=80) (actual time=0.000..0.000 rows=1 loops=51)
                                      Buffers: shared hit=4
                                      ->  Seq Scan on departments_department  (cost=0.00..4.50 rows=1 width=80) (actual time=0.011..0.014 rows=1 loops=1)
                                            Filter: (id = 1)
                                            Rows Removed by Filter: 9
                                            Buffers: shared hit=4
                          ->  Index Scan using departments_service_pkey on departments_service  (cost=0.14..0.16 rows=1 width=106) (actual time=0.001..0.001 rows=1 loops=51)
                                Index Cond: (id = desk_request.service_id)
                                Buffers: shared hit=102
                    ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..0.38 rows=1 width=194) (actual time=0.002..0.002 rows=1 loops=51)
                          Index Cond: (id = desk_request.requester_id)
                          Buffers: shared hit=153
              ->  Memoize  (cost=0.29..0.39 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=51)
                    Cache Key: desk_request.assignee_id
                    Cache Mode: logical
                    Hits: 33  Misses: 18  Evictions: 0  Overflows: 0  Memory Usage: 6kB
                    Buffers: shared hit=51
                    ->  Index Scan using departments_employee_pkey on departments_employee t5  (cost=0.28..0.38 rows=1 width=194) (actual time=0.002..0.002 rows=1 loops=18)
                          Index Cond: (id = desk_request.assignee_id)
                          Buffers: shared hit=51
Planning:
  Buffers: shared hit=39
Planning Time: 1.225 ms
Execution Time: 2.160 ms

-- EXPLAIN ANALYZE of a 3.0 ms query
Aggregate  (cost=4303.91..4303.92 rows=1 width=8) (actual time=2.610..2.610 rows=1 loops=1)
  Buffers: shared hit=2549
  ->  Index Only Scan using request_dept_status_due on desk_request  (cost=0.42..4284.13 rows=7912 width=0) (actual time=0.017..2.306 rows=7748 loops=1)
        Index Cond: ((department_id = 1) AND (status = ANY ('{new,in_progress,waiting}'::text[])))
        Heap Fetches: 2504
        Buffers: shared hit=2549
Planning Time: 0.101 ms
Execution Time: 2.621 ms

