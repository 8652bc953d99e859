-- 11 queries; times in ms as captured (one request)

-- #1: 0.0 ms
SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > '2026-11-30 06:27:28.312092+00:00'::timestamptz AND "django_session"."session_key" = 'qsliorzc99oh83t2q7lw8wpigbx68g0q') LIMIT 21;

-- #2: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" WHERE "departments_employee"."id" = 2 LIMIT 21;

-- #3: 0.0 ms
SELECT "departments_membership"."id", "departments_membership"."department_id", "departments_membership"."employee_id", "departments_membership"."role", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_membership" INNER JOIN "departments_department" ON ("departments_membership"."department_id" = "departments_department"."id") WHERE ("departments_department"."is_active" AND "departments_membership"."employee_id" = 2) ORDER BY "departments_department"."name" ASC, "departments_membership"."department_id" ASC;

-- #4: 0.0 ms
SELECT "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order" FROM "departments_service" WHERE "departments_service"."department_id" = 1 ORDER BY "departments_service"."order" ASC, "departments_service"."name" ASC, "departments_service"."id" ASC;

-- #5: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" INNER JOIN "departments_membership" ON ("departments_employee"."id" = "departments_membership"."employee_id") WHERE "departments_membership"."department_id" = 1 ORDER BY "departments_employee"."full_name" ASC, "departments_employee"."id" ASC;

-- #6: 2.0 ms
SELECT COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" IN ('new', 'in_progress', 'waiting')) AS "open", COUNT("desk_request"."status") FILTER (WHERE ("desk_request"."due_at" < '2026-11-30 06:27:28.316086+00:00'::timestamptz AND "desk_request"."status" IN ('new', 'in_progress'))) AS "overdue", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'new') AS "new", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'in_progress') AS "in_progress", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'waiting') AS "waiting", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'resolved') AS "resolved" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 29 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')) AND "desk_request"."status" IN ('new', 'in_progress', 'waiting', 'resolved'));

