-- 12 queries; times in ms as captured (one request)

-- #1: 1.0 ms
SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > '2026-11-30 04:13:06.769879+00:00'::timestamptz AND "django_session"."session_key" = 'mhrx436dxzsyybfr5zn0c4um40zki76a') LIMIT 21;

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

-- #7: 41.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')));

-- #8: 44.0 ms
SELECT COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" IN ('new', 'in_progress', 'waiting')) AS "open", COUNT("desk_request"."id") FILTER (WHERE ("desk_request"."due_at" < '2026-11-30 04:13:06.777209+00:00'::timestamptz AND "desk_request"."status" IN ('new', 'in_progress'))) AS "overdue", COUNT("desk_request"."id") AS "all", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'new') AS "new", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'in_progress') AS "in_progress", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'waiting') AS "waiting", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'resolved') AS "resolved", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'closed') AS "closed", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'cancelled') AS "cancelled" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')));

-- #9: 1.0 ms
SELECT "desk_savedview"."id", "desk_savedview"."owner_id", "desk_savedview"."department_id", "desk_savedview"."name", "desk_savedview"."query", "desk_savedview"."shared", "desk_savedview"."created_at", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "desk_savedview" INNER JOIN "departments_employee" ON ("desk_savedview"."owner_id" = "departments_employee"."id") WHERE ("desk_savedview"."department_id" = 1 AND ("desk_savedview"."owner_id" = 2 OR "desk_savedview"."shared")) ORDER BY "desk_savedview"."name" ASC, "desk_savedview"."id" ASC;

-- #10: 4.0 ms
SELECT "desk_request"."id", "desk_request"."department_id", "desk_request"."number", "desk_request"."service_id", "desk_request"."requester_id", "desk_request"."client_type", "desk_request"."title", "desk_request"."description", "desk_request"."priority", "desk_request"."status", "desk_request"."assignee_id", "desk_request"."extra", "desk_request"."created_at", "desk_request"."updated_at", "desk_request"."last_activity_at", "desk_request"."due_at", "desk_request"."paused_at", "desk_request"."first_response_at", "desk_request"."resolved_at", "desk_request"."closed_at", "desk_request"."overdue_notified_at", "desk_request"."first_response_business_seconds", "desk_request"."resolution_seconds", "desk_request"."resolution_business_seconds", "desk_request"."met_target", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number", "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined", T5."id", T5."password", T5."last_login", T5."is_superuser", T5."email", T5."full_name", T5."job_title", T5."department_id", T5."client_type", T5."language", T5."is_staff", T5."is_active", T5."date_joined" FROM "desk_request" INNER JOIN "departments_department" ON ("desk_request"."department_id" = "departments_department"."id") INNER JOIN "departments_service" ON ("desk_request"."service_id" = "departments_service"."id") INNER JOIN "departments_employee" ON ("desk_request"."requester_id" = "departments_employee"."id") LEFT OUTER JOIN "departments_employee" T5 ON ("desk_request"."assignee_id" = T5."id") WHERE ("desk_request"."department_id" = 1 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%'))) ORDER BY "desk_request"."due_at" ASC NULLS LAST, "desk_request"."id" ASC LIMIT 50;

-- #11: 1.0 ms
SELECT "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_department" WHERE "departments_department"."id" IN (1) ORDER BY "departments_department"."name" ASC;

-- #12: 0.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_notification" WHERE ("desk_notification"."in_app" AND "desk_notification"."recipient_id" = 2 AND "desk_notification"."read_at" IS NULL);

-- EXPLAIN ANALYZE of a 44.0 ms query
Aggregate  (cost=34285.80..34285.81 rows=1 width=72) (actual time=43.921..43.925 rows=1 loops=1)
  Buffers: shared hit=13677
  ->  Bitmap Heap Scan on desk_request  (cost=6648.19..33730.52 rows=12006 width=23) (actual time=20.979..40.677 rows=14745 loops=1)
        Recheck Cond: ((department_id = 1) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
        Heap Blocks: exact=12608
        Buffers: shared hit=13677
        ->  BitmapAnd  (cost=6648.19..6648.19 rows=12153 width=0) (actual time=19.532..19.535 rows=0 loops=1)
              Buffers: shared hit=1069
              ->  Bitmap Index Scan on desk_request_department_id_69ed2554  (cost=0.00..2738.32 rows=251452 width=0) (actual time=6.514..6.514 rows=251706 loops=1)
                    Index Cond: (department_id = 1)
                    Buffers: shared hit=213
              ->  BitmapOr  (cost=3906.63..3906.63 rows=48617 width=0) (actual time=11.476..11.477 rows=0 loops=1)
                    Buffers: shared hit=856
                    ->  Bitmap Index Scan on request_title_trgm  (cost=0.00..1798.94 rows=25993 width=0) (actual time=6.263..6.264 rows=31964 loops=1)
                          Index Cond: (upper((title)::text) ~~ '%PRINTER%'::text)
                          Buffers: shared hit=445
                    ->  Bitmap Index Scan on request_description_trgm  (cost=0.00..2101.68 rows=22624 width=0) (actual time=5.210..5.210 rows=25964 loops=1)
                          Index Cond: (upper(description) ~~ '%PRINTER%'::text)
                          Buffers: shared hit=411
Planning:
  Buffers: shared hit=2
Planning Time: 0.309 ms
Execution Time: 43.974 ms

-- EXPLAIN ANALYZE of a 41.0 ms query
Aggregate  (cost=33760.54..33760.55 rows=1 width=8) (actual time=40.572..40.576 rows=1 loops=1)
  Buffers: shared hit=13677
  ->  Bitmap Heap Scan on desk_request  (cost=6648.19..33730.52 rows=12006 width=0) (actual time=21.064..39.936 rows=14745 loops=1)
        Recheck Cond: ((department_id = 1) AND ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text)))
        Heap Blocks: exact=12608
        Buffers: shared hit=13677
        ->  BitmapAnd  (cost=6648.19..6648.19 rows=12153 width=0) (actual time=19.617..19.620 rows=0 loops=1)
              Buffers: shared hit=1069
              ->  Bitmap Index Scan on desk_request_department_id_69ed2554  (cost=0.00..2738.32 rows=251452 width=0) (actual time=6.459..6.459 rows=251706 loops=1)
                    Index Cond: (department_id = 1)
                    Buffers: shared hit=213
              ->  BitmapOr  (cost=3906.63..3906.63 rows=48617 width=0) (actual time=11.643..11.644 rows=0 loops=1)
                    Buffers: shared hit=856
                    ->  Bitmap Index Scan on request_title_trgm  (cost=0.00..1798.94 rows=25993 width=0) (actual time=6.401..6.401 rows=31964 loops=1)
                          Index Cond: (upper((title)::text) ~~ '%PRINTER%'::text)
                          Buffers: shared hit=445
                    ->  Bitmap Index Scan on request_description_trgm  (cost=0.00..2101.68 rows=22624 width=0) (actual time=5.240..5.240 rows=25964 loops=1)
                          Index Cond: (upper(description) ~~ '%PRINTER%'::text)
                          Buffers: shared hit=411
