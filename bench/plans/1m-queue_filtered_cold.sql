-- 12 queries; times in ms as captured (one request)

-- #1: 0.0 ms
SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > '2026-11-30 05:38:41.030489+00:00'::timestamptz AND "django_session"."session_key" = 'jfnf5531htrw6rz8iphl4edeiz6e7o7c') LIMIT 21;

-- #2: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" WHERE "departments_employee"."id" = 2 LIMIT 21;

-- #3: 0.0 ms
SELECT "departments_membership"."department_id" AS "department_id", "departments_membership"."role" AS "role" FROM "departments_membership" INNER JOIN "departments_department" ON ("departments_membership"."department_id" = "departments_department"."id") WHERE ("departments_department"."is_active" AND "departments_membership"."employee_id" = 2);

-- #4: 0.0 ms
SELECT "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_department" WHERE "departments_department"."id" IN (1) ORDER BY "departments_department"."name" ASC;

-- #5: 0.0 ms
SELECT "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order" FROM "departments_service" WHERE "departments_service"."department_id" = 1 ORDER BY "departments_service"."order" ASC, "departments_service"."name" ASC, "departments_service"."id" ASC;

-- #6: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" INNER JOIN "departments_membership" ON ("departments_employee"."id" = "departments_membership"."employee_id") WHERE "departments_membership"."department_id" = 1 ORDER BY "departments_employee"."full_name" ASC, "departments_employee"."id" ASC;

-- #7: 2.0 ms
SELECT COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" IN ('new', 'in_progress', 'waiting')) AS "open", COUNT("desk_request"."status") FILTER (WHERE ("desk_request"."due_at" < '2026-11-30 05:38:41.035040+00:00'::timestamptz AND "desk_request"."status" IN ('new', 'in_progress'))) AS "overdue", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'new') AS "new", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'in_progress') AS "in_progress", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'waiting') AS "waiting", COUNT("desk_request"."status") FILTER (WHERE "desk_request"."status" = 'resolved') AS "resolved" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 29 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')) AND "desk_request"."status" IN ('new', 'in_progress', 'waiting', 'resolved'));