-- #7: 7.0 ms
SELECT COUNT(*) FROM (SELECT "desk_request"."status" AS "status" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 29 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')) AND "desk_request"."status" = 'closed') LIMIT 10001) subquery;

-- #8: 2.0 ms
SELECT COUNT(*) FROM (SELECT "desk_request"."status" AS "status" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 29 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')) AND "desk_request"."status" = 'cancelled') LIMIT 10001) subquery;

-- #9: 8.0 ms
SELECT "desk_request"."id", "desk_request"."department_id", "desk_request"."number", "desk_request"."service_id", "desk_request"."requester_id", "desk_request"."client_type", "desk_request"."title", "desk_request"."priority", "desk_request"."status", "desk_request"."assignee_id", "desk_request"."created_at", "desk_request"."due_at", "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined", T5."id", T5."password", T5."last_login", T5."is_superuser", T5."email", T5."full_name", T5."job_title", T5."department_id", T5."client_type", T5."language", T5."is_staff", T5."is_active", T5."date_joined" FROM "desk_request" INNER JOIN "departments_service" ON ("desk_request"."service_id" = "departments_service"."id") INNER JOIN "departments_employee" ON ("desk_request"."requester_id" = "departments_employee"."id") LEFT OUTER JOIN "departments_employee" T5 ON ("desk_request"."assignee_id" = T5."id") WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 29 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%'))) ORDER BY "desk_request"."due_at" ASC NULLS LAST, "desk_request"."id" ASC LIMIT 51;

-- #10: 0.0 ms
SELECT "desk_savedview"."id", "desk_savedview"."owner_id", "desk_savedview"."department_id", "desk_savedview"."name", "desk_savedview"."query", "desk_savedview"."shared", "desk_savedview"."created_at", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "desk_savedview" INNER JOIN "departments_employee" ON ("desk_savedview"."owner_id" = "departments_employee"."id") WHERE ("desk_savedview"."department_id" = 1 AND ("desk_savedview"."owner_id" = 2 OR "desk_savedview"."shared")) ORDER BY "desk_savedview"."name" ASC, "desk_savedview"."id" ASC;

-- #11: 0.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_notification" WHERE ("desk_notification"."in_app" AND "desk_notification"."recipient_id" = 2 AND "desk_notification"."read_at" IS NULL);

-- EXPLAIN ANALYZE of a 8.0 ms query
Limit  (cost=2835.53..2835.64 rows=46 width=608) (actual time=7.360..7.367 rows=51 loops=1)
  Buffers: shared hit=1564
  ->  Sort  (cost=2835.53..2835.64 rows=46 width=608) (actual time=7.359..7.364 rows=51 loops=1)
        Sort Key: desk_request.due_at, desk_request.id
        Sort Method: top-N heapsort  Memory: 75kB
        Buffers: shared hit=1564
        ->  Nested Loop Left Join  (cost=1225.57..2834.26 rows=46 width=608) (actual time=6.214..7.216 rows=299 loops=1)
              Buffers: shared hit=1564
              ->  Nested Loop  (cost=1225.27..2656.00 rows=46 width=414) (actual time=6.206..7.092 rows=299 loops=1)
                    Buffers: shared hit=1510
                    ->  Nested Loop  (cost=1224.99..2418.20 rows=46 width=220) (actual time=6.195..6.747 rows=299 loops=1)
                          Buffers: shared hit=613
                          ->  Seq Scan on departments_service  (cost=0.00..4.50 rows=1 width=106) (actual time=0.003..0.011 rows=1 loops=1)
                                Filter: (id = 29)
                                Rows Removed by Filter: 119
                                Buffers: shared hit=3
                          ->  Bitmap Heap Scan on desk_request  (cost=1224.99..2413.24 rows=46 width=114) (actual time=6.190..6.710 rows=299 loops=1)
                                Recheck Cond: ((service_id = 29) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
                                Filter: ((department_id = 1) AND (priority = 2))
                                Rows Removed by Filter: 164
                                Heap Blocks: exact=460
                                Buffers: shared hit=610
                                ->  BitmapAnd  (cost=1224.99..1224.99 rows=316 width=0) (actual time=6.141..6.142 rows=0 loops=1)
                                      Buffers: shared hit=150
                                      ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..94.50 rows=8277 width=0) (actual time=0.368..0.369 rows=8073 loops=1)
                                            Index Cond: (service_id = 29)
                                            Buffers: shared hit=10
                                      ->  BitmapOr  (cost=1130.23..1130.23 rows=38161 width=0) (actual time=5.537..5.538 rows=0 loops=1)
                                            Buffers: shared hit=140
                                            ->  Bitmap Index Scan on request_title_trgm  (cost=0.00..380.42 rows=13923 width=0) (actual time=2.997..2.997 rows=25964 loops=1)
                                                  Index Cond: (upper((title)::text) ~~ '%PRINTER%'::text)
                                                  Buffers: shared hit=70
                                            ->  Bitmap Index Scan on request_description_trgm  (cost=0.00..749.78 rows=24238 width=0) (actual time=2.540..2.540 rows=25964 loops=1)
                                                  Index Cond: (upper(description) ~~ '%PRINTER%'::text)
                                                  Buffers: shared hit=70
                    ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..5.17 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=299)
                          Index Cond: (id = desk_request.requester_id)
                          Buffers: shared hit=897
              ->  Memoize  (cost=0.29..5.18 rows=1 width=194) (actual time=0.000..0.000 rows=1 loops=299)
                    Cache Key: desk_request.assignee_id
                    Cache Mode: logical
                    Hits: 280  Misses: 19  Evictions: 0  Overflows: 0  Memory Usage: 6kB
                    Buffers: shared hit=54
                    ->  Index Scan using departments_employee_pkey on departments_employee t5  (cost=0.28..5.17 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=19)
                          Index Cond: (id = desk_request.assignee_id)
                          Buffers: shared hit=54
Planning:
  Buffers: shared hit=26
Planning Time: 0.393 ms
Execution Time: 7.400 ms

-- EXPLAIN ANALYZE of a 7.0 ms query
Aggregate  (cost=2414.56..2414.57 rows=1 width=8) (actual time=6.833..6.835 rows=1 loops=1)
  Buffers: shared hit=610
  ->  Limit  (cost=1224.99..2414.03 rows=43 width=58) (actual time=6.298..6.822 rows=273 loops=1)
        Buffers: shared hit=610
        ->  Bitmap Heap Scan on desk_request  (cost=1224.99..2414.03 rows=43 width=58) (actual time=6.297..6.808 rows=273 loops=1)
              Recheck Cond: ((service_id = 29) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
              Filter: ((department_id = 1) AND (priority = 2) AND ((status)::text = 'closed'::text))
              Rows Removed by Filter: 190
              Heap Blocks: exact=460
              Buffers: shared hit=610
              ->  BitmapAnd  (cost=1224.99..1224.99 rows=316 width=0) (actual time=6.249..6.250 rows=0 loops=1)
                    Buffers: shared hit=150
                    ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..94.50 rows=8277 width=0) (actual time=0.435..0.435 rows=8073 loops=1)
                          Index Cond: (service_id = 29)
                          Buffers: shared hit=10
                    ->  BitmapOr  (cost=1130.23..1130.23 rows=38161 width=0) (actual time=5.578..5.579 rows=0 loops=1)
                          Buffers: shared hit=140
                          ->  Bitmap Index Scan on request_title_trgm  (cost=0.00..380.42 rows=13923 width=0) (actual time=2.992..2.992 rows=25964 loops=1)
                                Index Cond: (upper((title)::text) ~~ '%PRINTER%'::text)
                                Buffers: shared hit=70
                          ->  Bitmap Index Scan on request_description_trgm  (cost=0.00..749.78 rows=24238 width=0) (actual time=2.585..2.585 rows=25964 loops=1)
                                Index Cond: (upper(description) ~~ '%PRINTER%'::text)
                                Buffers: shared hit=70
Planning:
  Buffers: shared hit=2
Planning Time: 0.232 ms
Execution Time: 6.856 ms

-- EXPLAIN ANALYZE of a 2.0 ms query
Aggregate  (cost=542.56..542.57 rows=1 width=48) (actual time=1.358..1.359 rows=1 loops=1)
  Buffers: shared hit=275
  ->  Bitmap Heap Scan on desk_request  (cost=311.13..542.53 rows=1 width=15) (actual time=1.105..1.352 rows=11 loops=1)
        Recheck Cond: ((service_id = 29) AND (department_id = 1) AND ((status)::text = ANY ('{new,in_progress,waiting,resolved}'::text[])))
        Filter: ((priority = 2) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
        Rows Removed by Filter: 209
        Heap Blocks: exact=218
        Buffers: shared hit=275
        ->  BitmapAnd  (cost=311.13..311.13 rows=59 width=0) (actual time=1.012..1.013 rows=0 loops=1)
              Buffers: shared hit=57
              ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..94.50 rows=8277 width=0) (actual time=0.392..0.392 rows=8073 loops=1)
                    Index Cond: (service_id = 29)
                    Buffers: shared hit=10
              ->  Bitmap Index Scan on request_dept_status_due  (cost=0.00..216.38 rows=7068 width=0) (actual time=0.426..0.426 rows=6943 loops=1)
                    Index Cond: ((department_id = 1) AND ((status)::text = ANY ('{new,in_progress,waiting,resolved}'::text[])))
                    Buffers: shared hit=47
Planning:
  Buffers: shared hit=2
Planning Time: 0.243 ms
Execution Time: 1.382 ms

