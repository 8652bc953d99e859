-- 12 queries; times in ms as captured (one request)

-- #1: 1.0 ms
SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > '2026-11-30 04:12:35.605500+00:00'::timestamptz AND "django_session"."session_key" = 'mhrx436dxzsyybfr5zn0c4um40zki76a') LIMIT 21;

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

-- #7: 22.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 29 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')));

-- #8: 23.0 ms
SELECT COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" IN ('new', 'in_progress', 'waiting')) AS "open", COUNT("desk_request"."id") FILTER (WHERE ("desk_request"."due_at" < '2026-11-30 04:12:35.610873+00:00'::timestamptz AND "desk_request"."status" IN ('new', 'in_progress'))) AS "overdue", COUNT("desk_request"."id") AS "all", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'new') AS "new", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'in_progress') AS "in_progress", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'waiting') AS "waiting", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'resolved') AS "resolved", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'closed') AS "closed", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'cancelled') AS "cancelled" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 29 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')));

-- #9: 1.0 ms
SELECT "desk_savedview"."id", "desk_savedview"."owner_id", "desk_savedview"."department_id", "desk_savedview"."name", "desk_savedview"."query", "desk_savedview"."shared", "desk_savedview"."created_at", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "desk_savedview" INNER JOIN "departments_employee" ON ("desk_savedview"."owner_id" = "departments_employee"."id") WHERE ("desk_savedview"."department_id" = 1 AND ("desk_savedview"."owner_id" = 2 OR "desk_savedview"."shared")) ORDER BY "desk_savedview"."name" ASC, "desk_savedview"."id" ASC;

-- #10: 24.0 ms
SELECT "desk_request"."id", "desk_request"."department_id", "desk_request"."number", "desk_request"."service_id", "desk_request"."requester_id", "desk_request"."client_type", "desk_request"."title", "desk_request"."description", "desk_request"."priority", "desk_request"."status", "desk_request"."assignee_id", "desk_request"."extra", "desk_request"."created_at", "desk_request"."updated_at", "desk_request"."last_activity_at", "desk_request"."due_at", "desk_request"."paused_at", "desk_request"."first_response_at", "desk_request"."resolved_at", "desk_request"."closed_at", "desk_request"."overdue_notified_at", "desk_request"."first_response_business_seconds", "desk_request"."resolution_seconds", "desk_request"."resolution_business_seconds", "desk_request"."met_target", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number", "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined", T5."id", T5."password", T5."last_login", T5."is_superuser", T5."email", T5."full_name", T5."job_title", T5."department_id", T5."client_type", T5."language", T5."is_staff", T5."is_active", T5."date_joined" FROM "desk_request" INNER JOIN "departments_department" ON ("desk_request"."department_id" = "departments_department"."id") INNER JOIN "departments_service" ON ("desk_request"."service_id" = "departments_service"."id") INNER JOIN "departments_employee" ON ("desk_request"."requester_id" = "departments_employee"."id") LEFT OUTER JOIN "departments_employee" T5 ON ("desk_request"."assignee_id" = T5."id") WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 29 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%'))) ORDER BY "desk_request"."due_at" ASC NULLS LAST, "desk_request"."id" ASC LIMIT 50;

-- #11: 0.0 ms
SELECT "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_department" WHERE "departments_department"."id" IN (1) ORDER BY "departments_department"."name" ASC;

-- #12: 0.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_notification" WHERE ("desk_notification"."in_app" AND "desk_notification"."recipient_id" = 2 AND "desk_notification"."read_at" IS NULL);

