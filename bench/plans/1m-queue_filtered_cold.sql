-- 11 queries; times in ms as captured (one request)

-- #1: 0.0 ms
SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > '2026-11-30 06:06:55.545120+00:00'::timestamptz AND "django_session"."session_key" = 'cuiebmuclwti8egafo0zhicmtmy6qgyi') LIMIT 21;

-- #2: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" WHERE "departments_employee"."id" = 2 LIMIT 21;

-- #3: 0.0 ms
SELECT "departments_membership"."id", "departments_membership"."department_id", "departments_membership"."employee_id", "departments_membership"."role", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_membership" INNER JOIN "departments_department" ON ("departments_membership"."department_id" = "departments_department"."id") WHERE ("departments_department"."is_active" AND "departments_membership"."employee_id" = 2) ORDER BY "departments_department"."name" ASC, "departments_membership"."department_id" ASC;

-- #4: 0.0 ms
SELECT "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order" FROM "departments_service" WHERE "departments_service"."department_id" = 1 ORDER BY "departments_service"."order" ASC, "departments_service"."name" ASC, "departments_service"."id" ASC;

-- #5: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" INNER JOIN "departments_membership" ON ("departments_employee"."id" = "departments_membership"."employee_id") WHERE "departments_membership"."department_id" = 1 ORDER BY "departments_employee"."full_name" ASC, "departments_employee"."id" ASC;

-- #6: 2.0 ms
SELECT COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" IN ('new', 'in_progress', 'waiting')) AS "open", COUNT("desk_request"."status") FILTER (WHERE ("desk_request"."due_at" < '2026-11-30 06:06:55.549062+00:00'::timestamptz AND "desk_request"."status" IN ('new', 'in_progress'))) AS "overdue", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'new') AS "new", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'in_progress') AS "in_progress", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'waiting') AS "waiting", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'resolved') AS "resolved" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 29 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')) AND "desk_request"."status" IN ('new', 'in_progress', 'waiting', 'resolved'));