Planning:
  Buffers: shared hit=2
Planning Time: 0.248 ms
Execution Time: 40.614 ms

-- EXPLAIN ANALYZE of a 4.0 ms query
Limit  (cost=17.16..797.48 rows=50 width=897) (actual time=1.411..2.197 rows=50 loops=1)
  Buffers: shared hit=1106
  ->  Incremental Sort  (cost=17.16..187387.63 rows=12006 width=897) (actual time=1.410..2.193 rows=50 loops=1)
        Sort Key: desk_request.due_at, desk_request.id
        Presorted Key: desk_request.due_at
        Full-sort Groups: 2  Sort Method: quicksort  Average Memory: 57kB  Peak Memory: 57kB
        Buffers: shared hit=1106
        ->  Nested Loop Left Join  (cost=1.15..186858.70 rows=12006 width=897) (actual time=0.131..2.133 rows=51 loops=1)
              Buffers: shared hit=1106
              ->  Nested Loop  (cost=0.86..186531.78 rows=12006 width=703) (actual time=0.126..2.052 rows=51 loops=1)
                    Buffers: shared hit=1058
                    ->  Nested Loop  (cost=0.57..184628.05 rows=12006 width=509) (actual time=0.117..1.885 rows=51 loops=1)
                          Buffers: shared hit=908
                          ->  Nested Loop  (cost=0.42..182688.95 rows=12006 width=403) (actual time=0.113..1.826 rows=51 loops=1)
                                Buffers: shared hit=806
                                ->  Index Scan using request_dept_due on desk_request  (cost=0.42..182534.38 rows=12006 width=323) (actual time=0.098..1.778 rows=51 loops=1)
                                      Index Cond: (department_id = 1)
                                      Filter: ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text))
                                      Rows Removed by Filter: 971
                                      Buffers: shared hit=802
                                ->  Materialize  (cost=0.00..4.50 rows=1 width=80) (actual time=0.000..0.000 rows=1 loops=51)
                                      Buffers: shared hit=4
                                      ->  Seq Scan on departments_department  (cost=0.00..4.50 rows=1 width=80) (actual time=0.011..0.014 rows=1 loops=1)
                                            Filter: (id = 1)
                                            Rows Removed by Filter: 9
                                            Buffers: shared hit=4
                          ->  Index Scan using departments_service_pkey on departments_service  (cost=0.14..0.16 rows=1 width=106) (actual time=0.001..0.001 rows=1 loops=51)
                                Index Cond: (id = desk_request.service_id)
                                Buffers: shared hit=102
                    ->  Memoize  (cost=0.29..0.36 rows=1 width=194) (actual time=0.003..0.003 rows=1 loops=51)
                          Cache Key: desk_request.requester_id
                          Cache Mode: logical
                          Hits: 1  Misses: 50  Evictions: 0  Overflows: 0  Memory Usage: 15kB
                          Buffers: shared hit=150
                          ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..0.35 rows=1 width=194) (actual time=0.002..0.002 rows=1 loops=50)
                                Index Cond: (id = desk_request.requester_id)
                                Buffers: shared hit=150
              ->  Memoize  (cost=0.29..0.36 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=51)
                    Cache Key: desk_request.assignee_id
                    Cache Mode: logical
                    Hits: 34  Misses: 17  Evictions: 0  Overflows: 0  Memory Usage: 5kB
                    Buffers: shared hit=48
                    ->  Index Scan using departments_employee_pkey on departments_employee t5  (cost=0.28..0.35 rows=1 width=194) (actual time=0.002..0.002 rows=1 loops=17)
                          Index Cond: (id = desk_request.assignee_id)
                          Buffers: shared hit=48
Planning:
  Buffers: shared hit=41
Planning Time: 1.138 ms
Execution Time: 2.276 ms