-- EXPLAIN ANALYZE of a 24.0 ms query
Limit  (cost=6756.14..6756.26 rows=50 width=897) (actual time=22.562..22.574 rows=50 loops=1)
  Buffers: shared hit=2469
  ->  Sort  (cost=6756.14..6756.29 rows=60 width=897) (actual time=22.560..22.569 rows=50 loops=1)
        Sort Key: desk_request.due_at, desk_request.id
        Sort Method: top-N heapsort  Memory: 86kB
        Buffers: shared hit=2469
        ->  Nested Loop Left Join  (cost=6032.09..6754.36 rows=60 width=897) (actual time=20.532..22.289 rows=353 loops=1)
              Buffers: shared hit=2469
              ->  Nested Loop  (cost=6031.80..6558.68 rows=60 width=703) (actual time=20.516..22.051 rows=353 loops=1)
                    Buffers: shared hit=2415
                    ->  Nested Loop  (cost=6031.52..6276.68 rows=60 width=509) (actual time=20.493..21.420 rows=353 loops=1)
                          Buffers: shared hit=1356
                          ->  Seq Scan on departments_service  (cost=0.00..4.50 rows=1 width=106) (actual time=0.007..0.086 rows=1 loops=1)
                                Filter: (id = 29)
                                Rows Removed by Filter: 119
                                Buffers: shared hit=3
                          ->  Nested Loop  (cost=6031.52..6271.58 rows=60 width=403) (actual time=20.483..21.270 rows=353 loops=1)
                                Buffers: shared hit=1353
                                ->  Seq Scan on departments_department  (cost=0.00..4.50 rows=1 width=80) (actual time=0.007..0.013 rows=1 loops=1)
                                      Filter: (id = 1)
                                      Rows Removed by Filter: 9
                                      Buffers: shared hit=4
                                ->  Bitmap Heap Scan on desk_request  (cost=6031.52..6266.48 rows=60 width=323) (actual time=20.471..21.194 rows=353 loops=1)
                                      Recheck Cond: ((service_id = 29) AND (department_id = 1) AND (priority = 2) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
                                      Heap Blocks: exact=352
                                      Buffers: shared hit=1349
                                      ->  BitmapAnd  (cost=6031.52..6031.52 rows=60 width=0) (actual time=20.409..20.412 rows=0 loops=1)
                                            Buffers: shared hit=997
                                            ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..94.85 rows=8323 width=0) (actual time=1.142..1.142 rows=8128 loops=1)
                                                  Index Cond: (service_id = 29)
                                                  Buffers: shared hit=10
                                            ->  Bitmap Index Scan on request_dept_priority  (cost=0.00..2035.48 rows=151106 width=0) (actual time=7.406..7.406 rows=151651 loops=1)
                                                  Index Cond: ((department_id = 1) AND (priority = 2))
                                                  Buffers: shared hit=131
                                            ->  BitmapOr  (cost=3900.65..3900.65 rows=48617 width=0) (actual time=11.344..11.345 rows=0 loops=1)
                                                  Buffers: shared hit=856
                                                  ->  Bitmap Index Scan on request_title_trgm  (cost=0.00..1798.94 rows=25993 width=0) (actual time=6.266..6.266 rows=31964 loops=1)
                                                        Index Cond: (upper((title)::text) ~~ '%PRINTER%'::text)
                                                        Buffers: shared hit=445
                                                  ->  Bitmap Index Scan on request_description_trgm  (cost=0.00..2101.68 rows=22624 width=0) (actual time=5.076..5.076 rows=25964 loops=1)
                                                        Index Cond: (upper(description) ~~ '%PRINTER%'::text)
                                                        Buffers: shared hit=411
                    ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..4.70 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=353)
                          Index Cond: (id = desk_request.requester_id)
                          Buffers: shared hit=1059
              ->  Memoize  (cost=0.29..4.71 rows=1 width=194) (actual time=0.000..0.000 rows=1 loops=353)
                    Cache Key: desk_request.assignee_id
                    Cache Mode: logical
                    Hits: 334  Misses: 19  Evictions: 0  Overflows: 0  Memory Usage: 6kB
                    Buffers: shared hit=54
                    ->  Index Scan using departments_employee_pkey on departments_employee t5  (cost=0.28..4.70 rows=1 width=194) (actual time=0.003..0.003 rows=1 loops=19)
                          Index Cond: (id = desk_request.assignee_id)
                          Buffers: shared hit=54
Planning:
  Buffers: shared hit=28
Planning Time: 0.858 ms
Execution Time: 23.178 ms

