-- 12 queries; times in ms as captured (one request)

-- #1: 1.0 ms
SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > '2026-11-30 03:59:05.852728+00:00'::timestamptz AND "django_session"."session_key" = '7ki1gfzrlnwtav8oo6v2smdzz3814v4z') LIMIT 21;

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

-- #7: 4.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')));

-- #8: 5.0 ms
SELECT COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" IN ('new', 'in_progress', 'waiting')) AS "open", COUNT("desk_request"."id") FILTER (WHERE ("desk_request"."due_at" < '2026-11-30 03:59:05.858489+00:00'::timestamptz AND "desk_request"."status" IN ('new', 'in_progress'))) AS "overdue", COUNT("desk_request"."id") AS "all", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'new') AS "new", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'in_progress') AS "in_progress", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'waiting') AS "waiting", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'resolved') AS "resolved", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'closed') AS "closed", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'cancelled') AS "cancelled" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')));

-- #9: 1.0 ms
SELECT "desk_savedview"."id", "desk_savedview"."owner_id", "desk_savedview"."department_id", "desk_savedview"."name", "desk_savedview"."query", "desk_savedview"."shared", "desk_savedview"."created_at", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "desk_savedview" INNER JOIN "departments_employee" ON ("desk_savedview"."owner_id" = "departments_employee"."id") WHERE ("desk_savedview"."department_id" = 1 AND ("desk_savedview"."owner_id" = 2 OR "desk_savedview"."shared")) ORDER BY "desk_savedview"."name" ASC, "desk_savedview"."id" ASC;

-- #10: 4.0 ms
SELECT "desk_request"."id", "desk_request"."department_id", "desk_request"."number", "desk_request"."service_id", "desk_request"."requester_id", "desk_request"."client_type", "desk_request"."title", "desk_request"."description", "desk_request"."priority", "desk_request"."status", "desk_request"."assignee_id", "desk_request"."extra", "desk_request"."created_at", "desk_request"."updated_at", "desk_request"."last_activity_at", "desk_request"."due_at", "desk_request"."paused_at", "desk_request"."first_response_at", "desk_request"."resolved_at", "desk_request"."closed_at", "desk_request"."overdue_notified_at", "desk_request"."first_response_business_seconds", "desk_request"."resolution_seconds", "desk_request"."resolution_business_seconds", "desk_request"."met_target", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number", "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined", T5."id", T5."password", T5."last_login", T5."is_superuser", T5."email", T5."full_name", T5."job_title", T5."department_id", T5."client_type", T5."language", T5."is_staff", T5."is_active", T5."date_joined" FROM "desk_request" INNER JOIN "departments_department" ON ("desk_request"."department_id" = "departments_department"."id") INNER JOIN "departments_service" ON ("desk_request"."service_id" = "departments_service"."id") INNER JOIN "departments_employee" ON ("desk_request"."requester_id" = "departments_employee"."id") LEFT OUTER JOIN "departments_employee" T5 ON ("desk_request"."assignee_id" = T5."id") WHERE ("desk_request"."department_id" = 1 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%'))) ORDER BY "desk_request"."due_at" ASC NULLS LAST, "desk_request"."id" ASC LIMIT 50;

-- #11: 0.0 ms
SELECT "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_department" WHERE "departments_department"."id" IN (1) ORDER BY "departments_department"."name" ASC;

-- #12: 0.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_notification" WHERE ("desk_notification"."in_app" AND "desk_notification"."recipient_id" = 2 AND "desk_notification"."read_at" IS NULL);

-- EXPLAIN ANALYZE of a 5.0 ms query
Aggregate  (cost=3520.81..3520.82 rows=1 width=72) (actual time=3.841..3.845 rows=1 loops=1)
  Buffers: shared hit=1172
  ->  Bitmap Heap Scan on desk_request  (cost=498.56..3456.66 rows=1387 width=23) (actual time=1.654..3.544 rows=1307 loops=1)
        Recheck Cond: (((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)) AND (department_id = 1))
        Heap Blocks: exact=1118
        Buffers: shared hit=1172
        ->  BitmapAnd  (cost=498.56..498.56 rows=1406 width=0) (actual time=1.551..1.554 rows=0 loops=1)
              Buffers: shared hit=54
              ->  BitmapOr  (cost=223.09..223.09 rows=5653 width=0) (actual time=0.777..0.779 rows=0 loops=1)
                    Buffers: shared hit=32
                    ->  Bitmap Index Scan on request_title_trgm  (cost=0.00..90.64 rows=2486 width=0) (actual time=0.452..0.452 rows=2613 loops=1)
                          Index Cond: (upper((title)::text) ~~ '%PRINTER%'::text)
                          Buffers: shared hit=16
                    ->  Bitmap Index Scan on request_description_trgm  (cost=0.00..131.75 rows=3167 width=0) (actual time=0.325..0.325 rows=2613 loops=1)
                          Index Cond: (upper(description) ~~ '%PRINTER%'::text)
                          Buffers: shared hit=16
              ->  Bitmap Index Scan on desk_request_department_id_69ed2554  (cost=0.00..274.87 rows=24877 width=0) (actual time=0.714..0.714 rows=24817 loops=1)
                    Index Cond: (department_id = 1)
                    Buffers: shared hit=22
Planning:
  Buffers: shared hit=2
Planning Time: 0.306 ms
Execution Time: 3.887 ms