-- #7: 7.0 ms
SELECT COUNT(*) FROM (SELECT "desk_request"."status" AS "status" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 29 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')) AND "desk_request"."status" = 'closed') LIMIT 10001) subquery;

-- #8: 2.0 ms
SELECT COUNT(*) FROM (SELECT "desk_request"."status" AS "status" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 29 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')) AND "desk_request"."status" = 'cancelled') LIMIT 10001) subquery;

-- #9: 8.0 ms
SELECT "desk_request"."id", "desk_request"."department_id", "desk_request"."number", "desk_request"."service_id", "desk_request"."requester_id", "desk_request"."client_type", "desk_request"."title", "desk_request"."description", "desk_request"."priority", "desk_request"."status", "desk_request"."assignee_id", "desk_request"."extra", "desk_request"."created_at", "desk_request"."updated_at", "desk_request"."last_activity_at", "desk_request"."due_at", "desk_request"."paused_at", "desk_request"."first_response_at", "desk_request"."resolved_at", "desk_request"."closed_at", "desk_request"."overdue_notified_at", "desk_request"."first_response_business_seconds", "desk_request"."resolution_seconds", "desk_request"."resolution_business_seconds", "desk_request"."met_target", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number", "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined", T5."id", T5."password", T5."last_login", T5."is_superuser", T5."email", T5."full_name", T5."job_title", T5."department_id", T5."client_type", T5."language", T5."is_staff", T5."is_active", T5."date_joined" FROM "desk_request" INNER JOIN "departments_department" ON ("desk_request"."department_id" = "departments_department"."id") INNER JOIN "departments_service" ON ("desk_request"."service_id" = "departments_service"."id") INNER JOIN "departments_employee" ON ("desk_request"."requester_id" = "departments_employee"."id") LEFT OUTER JOIN "departments_employee" T5 ON ("desk_request"."assignee_id" = T5."id") WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 29 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%'))) ORDER BY "desk_request"."due_at" ASC NULLS LAST, "desk_request"."id" ASC LIMIT 51;

-- #10: 0.0 ms
SELECT "desk_savedview"."id", "desk_savedview"."owner_id", "desk_savedview"."department_id", "desk_savedview"."name", "desk_savedview"."query", "desk_savedview"."shared", "desk_savedview"."created_at", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "desk_savedview" INNER JOIN "departments_employee" ON ("desk_savedview"."owner_id" = "departments_employee"."id") WHERE ("desk_savedview"."department_id" = 1 AND ("desk_savedview"."owner_id" = 2 OR "desk_savedview"."shared")) ORDER BY "desk_savedview"."name" ASC, "desk_savedview"."id" ASC;

-- #11: 0.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_notification" WHERE ("desk_notification"."in_app" AND "desk_notification"."recipient_id" = 2 AND "desk_notification"."read_at" IS NULL);

-- EXPLAIN ANALYZE of a 8.0 ms query
Limit  (cost=2588.90..2589.00 rows=40 width=897) (actual time=7.208..7.213 rows=51 loops=1)
  Buffers: shared hit=1565
  ->  Sort  (cost=2588.90..2589.00 rows=40 width=897) (actual time=7.207..7.210 rows=51 loops=1)
        Sort Key: desk_request.due_at, desk_request.id
        Sort Method: top-N heapsort  Memory: 76kB
        Buffers: shared hit=1565
        ->  Nested Loop Left Join  (cost=1180.36..2587.84 rows=40 width=897) (actual time=6.173..6.984 rows=299 loops=1)
              Buffers: shared hit=1565
              ->  Nested Loop  (cost=1180.07..2415.10 rows=40 width=703) (actual time=6.168..6.864 rows=299 loops=1)
                    Buffers: shared hit=1511
                    ->  Nested Loop  (cost=1179.79..2195.10 rows=40 width=509) (actual time=6.164..6.586 rows=299 loops=1)
                          Buffers: shared hit=614
                          ->  Seq Scan on departments_service  (cost=0.00..4.50 rows=1 width=106) (actual time=0.003..0.006 rows=1 loops=1)
                                Filter: (id = 29)
                                Rows Removed by Filter: 119
                                Buffers: shared hit=3
                          ->  Nested Loop  (cost=1179.79..2190.20 rows=40 width=403) (actual time=6.160..6.548 rows=299 loops=1)
                                Buffers: shared hit=611
                                ->  Seq Scan on departments_department  (cost=0.00..1.12 rows=1 width=80) (actual time=0.001..0.002 rows=1 loops=1)
                                      Filter: (id = 1)
                                      Rows Removed by Filter: 9
                                      Buffers: shared hit=1
                                ->  Bitmap Heap Scan on desk_request  (cost=1179.79..2188.68 rows=40 width=323) (actual time=6.157..6.510 rows=299 loops=1)
                                      Recheck Cond: ((service_id = 29) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
                                      Filter: ((department_id = 1) AND (priority = 2))
                                      Rows Removed by Filter: 164
                                      Heap Blocks: exact=460
                                      Buffers: shared hit=610
                                      ->  BitmapAnd  (cost=1179.79..1179.79 rows=266 width=0) (actual time=6.109..6.109 rows=0 loops=1)
                                            Buffers: shared hit=150
                                            ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..94.49 rows=8275 width=0) (actual time=0.371..0.371 rows=8073 loops=1)
                                                  Index Cond: (service_id = 29)
                                                  Buffers: shared hit=10
                                            ->  BitmapOr  (cost=1085.04..1085.04 rows=32136 width=0) (actual time=5.496..5.496 rows=0 loops=1)
                                                  Buffers: shared hit=140
                                                  ->  Bitmap Index Scan on request_title_trgm  (cost=0.00..352.91 rows=10254 width=0) (actual time=2.979..2.979 rows=25964 loops=1)
                                                        Index Cond: (upper((title)::text) ~~ '%PRINTER%'::text)
                                                        Buffers: shared hit=70
                                                  ->  Bitmap Index Scan on request_description_trgm  (cost=0.00..732.11 rows=21882 width=0) (actual time=2.516..2.516 rows=25964 loops=1)
                                                        Index Cond: (upper(description) ~~ '%PRINTER%'::text)
                                                        Buffers: shared hit=70
                    ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..5.50 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=299)
                          Index Cond: (id = desk_request.requester_id)
                          Buffers: shared hit=897
              ->  Memoize  (cost=0.29..5.51 rows=1 width=194) (actual time=0.000..0.000 rows=1 loops=299)
                    Cache Key: desk_request.assignee_id
                    Cache Mode: logical
                    Hits: 280  Misses: 19  Evictions: 0  Overflows: 0  Memory Usage: 6kB
                    Buffers: shared hit=54
                    ->  Index Scan using departments_employee_pkey on departments_employee t5  (cost=0.28..5.50 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=19)
                          Index Cond: (id = desk_request.assignee_id)
                          Buffers: shared hit=54
Planning:
  Buffers: shared hit=26
Planning Time: 0.568 ms
Execution Time: 7.252 ms

-- EXPLAIN ANALYZE of a 7.0 ms query
Aggregate  (cost=2189.80..2189.81 rows=1 width=8) (actual time=6.507..6.507 rows=1 loops=1)
  Buffers: shared hit=610
  ->  Limit  (cost=1179.78..2189.34 rows=37 width=58) (actual time=6.193..6.496 rows=273 loops=1)
        Buffers: shared hit=610
        ->  Bitmap Heap Scan on desk_request  (cost=1179.78..2189.34 rows=37 width=58) (actual time=6.193..6.482 rows=273 loops=1)
              Recheck Cond: ((service_id = 29) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
              Filter: ((department_id = 1) AND (priority = 2) AND ((status)::text = 'closed'::text))
              Rows Removed by Filter: 190
              Heap Blocks: exact=460
              Buffers: shared hit=610
              ->  BitmapAnd  (cost=1179.78..1179.78 rows=266 width=0) (actual time=6.145..6.145 rows=0 loops=1)
                    Buffers: shared hit=150
                    ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..94.49 rows=8275 width=0) (actual time=0.369..0.369 rows=8073 loops=1)
                          Index Cond: (service_id = 29)
                          Buffers: shared hit=10
                    ->  BitmapOr  (cost=1085.04..1085.04 rows=32136 width=0) (actual time=5.532..5.532 rows=0 loops=1)
                          Buffers: shared hit=140
                          ->  Bitmap Index Scan on request_title_trgm  (cost=0.00..352.91 rows=10254 width=0) (actual time=2.977..2.977 rows=25964 loops=1)
                                Index Cond: (upper((title)::text) ~~ '%PRINTER%'::text)
                                Buffers: shared hit=70
                          ->  Bitmap Index Scan on request_description_trgm  (cost=0.00..732.11 rows=21882 width=0) (actual time=2.554..2.554 rows=25964 loops=1)
                                Index Cond: (upper(description) ~~ '%PRINTER%'::text)
                                Buffers: shared hit=70
Planning:
  Buffers: shared hit=2
Planning Time: 0.161 ms
Execution Time: 6.520 ms

-- EXPLAIN ANALYZE of a 2.0 ms query
Aggregate  (cost=543.63..543.64 rows=1 width=48) (actual time=1.241..1.241 rows=1 loops=1)
  Buffers: shared hit=275
  ->  Bitmap Heap Scan on desk_request  (cost=312.20..543.59 rows=1 width=15) (actual time=1.064..1.235 rows=11 loops=1)
        Recheck Cond: ((service_id = 29) AND (department_id = 1) AND ((status)::text = ANY ('{new,in_progress,waiting,resolved}'::text[])))
        Filter: ((priority = 2) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
        Rows Removed by Filter: 209
        Heap Blocks: exact=218
        Buffers: shared hit=275
        ->  BitmapAnd  (cost=312.20..312.20 rows=59 width=0) (actual time=0.995..0.996 rows=0 loops=1)
              Buffers: shared hit=57
              ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..94.49 rows=8275 width=0) (actual time=0.367..0.367 rows=8073 loops=1)
                    Index Cond: (service_id = 29)
                    Buffers: shared hit=10
              ->  Bitmap Index Scan on request_dept_status_due  (cost=0.00..217.46 rows=7176 width=0) (actual time=0.432..0.432 rows=6945 loops=1)
                    Index Cond: ((department_id = 1) AND ((status)::text = ANY ('{new,in_progress,waiting,resolved}'::text[])))
                    Buffers: shared hit=47
Planning:
  Buffers: shared hit=2
Planning Time: 0.174 ms
Execution Time: 1.259 ms