-- EXPLAIN ANALYZE of a 23.0 ms query
Aggregate  (cost=6269.25..6269.26 rows=1 width=72) (actual time=20.952..20.956 rows=1 loops=1)
  Buffers: shared hit=1349
  ->  Bitmap Heap Scan on desk_request  (cost=6031.52..6266.48 rows=60 width=23) (actual time=20.220..20.863 rows=353 loops=1)
        Recheck Cond: ((service_id = 29) AND (department_id = 1) AND (priority = 2) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
        Heap Blocks: exact=352
        Buffers: shared hit=1349
        ->  BitmapAnd  (cost=6031.52..6031.52 rows=60 width=0) (actual time=20.162..20.165 rows=0 loops=1)
              Buffers: shared hit=997
              ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..94.85 rows=8323 width=0) (actual time=1.001..1.001 rows=8128 loops=1)
                    Index Cond: (service_id = 29)
                    Buffers: shared hit=10
              ->  Bitmap Index Scan on request_dept_priority  (cost=0.00..2035.48 rows=151106 width=0) (actual time=7.440..7.441 rows=151651 loops=1)
                    Index Cond: ((department_id = 1) AND (priority = 2))
                    Buffers: shared hit=131
              ->  BitmapOr  (cost=3900.65..3900.65 rows=48617 width=0) (actual time=11.235..11.235 rows=0 loops=1)
                    Buffers: shared hit=856
                    ->  Bitmap Index Scan on request_title_trgm  (cost=0.00..1798.94 rows=25993 width=0) (actual time=6.176..6.176 rows=31964 loops=1)
                          Index Cond: (upper((title)::text) ~~ '%PRINTER%'::text)
                          Buffers: shared hit=445
                    ->  Bitmap Index Scan on request_description_trgm  (cost=0.00..2101.68 rows=22624 width=0) (actual time=5.057..5.057 rows=25964 loops=1)
                          Index Cond: (upper(description) ~~ '%PRINTER%'::text)
                          Buffers: shared hit=411
Planning:
  Buffers: shared hit=2
Planning Time: 0.289 ms
Execution Time: 21.554 ms

-- EXPLAIN ANALYZE of a 22.0 ms query
Aggregate  (cost=6266.63..6266.64 rows=1 width=8) (actual time=21.073..21.077 rows=1 loops=1)
  Buffers: shared hit=1349
  ->  Bitmap Heap Scan on desk_request  (cost=6031.52..6266.48 rows=60 width=0) (actual time=20.466..21.054 rows=353 loops=1)
        Recheck Cond: ((service_id = 29) AND (department_id = 1) AND (priority = 2) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
        Heap Blocks: exact=352
        Buffers: shared hit=1349
        ->  BitmapAnd  (cost=6031.52..6031.52 rows=60 width=0) (actual time=20.406..20.409 rows=0 loops=1)
              Buffers: shared hit=997
              ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..94.85 rows=8323 width=0) (actual time=1.151..1.151 rows=8128 loops=1)
                    Index Cond: (service_id = 29)
                    Buffers: shared hit=10
              ->  Bitmap Index Scan on request_dept_priority  (cost=0.00..2035.48 rows=151106 width=0) (actual time=7.440..7.440 rows=151651 loops=1)
                    Index Cond: ((department_id = 1) AND (priority = 2))
                    Buffers: shared hit=131
              ->  BitmapOr  (cost=3900.65..3900.65 rows=48617 width=0) (actual time=11.331..11.332 rows=0 loops=1)
                    Buffers: shared hit=856
                    ->  Bitmap Index Scan on request_title_trgm  (cost=0.00..1798.94 rows=25993 width=0) (actual time=6.245..6.245 rows=31964 loops=1)
                          Index Cond: (upper((title)::text) ~~ '%PRINTER%'::text)
                          Buffers: shared hit=445
                    ->  Bitmap Index Scan on request_description_trgm  (cost=0.00..2101.68 rows=22624 width=0) (actual time=5.085..5.085 rows=25964 loops=1)
                          Index Cond: (upper(description) ~~ '%PRINTER%'::text)
                          Buffers: shared hit=411
Planning:
  Buffers: shared hit=2
Planning Time: 0.263 ms
Execution Time: 21.670 ms

