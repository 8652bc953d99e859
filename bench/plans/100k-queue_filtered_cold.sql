-- 11 queries; times in ms as captured (one request)

-- #1: 0.0 ms
SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > '2026-11-30 06:03:48.973848+00:00'::timestamptz AND "django_session"."session_key" = 'j3f8j1w1bse21i5oqllt8fltvkz46cpm') LIMIT 21;

-- #2: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" WHERE "departments_employee"."id" = 2 LIMIT 21;

-- #3: 0.0 ms
SELECT "departments_membership"."id", "departments_membership"."department_id", "departments_membership"."employee_id", "departments_membership"."role", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_membership" INNER JOIN "departments_department" ON ("departments_membership"."department_id" = "departments_department"."id") WHERE ("departments_department"."is_active" AND "departments_membership"."employee_id" = 2) ORDER BY "departments_department"."name" ASC, "departments_membership"."department_id" ASC;

-- #4: 0.0 ms
SELECT "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order" FROM "departments_service" WHERE "departments_service"."department_id" = 1 ORDER BY "departments_service"."order" ASC, "departments_service"."name" ASC, "departments_service"."id" ASC;

-- #5: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" INNER JOIN "departments_membership" ON ("departments_employee"."id" = "departments_membership"."employee_id") WHERE "departments_membership"."department_id" = 1 ORDER BY "departments_employee"."full_name" ASC, "departments_employee"."id" ASC;

-- #6: 1.0 ms
SELECT COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" IN ('new', 'in_progress', 'waiting')) AS "open", COUNT("desk_request"."status") FILTER (WHERE ("desk_request"."due_at" < '2026-11-30 06:03:48.978749+00:00'::timestamptz AND "desk_request"."status" IN ('new', 'in_progress'))) AS "overdue", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'new') AS "new", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'in_progress') AS "in_progress", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'waiting') AS "waiting", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'resolved') AS "resolved" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 8 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')) AND "desk_request"."status" IN ('new', 'in_progress', 'waiting', 'resolved'));

