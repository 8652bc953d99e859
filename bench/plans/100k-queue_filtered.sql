-- 12 queries; times in ms as captured (one request)

-- #1: 1.0 ms
SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > '2026-11-30 03:58:48.987768+00:00'::timestamptz AND "django_session"."session_key" = '7ki1gfzrlnwtav8oo6v2smdzz3814v4z') LIMIT 21;

-- #2: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" WHERE "departments_employee"."id" = 2 LIMIT 21;

-- #3: 0.0 ms
SELECT "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_department" WHERE ("departments_department"."is_active" AND "departments_department"."slug" = 'it') LIMIT 21;

-- #4: 0.0 ms
SELECT "departments_membership"."department_id" AS "department_id", "departments_membership"."role" AS "role" FROM "departments_membership" INNER JOIN "departments_department" ON ("departments_membership"."department_id" = "departments_department"."id") WHERE ("departments_department"."is_active" AND "departments_membership"."employee_id" = 2);

-- #5: 0.0 ms
SELECT "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order" FROM "departments_service" WHERE "departments_service"."department_id" = 1 ORDER BY "departments_service"."order" ASC, "departments_service"."name" ASC, "departments_service"."id" ASC;

-- #6: 1.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" INNER JOIN "departments_membership" ON ("departments_employee"."id" = "departments_membership"."employee_id") WHERE "departments_membership"."department_id" = 1 ORDER BY "departments_employee"."full_name" ASC, "departments_employee"."id" ASC;

-- #7: 3.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 8 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')));

-- #8: 5.0 ms
SELECT COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" IN ('new', 'in_progress', 'waiting')) AS "open", COUNT("desk_request"."id") FILTER (WHERE ("desk_request"."due_at" < '2026-11-30 03:58:48.993919+00:00'::timestamptz AND "desk_request"."status" IN ('new', 'in_progress'))) AS "overdue", COUNT("desk_request"."id") AS "all", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'new') AS "new", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'in_progress') AS "in_progress", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'waiting') AS "waiting", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'resolved') AS "resolved", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'closed') AS "closed", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'cancelled') AS "cancelled" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 8 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')));

-- #9: 1.0 ms
SELECT "desk_savedview"."id", "desk_savedview"."owner_id", "desk_savedview"."department_id", "desk_savedview"."name", "desk_savedview"."query", "desk_savedview"."shared", "desk_savedview"."created_at", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "desk_savedview" INNER JOIN "departments_employee" ON ("desk_savedview"."owner_id" = "departments_employee"."id") WHERE ("desk_savedview"."department_id" = 1 AND ("desk_savedview"."owner_id" = 2 OR "desk_savedview"."shared")) ORDER BY "desk_savedview"."name" ASC, "desk_savedview"."id" ASC;

-- #10: 6.0 ms
SELECT "desk_request"."id", "desk_request"."department_id", "desk_request"."number", "desk_request"."service_id", "desk_request"."requester_id", "desk_request"."client_type", "desk_request"."title", "desk_request"."description", "desk_request"."priority", "desk_request"."status", "desk_request"."assignee_id", "desk_request"."extra", "desk_request"."created_at", "desk_request"."updated_at", "desk_request"."last_activity_at", "desk_request"."due_at", "desk_request"."paused_at", "desk_request"."first_response_at", "desk_request"."resolved_at", "desk_request"."closed_at", "desk_request"."overdue_notified_at", "desk_request"."first_response_business_seconds", "desk_request"."resolution_seconds", "desk_request"."resolution_business_seconds", "desk_request"."met_target", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number", "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined", T5."id", T5."password", T5."last_login", T5."is_superuser", T5."email", T5."full_name", T5."job_title", T5."department_id", T5."client_type", T5."language", T5."is_staff", T5."is_active", T5."date_joined" FROM "desk_request" INNER JOIN "departments_department" ON ("desk_request"."department_id" = "departments_department"."id") INNER JOIN "departments_service" ON ("desk_request"."service_id" = "departments_service"."id") INNER JOIN "departments_employee" ON ("desk_request"."requester_id" = "departments_employee"."id") LEFT OUTER JOIN "departments_employee" T5 ON ("desk_request"."assignee_id" = T5."id") WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 8 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%'))) ORDER BY "desk_request"."due_at" ASC NULLS LAST, "desk_request"."id" ASC LIMIT 32;