-- EXPLAIN ANALYZE of a 4.0 ms query
Aggregate  (cost=3460.13..3460.14 rows=1 width=8) (actual time=3.382..3.384 rows=1 loops=1)
  Buffers: shared hit=1172
  ->  Bitmap Heap Scan on desk_request  (cost=498.56..3456.66 rows=1387 width=0) (actual time=1.647..3.328 rows=1307 loops=1)
        Recheck Cond: (((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)) AND (department_id = 1))
        Heap Blocks: exact=1118
        Buffers: shared hit=1172
        ->  BitmapAnd  (cost=498.56..498.56 rows=1406 width=0) (actual time=1.547..1.548 rows=0 loops=1)
              Buffers: shared hit=54
              ->  BitmapOr  (cost=223.09..223.09 rows=5653 width=0) (actual time=0.792..0.793 rows=0 loops=1)
                    Buffers: shared hit=32
                    ->  Bitmap Index Scan on request_title_trgm  (cost=0.00..90.64 rows=2486 width=0) (actual time=0.426..0.427 rows=2613 loops=1)
                          Index Cond: (upper((title)::text) ~~ '%PRINTER%'::text)
                          Buffers: shared hit=16
                    ->  Bitmap Index Scan on request_description_trgm  (cost=0.00..131.75 rows=3167 width=0) (actual time=0.365..0.365 rows=2613 loops=1)
                          Index Cond: (upper(description) ~~ '%PRINTER%'::text)
                          Buffers: shared hit=16
              ->  Bitmap Index Scan on desk_request_department_id_69ed2554  (cost=0.00..274.87 rows=24877 width=0) (actual time=0.696..0.697 rows=24817 loops=1)
                    Index Cond: (department_id = 1)
                    Buffers: shared hit=22
Planning:
  Buffers: shared hit=2
Planning Time: 0.203 ms
Execution Time: 3.403 ms

-- EXPLAIN ANALYZE of a 4.0 ms query
Limit  (cost=15.20..716.73 rows=50 width=897) (actual time=1.958..2.908 rows=50 loops=1)
  Buffers: shared hit=1107
  ->  Incremental Sort  (cost=15.20..19475.68 rows=1387 width=897) (actual time=1.957..2.903 rows=50 loops=1)
        Sort Key: desk_request.due_at, desk_request.id
        Presorted Key: desk_request.due_at
        Full-sort Groups: 2  Sort Method: quicksort  Average Memory: 57kB  Peak Memory: 57kB
        Buffers: shared hit=1107
        ->  Nested Loop  (cost=1.16..19413.41 rows=1387 width=897) (actual time=0.085..2.826 rows=51 loops=1)
              Buffers: shared hit=1107
              ->  Nested Loop Left Join  (cost=0.86..18458.25 rows=1387 width=703) (actual time=0.076..2.563 rows=51 loops=1)
                    Buffers: shared hit=954
                    ->  Nested Loop  (cost=0.57..18366.19 rows=1387 width=509) (actual time=0.075..2.464 rows=51 loops=1)
                          Buffers: shared hit=903
                          ->  Nested Loop  (cost=0.42..18310.64 rows=1387 width=403) (actual time=0.067..2.373 rows=51 loops=1)
                                Buffers: shared hit=847
                                ->  Index Scan using request_dept_due on desk_request  (cost=0.42..18292.18 rows=1387 width=323) (actual time=0.057..2.324 rows=51 loops=1)
                                      Index Cond: (department_id = 1)
                                      Filter: ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text))
                                      Rows Removed by Filter: 978
                                      Buffers: shared hit=846
                                ->  Materialize  (cost=0.00..1.13 rows=1 width=80) (actual time=0.000..0.000 rows=1 loops=51)
                                      Buffers: shared hit=1
                                      ->  Seq Scan on departments_department  (cost=0.00..1.12 rows=1 width=80) (actual time=0.006..0.008 rows=1 loops=1)
                                            Filter: (id = 1)
                                            Rows Removed by Filter: 9
                                            Buffers: shared hit=1
                          ->  Memoize  (cost=0.15..0.18 rows=1 width=106) (actual time=0.001..0.001 rows=1 loops=51)
                                Cache Key: desk_request.service_id
                                Cache Mode: logical
                                Hits: 23  Misses: 28  Evictions: 0  Overflows: 0  Memory Usage: 6kB
                                Buffers: shared hit=56
                                ->  Index Scan using departments_service_pkey on departments_service  (cost=0.14..0.17 rows=1 width=106) (actual time=0.001..0.001 rows=1 loops=28)
                                      Index Cond: (id = desk_request.service_id)
                                      Buffers: shared hit=56
                    ->  Memoize  (cost=0.29..0.77 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=51)
                          Cache Key: desk_request.assignee_id
                          Cache Mode: logical
                          Hits: 33  Misses: 18  Evictions: 0  Overflows: 0  Memory Usage: 6kB
                          Buffers: shared hit=51
                          ->  Index Scan using departments_employee_pkey on departments_employee t5  (cost=0.28..0.76 rows=1 width=194) (actual time=0.003..0.003 rows=1 loops=18)
                                Index Cond: (id = desk_request.assignee_id)
                                Buffers: shared hit=51
              ->  Memoize  (cost=0.29..0.77 rows=1 width=194) (actual time=0.005..0.005 rows=1 loops=51)
                    Cache Key: desk_request.requester_id
                    Cache Mode: logical
                    Hits: 0  Misses: 51  Evictions: 0  Overflows: 0  Memory Usage: 16kB
                    Buffers: shared hit=153
                    ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..0.76 rows=1 width=194) (actual time=0.004..0.004 rows=1 loops=51)
                          Index Cond: (id = desk_request.requester_id)
                          Buffers: shared hit=153
Planning:
  Buffers: shared hit=38
Planning Time: 1.682 ms
Execution Time: 2.993 ms