-- #8: 7.0 ms
SELECT COUNT(*) FROM (SELECT "desk_request"."status" AS "status" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 29 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')) AND "desk_request"."status" = 'closed') LIMIT 10001) subquery;

-- #9: 2.0 ms
SELECT COUNT(*) FROM (SELECT "desk_request"."status" AS "status" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 29 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')) AND "desk_request"."status" = 'cancelled') LIMIT 10001) subquery;

-- #10: 10.0 ms
SELECT "desk_request"."id", "desk_request"."department_id", "desk_request"."number", "desk_request"."service_id", "desk_request"."requester_id", "desk_request"."client_type", "desk_request"."title", "desk_request"."description", "desk_request"."priority", "desk_request"."status", "desk_request"."assignee_id", "desk_request"."extra", "desk_request"."created_at", "desk_request"."updated_at", "desk_request"."last_activity_at", "desk_request"."due_at", "desk_request"."paused_at", "desk_request"."first_response_at", "desk_request"."resolved_at", "desk_request"."closed_at", "desk_request"."overdue_notified_at", "desk_request"."first_response_business_seconds", "desk_request"."resolution_seconds", "desk_request"."resolution_business_seconds", "desk_request"."met_target", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number", "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined", T5."id", T5."password", T5."last_login", T5."is_superuser", T5."email", T5."full_name", T5."job_title", T5."department_id", T5."client_type", T5."language", T5."is_staff", T5."is_active", T5."date_joined" FROM "desk_request" INNER JOIN "departments_department" ON ("desk_request"."department_id" = "departments_department"."id") INNER JOIN "departments_service" ON ("desk_request"."service_id" = "departments_service"."id") INNER JOIN "departments_employee" ON ("desk_request"."requester_id" = "departments_employee"."id") LEFT OUTER JOIN "departments_employee" T5 ON ("desk_request"."assignee_id" = T5."id") WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 29 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%'))) ORDER BY "desk_request"."due_at" ASC NULLS LAST, "desk_request"."id" ASC LIMIT 51;

-- #11: 0.0 ms
SELECT "desk_savedview"."id", "desk_savedview"."owner_id", "desk_savedview"."department_id", "desk_savedview"."name", "desk_savedview"."query", "desk_savedview"."shared", "desk_savedview"."created_at", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "desk_savedview" INNER JOIN "departments_employee" ON ("desk_savedview"."owner_id" = "departments_employee"."id") WHERE ("desk_savedview"."department_id" = 1 AND ("desk_savedview"."owner_id" = 2 OR "desk_savedview"."shared")) ORDER BY "desk_savedview"."name" ASC, "desk_savedview"."id" ASC;

-- #12: 0.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_notification" WHERE ("desk_notification"."in_app" AND "desk_notification"."recipient_id" = 2 AND "desk_notification"."read_at" IS NULL);

-- EXPLAIN ANALYZE of a 10.0 ms query
Limit  (cost=3955.62..3955.74 rows=51 width=897) (actual time=9.841..9.849 rows=51 loops=1)
  Buffers: shared hit=810
  ->  Sort  (cost=3955.62..3955.82 rows=80 width=897) (actual time=9.840..9.845 rows=51 loops=1)
        Sort Key: desk_request.due_at, desk_request.id
        Sort Method: top-N heapsort  Memory: 76kB
        Buffers: shared hit=810
        ->  Nested Loop Left Join  (cost=1697.40..3953.09 rows=80 width=897) (actual time=7.596..9.639 rows=299 loops=1)
              Buffers: shared hit=810
              ->  Hash Join  (cost=1697.11..3741.20 rows=80 width=703) (actual time=7.582..9.470 rows=299 loops=1)
                    Hash Cond: (desk_request.requester_id = departments_employee.id)
                    Buffers: shared hit=756
                    ->  Nested Loop  (cost=1442.61..3486.49 rows=80 width=509) (actual time=6.175..7.921 rows=299 loops=1)
                          Buffers: shared hit=614
                          ->  Seq Scan on departments_service  (cost=0.00..4.50 rows=1 width=106) (actual time=0.005..0.013 rows=1 loops=1)
                                Filter: (id = 29)
                                Rows Removed by Filter: 119
                                Buffers: shared hit=3
                          ->  Nested Loop  (cost=1442.61..3481.19 rows=80 width=403) (actual time=6.169..7.877 rows=299 loops=1)
                                Buffers: shared hit=611
                                ->  Seq Scan on departments_department  (cost=0.00..1.12 rows=1 width=80) (actual time=0.002..0.005 rows=1 loops=1)
                                      Filter: (id = 1)
                                      Rows Removed by Filter: 9
                                      Buffers: shared hit=1
                                ->  Bitmap Heap Scan on desk_request  (cost=1442.61..3479.26 rows=80 width=323) (actual time=6.164..7.833 rows=299 loops=1)
                                      Recheck Cond: ((service_id = 29) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
                                      Filter: ((department_id = 1) AND (priority = 2))
                                      Rows Removed by Filter: 164
                                      Heap Blocks: exact=460
                                      Buffers: shared hit=610
                                      ->  BitmapAnd  (cost=1442.61..1442.61 rows=555 width=0) (actual time=6.116..6.117 rows=0 loops=1)
                                            Buffers: shared hit=150
                                            ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..94.43 rows=8267 width=0) (actual time=0.416..0.416 rows=8073 loops=1)
                                                  Index Cond: (service_id = 29)
                                                  Buffers: shared hit=10
                                            ->  BitmapOr  (cost=1347.91..1347.91 rows=67183 width=0) (actual time=5.473..5.474 rows=0 loops=1)
                                                  Buffers: shared hit=140
                                                  ->  Bitmap Index Scan on request_title_trgm  (cost=0.00..535.67 rows=34623 width=0) (actual time=3.000..3.000 rows=25964 loops=1)
                                                        Index Cond: (upper((title)::text) ~~ '%PRINTER%'::text)
                                                        Buffers: shared hit=70
                                                  ->  Bitmap Index Scan on request_description_trgm  (cost=0.00..812.20 rows=32560 width=0) (actual time=2.473..2.473 rows=25964 loops=1)
                                                        Index Cond: (upper(description) ~~ '%PRINTER%'::text)
                                                        Buffers: shared hit=70
                    ->  Hash  (cost=192.00..192.00 rows=5000 width=194) (actual time=1.400..1.401 rows=5000 loops=1)
                          Buckets: 8192  Batches: 1  Memory Usage: 1204kB
                          Buffers: shared hit=142
                          ->  Seq Scan on departments_employee  (cost=0.00..192.00 rows=5000 width=194) (actual time=0.004..0.605 rows=5000 loops=1)
                                Buffers: shared hit=142
              ->  Memoize  (cost=0.29..4.26 rows=1 width=194) (actual time=0.000..0.000 rows=1 loops=299)
                    Cache Key: desk_request.assignee_id
                    Cache Mode: logical
                    Hits: 280  Misses: 19  Evictions: 0  Overflows: 0  Memory Usage: 6kB
                    Buffers: shared hit=54
                    ->  Index Scan using departments_employee_pkey on departments_employee t5  (cost=0.28..4.25 rows=1 width=194) (actual time=0.003..0.003 rows=1 loops=19)
                          Index Cond: (id = desk_request.assignee_id)
                          Buffers: shared hit=54
Planning:
  Buffers: shared hit=26
Planning Time: 0.674 ms
Execution Time: 9.911 ms

-- EXPLAIN ANALYZE of a 7.0 ms query
Aggregate  (cost=3481.58..3481.59 rows=1 width=8) (actual time=7.186..7.187 rows=1 loops=1)
  Buffers: shared hit=610
  ->  Limit  (cost=1442.60..3480.64 rows=75 width=58) (actual time=6.474..7.173 rows=273 loops=1)
        Buffers: shared hit=610
        ->  Bitmap Heap Scan on desk_request  (cost=1442.60..3480.64 rows=75 width=58) (actual time=6.473..7.159 rows=273 loops=1)
              Recheck Cond: ((service_id = 29) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
              Filter: ((department_id = 1) AND (priority = 2) AND ((status)::text = 'closed'::text))
              Rows Removed by Filter: 190
              Heap Blocks: exact=460
              Buffers: shared hit=610
              ->  BitmapAnd  (cost=1442.60..1442.60 rows=555 width=0) (actual time=6.421..6.422 rows=0 loops=1)
                    Buffers: shared hit=150
                    ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..94.43 rows=8267 width=0) (actual time=0.433..0.434 rows=8073 loops=1)
                          Index Cond: (service_id = 29)
                          Buffers: shared hit=10
                    ->  BitmapOr  (cost=1347.91..1347.91 rows=67183 width=0) (actual time=5.748..5.748 rows=0 loops=1)
                          Buffers: shared hit=140
                          ->  Bitmap Index Scan on request_title_trgm  (cost=0.00..535.67 rows=34623 width=0) (actual time=2.927..2.927 rows=25964 loops=1)
                                Index Cond: (upper((title)::text) ~~ '%PRINTER%'::text)
                                Buffers: shared hit=70
                          ->  Bitmap Index Scan on request_description_trgm  (cost=0.00..812.20 rows=32560 width=0) (actual time=2.820..2.821 rows=25964 loops=1)
                                Index Cond: (upper(description) ~~ '%PRINTER%'::text)
                                Buffers: shared hit=70
Planning:
  Buffers: shared hit=2
Planning Time: 0.221 ms
Execution Time: 7.209 ms

-- EXPLAIN ANALYZE of a 2.0 ms query
Aggregate  (cost=542.76..542.77 rows=1 width=48) (actual time=1.288..1.288 rows=1 loops=1)
  Buffers: shared hit=275
  ->  Bitmap Heap Scan on desk_request  (cost=311.30..542.70 rows=2 width=15) (actual time=1.040..1.281 rows=11 loops=1)
        Recheck Cond: ((service_id = 29) AND (department_id = 1) AND ((status)::text = ANY ('{new,in_progress,waiting,resolved}'::text[])))
        Filter: ((priority = 2) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
        Rows Removed by Filter: 209
        Heap Blocks: exact=218
        Buffers: shared hit=275
        ->  BitmapAnd  (cost=311.30..311.30 rows=59 width=0) (actual time=0.952..0.952 rows=0 loops=1)
              Buffers: shared hit=57
              ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..94.43 rows=8267 width=0) (actual time=0.386..0.386 rows=8073 loops=1)
                    Index Cond: (service_id = 29)
                    Buffers: shared hit=10
              ->  Bitmap Index Scan on request_dept_status_due  (cost=0.00..216.62 rows=7093 width=0) (actual time=0.377..0.377 rows=6945 loops=1)
                    Index Cond: ((department_id = 1) AND ((status)::text = ANY ('{new,in_progress,waiting,resolved}'::text[])))
                    Buffers: shared hit=47
Planning:
  Buffers: shared hit=2
Planning Time: 0.230 ms
Execution Time: 1.311 ms