-- #11: 0.0 ms
SELECT "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_department" WHERE "departments_department"."id" IN (1) ORDER BY "departments_department"."name" ASC;

-- #12: 0.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_notification" WHERE ("desk_notification"."in_app" AND "desk_notification"."recipient_id" = 2 AND "desk_notification"."read_at" IS NULL);

-- EXPLAIN ANALYZE of a 6.0 ms query
Limit  (cost=579.65..579.67 rows=7 width=897) (actual time=2.681..2.689 rows=32 loops=1)
  Buffers: shared hit=265
  ->  Sort  (cost=579.65..579.67 rows=7 width=897) (actual time=2.680..2.685 rows=32 loops=1)
        Sort Key: desk_request.due_at, desk_request.id
        Sort Method: quicksort  Memory: 57kB
        Buffers: shared hit=265
        ->  Nested Loop Left Join  (cost=438.80..579.56 rows=7 width=897) (actual time=2.311..2.630 rows=32 loops=1)
              Buffers: shared hit=265
              ->  Nested Loop  (cost=438.52..525.45 rows=7 width=703) (actual time=2.300..2.546 rows=32 loops=1)
                    Buffers: shared hit=181
                    ->  Nested Loop  (cost=438.23..471.35 rows=7 width=509) (actual time=2.282..2.416 rows=32 loops=1)
                          Buffers: shared hit=85
                          ->  Seq Scan on departments_service  (cost=0.00..4.50 rows=1 width=106) (actual time=0.009..0.025 rows=1 loops=1)
                                Filter: (id = 8)
                                Rows Removed by Filter: 119
                                Buffers: shared hit=3
                          ->  Nested Loop  (cost=438.23..466.78 rows=7 width=403) (actual time=2.270..2.381 rows=32 loops=1)
                                Buffers: shared hit=82
                                ->  Seq Scan on departments_department  (cost=0.00..1.12 rows=1 width=80) (actual time=0.003..0.007 rows=1 loops=1)
                                      Filter: (id = 1)
                                      Rows Removed by Filter: 9
                                      Buffers: shared hit=1
                                ->  Bitmap Heap Scan on desk_request  (cost=438.23..465.58 rows=7 width=323) (actual time=2.262..2.360 rows=32 loops=1)
                                      Recheck Cond: ((service_id = 8) AND (department_id = 1) AND (priority = 2) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
                                      Heap Blocks: exact=32
                                      Buffers: shared hit=81
                                      ->  BitmapAnd  (cost=438.23..438.23 rows=7 width=0) (actual time=2.245..2.247 rows=0 loops=1)
                                            Buffers: shared hit=49
                                            ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..10.46 rows=822 width=0) (actual time=0.062..0.062 rows=836 loops=1)
                                                  Index Cond: (service_id = 8)
                                                  Buffers: shared hit=3
                                            ->  Bitmap Index Scan on request_dept_priority  (cost=0.00..204.87 rows=14858 width=0) (actual time=0.970..0.970 rows=14839 loops=1)
                                                  Index Cond: ((department_id = 1) AND (priority = 2))
                                                  Buffers: shared hit=14
                                            ->  BitmapOr  (cost=222.40..222.40 rows=5653 width=0) (actual time=1.161..1.161 rows=0 loops=1)
                                                  Buffers: shared hit=32
                                                  ->  Bitmap Index Scan on request_title_trgm  (cost=0.00..90.64 rows=2486 width=0) (actual time=0.626..0.626 rows=2613 loops=1)
                                                        Index Cond: (upper((title)::text) ~~ '%PRINTER%'::text)
                                                        Buffers: shared hit=16
                                                  ->  Bitmap Index Scan on request_description_trgm  (cost=0.00..131.75 rows=3167 width=0) (actual time=0.533..0.533 rows=2613 loops=1)
                                                        Index Cond: (upper(description) ~~ '%PRINTER%'::text)
                                                        Buffers: shared hit=16
                    ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..7.73 rows=1 width=194) (actual time=0.003..0.003 rows=1 loops=32)
                          Index Cond: (id = desk_request.requester_id)
                          Buffers: shared hit=96
              ->  Index Scan using departments_employee_pkey on departments_employee t5  (cost=0.28..7.73 rows=1 width=194) (actual time=0.002..0.002 rows=1 loops=32)
                    Index Cond: (id = desk_request.assignee_id)
                    Buffers: shared hit=84