-- #7: 1.0 ms
SELECT COUNT(*) FROM (SELECT "desk_request"."status" AS "status" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 8 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')) AND "desk_request"."status" = 'closed') LIMIT 10001) subquery;

-- #8: 1.0 ms
SELECT COUNT(*) FROM (SELECT "desk_request"."status" AS "status" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 8 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')) AND "desk_request"."status" = 'cancelled') LIMIT 10001) subquery;

-- #9: 2.0 ms
SELECT "desk_request"."id", "desk_request"."department_id", "desk_request"."number", "desk_request"."service_id", "desk_request"."requester_id", "desk_request"."client_type", "desk_request"."title", "desk_request"."description", "desk_request"."priority", "desk_request"."status", "desk_request"."assignee_id", "desk_request"."extra", "desk_request"."created_at", "desk_request"."updated_at", "desk_request"."last_activity_at", "desk_request"."due_at", "desk_request"."paused_at", "desk_request"."first_response_at", "desk_request"."resolved_at", "desk_request"."closed_at", "desk_request"."overdue_notified_at", "desk_request"."first_response_business_seconds", "desk_request"."resolution_seconds", "desk_request"."resolution_business_seconds", "desk_request"."met_target", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number", "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined", T5."id", T5."password", T5."last_login", T5."is_superuser", T5."email", T5."full_name", T5."job_title", T5."department_id", T5."client_type", T5."language", T5."is_staff", T5."is_active", T5."date_joined" FROM "desk_request" INNER JOIN "departments_department" ON ("desk_request"."department_id" = "departments_department"."id") INNER JOIN "departments_service" ON ("desk_request"."service_id" = "departments_service"."id") INNER JOIN "departments_employee" ON ("desk_request"."requester_id" = "departments_employee"."id") LEFT OUTER JOIN "departments_employee" T5 ON ("desk_request"."assignee_id" = T5."id") WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 8 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%'))) ORDER BY "desk_request"."due_at" ASC NULLS LAST, "desk_request"."id" ASC LIMIT 51;

-- #10: 0.0 ms
SELECT "desk_savedview"."id", "desk_savedview"."owner_id", "desk_savedview"."department_id", "desk_savedview"."name", "desk_savedview"."query", "desk_savedview"."shared", "desk_savedview"."created_at", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "desk_savedview" INNER JOIN "departments_employee" ON ("desk_savedview"."owner_id" = "departments_employee"."id") WHERE ("desk_savedview"."department_id" = 1 AND ("desk_savedview"."owner_id" = 2 OR "desk_savedview"."shared")) ORDER BY "desk_savedview"."name" ASC, "desk_savedview"."id" ASC;

-- #11: 0.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_notification" WHERE ("desk_notification"."in_app" AND "desk_notification"."recipient_id" = 2 AND "desk_notification"."read_at" IS NULL);

-- EXPLAIN ANALYZE of a 2.0 ms query
Limit  (cost=533.68..533.69 rows=5 width=897) (actual time=1.319..1.325 rows=32 loops=1)
  Buffers: shared hit=265
  ->  Sort  (cost=533.68..533.69 rows=5 width=897) (actual time=1.318..1.322 rows=32 loops=1)
        Sort Key: desk_request.due_at, desk_request.id
        Sort Method: quicksort  Memory: 57kB
        Buffers: shared hit=265
        ->  Nested Loop Left Join  (cost=425.83..533.62 rows=5 width=897) (actual time=1.082..1.289 rows=32 loops=1)
              Buffers: shared hit=265
              ->  Nested Loop  (cost=425.54..492.12 rows=5 width=703) (actual time=1.076..1.238 rows=32 loops=1)
                    Buffers: shared hit=181
                    ->  Nested Loop  (cost=425.26..450.61 rows=5 width=509) (actual time=1.068..1.156 rows=32 loops=1)
                          Buffers: shared hit=85
                          ->  Seq Scan on departments_service  (cost=0.00..4.50 rows=1 width=106) (actual time=0.006..0.016 rows=1 loops=1)
                                Filter: (id = 8)
                                Rows Removed by Filter: 119
                                Buffers: shared hit=3
                          ->  Nested Loop  (cost=425.26..446.06 rows=5 width=403) (actual time=1.061..1.135 rows=32 loops=1)
                                Buffers: shared hit=82
                                ->  Seq Scan on departments_department  (cost=0.00..1.12 rows=1 width=80) (actual time=0.003..0.004 rows=1 loops=1)
                                      Filter: (id = 1)
                                      Rows Removed by Filter: 9
                                      Buffers: shared hit=1
                                ->  Bitmap Heap Scan on desk_request  (cost=425.26..444.89 rows=5 width=323) (actual time=1.056..1.123 rows=32 loops=1)
                                      Recheck Cond: ((service_id = 8) AND (department_id = 1) AND (priority = 2) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
                                      Heap Blocks: exact=32
                                      Buffers: shared hit=81
                                      ->  BitmapAnd  (cost=425.26..425.26 rows=5 width=0) (actual time=1.048..1.049 rows=0 loops=1)
                                            Buffers: shared hit=49
                                            ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..10.46 rows=822 width=0) (actual time=0.042..0.042 rows=836 loops=1)
                                                  Index Cond: (service_id = 8)
                                                  Buffers: shared hit=3
                                            ->  Bitmap Index Scan on request_dept_priority  (cost=0.00..205.06 rows=14877 width=0) (actual time=0.391..0.391 rows=14839 loops=1)
                                                  Index Cond: ((department_id = 1) AND (priority = 2))
                                                  Buffers: shared hit=14
                                            ->  BitmapOr  (cost=209.24..209.24 rows=3898 width=0) (actual time=0.579..0.579 rows=0 loops=1)
                                                  Buffers: shared hit=32
                                                  ->  Bitmap Index Scan on request_title_trgm  (cost=0.00..77.62 rows=749 width=0) (actual time=0.329..0.329 rows=2613 loops=1)
                                                        Index Cond: (upper((title)::text) ~~ '%PRINTER%'::text)
                                                        Buffers: shared hit=16
                                                  ->  Bitmap Index Scan on request_description_trgm  (cost=0.00..131.62 rows=3149 width=0) (actual time=0.250..0.250 rows=2613 loops=1)
                                                        Index Cond: (upper(description) ~~ '%PRINTER%'::text)
                                                        Buffers: shared hit=16
                    ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..8.30 rows=1 width=194) (actual time=0.002..0.002 rows=1 loops=32)
                          Index Cond: (id = desk_request.requester_id)
                          Buffers: shared hit=96
              ->  Index Scan using departments_employee_pkey on departments_employee t5  (cost=0.28..8.30 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=32)
                    Index Cond: (id = desk_request.assignee_id)
                    Buffers: shared hit=84
Planning:
  Buffers: shared hit=26
Planning Time: 0.628 ms
Execution Time: 1.377 ms

-- EXPLAIN ANALYZE of a 1.0 ms query
Aggregate  (cost=58.86..58.87 rows=1 width=48) (actual time=0.183..0.184 rows=1 loops=1)
  Buffers: shared hit=39
  ->  Bitmap Heap Scan on desk_request  (cost=35.30..58.82 rows=1 width=15) (actual time=0.136..0.179 rows=3 loops=1)
        Recheck Cond: ((service_id = 8) AND (department_id = 1) AND ((status)::text = ANY ('{new,in_progress,waiting,resolved}'::text[])))
        Filter: ((priority = 2) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
        Rows Removed by Filter: 18
        Heap Blocks: exact=21
        Buffers: shared hit=39
        ->  BitmapAnd  (cost=35.30..35.30 rows=6 width=0) (actual time=0.131..0.131 rows=0 loops=1)
              Buffers: shared hit=18
              ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..10.46 rows=822 width=0) (actual time=0.059..0.059 rows=836 loops=1)
                    Index Cond: (service_id = 8)
                    Buffers: shared hit=3
              ->  Bitmap Index Scan on request_dept_status_due  (cost=0.00..24.59 rows=693 width=0) (actual time=0.051..0.051 rows=678 loops=1)
                    Index Cond: ((department_id = 1) AND ((status)::text = ANY ('{new,in_progress,waiting,resolved}'::text[])))
                    Buffers: shared hit=15
Planning:
  Buffers: shared hit=2
Planning Time: 0.223 ms
Execution Time: 0.204 ms

-- EXPLAIN ANALYZE of a 1.0 ms query
Aggregate  (cost=444.95..444.96 rows=1 width=8) (actual time=1.068..1.069 rows=1 loops=1)
  Buffers: shared hit=81
  ->  Limit  (cost=425.26..444.90 rows=4 width=58) (actual time=1.026..1.066 rows=27 loops=1)
        Buffers: shared hit=81
        ->  Bitmap Heap Scan on desk_request  (cost=425.26..444.90 rows=4 width=58) (actual time=1.026..1.064 rows=27 loops=1)
              Recheck Cond: ((service_id = 8) AND (department_id = 1) AND (priority = 2) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
              Filter: ((status)::text = 'closed'::text)
              Rows Removed by Filter: 5
              Heap Blocks: exact=32
              Buffers: shared hit=81
              ->  BitmapAnd  (cost=425.26..425.26 rows=5 width=0) (actual time=1.018..1.019 rows=0 loops=1)
                    Buffers: shared hit=49
                    ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..10.46 rows=822 width=0) (actual time=0.033..0.033 rows=836 loops=1)
                          Index Cond: (service_id = 8)
                          Buffers: shared hit=3
                    ->  Bitmap Index Scan on request_dept_priority  (cost=0.00..205.06 rows=14877 width=0) (actual time=0.395..0.395 rows=14839 loops=1)
                          Index Cond: ((department_id = 1) AND (priority = 2))
                          Buffers: shared hit=14
                    ->  BitmapOr  (cost=209.24..209.24 rows=3898 width=0) (actual time=0.554..0.555 rows=0 loops=1)
                          Buffers: shared hit=32
                          ->  Bitmap Index Scan on request_title_trgm  (cost=0.00..77.62 rows=749 width=0) (actual time=0.315..0.315 rows=2613 loops=1)
                                Index Cond: (upper((title)::text) ~~ '%PRINTER%'::text)
                                Buffers: shared hit=16
                          ->  Bitmap Index Scan on request_description_trgm  (cost=0.00..131.62 rows=3149 width=0) (actual time=0.239..0.239 rows=2613 loops=1)
                                Index Cond: (upper(description) ~~ '%PRINTER%'::text)
                                Buffers: shared hit=16
Planning:
  Buffers: shared hit=2
Planning Time: 0.172 ms
Execution Time: 1.083 ms