Planning:
  Buffers: shared hit=26
Planning Time: 1.197 ms
Execution Time: 2.790 ms

-- EXPLAIN ANALYZE of a 5.0 ms query
Aggregate  (cost=465.91..465.92 rows=1 width=72) (actual time=1.924..1.926 rows=1 loops=1)
  Buffers: shared hit=81
  ->  Bitmap Heap Scan on desk_request  (cost=438.23..465.58 rows=7 width=23) (actual time=1.816..1.903 rows=32 loops=1)
        Recheck Cond: ((service_id = 8) AND (department_id = 1) AND (priority = 2) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
        Heap Blocks: exact=32
        Buffers: shared hit=81
        ->  BitmapAnd  (cost=438.23..438.23 rows=7 width=0) (actual time=1.801..1.803 rows=0 loops=1)
              Buffers: shared hit=49
              ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..10.46 rows=822 width=0) (actual time=0.060..0.060 rows=836 loops=1)
                    Index Cond: (service_id = 8)
                    Buffers: shared hit=3
              ->  Bitmap Index Scan on request_dept_priority  (cost=0.00..204.87 rows=14858 width=0) (actual time=0.635..0.636 rows=14839 loops=1)
                    Index Cond: ((department_id = 1) AND (priority = 2))
                    Buffers: shared hit=14
              ->  BitmapOr  (cost=222.40..222.40 rows=5653 width=0) (actual time=0.994..0.995 rows=0 loops=1)
                    Buffers: shared hit=32
                    ->  Bitmap Index Scan on request_title_trgm  (cost=0.00..90.64 rows=2486 width=0) (actual time=0.543..0.543 rows=2613 loops=1)
                          Index Cond: (upper((title)::text) ~~ '%PRINTER%'::text)
                          Buffers: shared hit=16
                    ->  Bitmap Index Scan on request_description_trgm  (cost=0.00..131.75 rows=3167 width=0) (actual time=0.451..0.451 rows=2613 loops=1)
                          Index Cond: (upper(description) ~~ '%PRINTER%'::text)
                          Buffers: shared hit=16
Planning:
  Buffers: shared hit=2
Planning Time: 0.374 ms
Execution Time: 1.971 ms

-- EXPLAIN ANALYZE of a 3.0 ms query
Aggregate  (cost=465.60..465.61 rows=1 width=8) (actual time=1.823..1.824 rows=1 loops=1)
  Buffers: shared hit=81
  ->  Bitmap Heap Scan on desk_request  (cost=438.23..465.58 rows=7 width=0) (actual time=1.757..1.818 rows=32 loops=1)
        Recheck Cond: ((service_id = 8) AND (department_id = 1) AND (priority = 2) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
        Heap Blocks: exact=32
        Buffers: shared hit=81
        ->  BitmapAnd  (cost=438.23..438.23 rows=7 width=0) (actual time=1.744..1.745 rows=0 loops=1)
              Buffers: shared hit=49
              ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..10.46 rows=822 width=0) (actual time=0.058..0.058 rows=836 loops=1)
                    Index Cond: (service_id = 8)
                    Buffers: shared hit=3
              ->  Bitmap Index Scan on request_dept_priority  (cost=0.00..204.87 rows=14858 width=0) (actual time=0.635..0.635 rows=14839 loops=1)
                    Index Cond: ((department_id = 1) AND (priority = 2))
                    Buffers: shared hit=14
              ->  BitmapOr  (cost=222.40..222.40 rows=5653 width=0) (actual time=0.998..0.999 rows=0 loops=1)
                    Buffers: shared hit=32
                    ->  Bitmap Index Scan on request_title_trgm  (cost=0.00..90.64 rows=2486 width=0) (actual time=0.546..0.546 rows=2613 loops=1)
                          Index Cond: (upper((title)::text) ~~ '%PRINTER%'::text)
                          Buffers: shared hit=16
                    ->  Bitmap Index Scan on request_description_trgm  (cost=0.00..131.75 rows=3167 width=0) (actual time=0.451..0.451 rows=2613 loops=1)
                          Index Cond: (upper(description) ~~ '%PRINTER%'::text)
                          Buffers: shared hit=16
Planning:
  Buffers: shared hit=2
Planning Time: 0.287 ms
Execution Time: 1.853 ms

