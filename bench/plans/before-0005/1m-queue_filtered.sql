-- 12 queries; times in ms as captured (one request)

-- #1: 0.0 ms
SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > '2026-11-30 04:16:40.308689+00:00'::timestamptz AND "django_session"."session_key" = 'yl691rh5ae9f13ydfqtphu0aoqs0r3tx') LIMIT 21;

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

-- #7: 21.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 29 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')));

-- #8: 22.0 ms
SELECT COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" IN ('new', 'in_progress', 'waiting')) AS "open", COUNT("desk_request"."id") FILTER (WHERE ("desk_request"."due_at" < '2026-11-30 04:16:40.314641+00:00'::timestamptz AND "desk_request"."status" IN ('new', 'in_progress'))) AS "overdue", COUNT("desk_request"."id") AS "all", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'new') AS "new", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'in_progress') AS "in_progress", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'waiting') AS "waiting", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'resolved') AS "resolved", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'closed') AS "closed", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'cancelled') AS "cancelled" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 29 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')));

-- #9: 1.0 ms
SELECT "desk_savedview"."id", "desk_savedview"."owner_id", "desk_savedview"."department_id", "desk_savedview"."name", "desk_savedview"."query", "desk_savedview"."shared", "desk_savedview"."created_at", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "desk_savedview" INNER JOIN "departments_employee" ON ("desk_savedview"."owner_id" = "departments_employee"."id") WHERE ("desk_savedview"."department_id" = 1 AND ("desk_savedview"."owner_id" = 2 OR "desk_savedview"."shared")) ORDER BY "desk_savedview"."name" ASC, "desk_savedview"."id" ASC;

-- #10: 27.0 ms
SELECT "desk_request"."id", "desk_request"."department_id", "desk_request"."number", "desk_request"."service_id", "desk_request"."requester_id", "desk_request"."client_type", "desk_request"."title", "desk_request"."description", "desk_request"."priority", "desk_request"."status", "desk_request"."assignee_id", "desk_request"."extra", "desk_request"."created_at", "desk_request"."updated_at", "desk_request"."last_activity_at", "desk_request"."due_at", "desk_request"."paused_at", "desk_request"."first_response_at", "desk_request"."resolved_at", "desk_request"."closed_at", "desk_request"."overdue_notified_at", "desk_request"."first_response_business_seconds", "desk_request"."resolution_seconds", "desk_request"."resolution_business_seconds", "desk_request"."met_target", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number", "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined", T5."id", T5."password", T5."last_login", T5."is_superuser", T5."email", T5."full_name", T5."job_title", T5."department_id", T5."client_type", T5."language", T5."is_staff", T5."is_active", T5."date_joined" FROM "desk_request" INNER JOIN "departments_department" ON ("desk_request"."department_id" = "departments_department"."id") INNER JOIN "departments_service" ON ("desk_request"."service_id" = "departments_service"."id") INNER JOIN "departments_employee" ON ("desk_request"."requester_id" = "departments_employee"."id") LEFT OUTER JOIN "departments_employee" T5 ON ("desk_request"."assignee_id" = T5."id") WHERE ("desk_request"."department_id" = 1 AND "desk_request"."service_id" = 29 AND "desk_request"."priority" = 2 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%'))) ORDER BY "desk_request"."due_at" ASC NULLS LAST, "desk_request"."id" ASC LIMIT 50;

-- #11: 1.0 ms
SELECT "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_department" WHERE "departments_department"."id" IN (1) ORDER BY "departments_department"."name" ASC;

-- #12: 0.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_notification" WHERE ("desk_notification"."in_app" AND "desk_notification"."recipient_id" = 2 AND "desk_notification"."read_at" IS NULL);

-- EXPLAIN ANALYZE of a 27.0 ms query
Limit  (cost=6656.19..6656.19 rows=1 width=896) (actual time=26.583..26.596 rows=50 loops=1)
  Buffers: shared hit=9181
  ->  Sort  (cost=6656.19..6656.19 rows=1 width=896) (actual time=26.582..26.590 rows=50 loops=1)
        Sort Key: desk_request.due_at, desk_request.id
        Sort Method: top-N heapsort  Memory: 86kB
        Buffers: shared hit=9181
        ->  Nested Loop Left Join  (cost=2173.43..6656.18 rows=1 width=896) (actual time=10.401..26.254 rows=353 loops=1)
              Buffers: shared hit=9181
              ->  Nested Loop  (cost=2173.15..6647.87 rows=1 width=702) (actual time=10.391..25.841 rows=353 loops=1)
                    Buffers: shared hit=8335
                    ->  Nested Loop  (cost=2172.87..6639.57 rows=1 width=508) (actual time=10.372..25.032 rows=353 loops=1)
                          Buffers: shared hit=7276
                          ->  Nested Loop  (cost=2172.87..6635.06 rows=1 width=402) (actual time=10.362..23.032 rows=353 loops=1)
                                Buffers: shared hit=6217
                                ->  Bitmap Heap Scan on desk_request  (cost=2172.87..6630.55 rows=1 width=322) (actual time=10.337..21.953 rows=353 loops=1)
                                      Recheck Cond: ((service_id = 29) AND (department_id = 1) AND (priority = 2))
                                      Filter: ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text))
                                      Rows Removed by Filter: 4561
                                      Heap Blocks: exact=4664
                                      Buffers: shared hit=4805
                                      ->  BitmapAnd  (cost=2172.87..2172.87 rows=1286 width=0) (actual time=9.799..9.801 rows=0 loops=1)
                                            Buffers: shared hit=141
                                            ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..95.34 rows=8389 width=0) (actual time=1.092..1.093 rows=8146 loops=1)
                                                  Index Cond: (service_id = 29)
                                                  Buffers: shared hit=10
                                            ->  Bitmap Index Scan on request_dept_priority  (cost=0.00..2077.28 rows=154485 width=0) (actual time=8.415..8.415 rows=152191 loops=1)
                                                  Index Cond: ((department_id = 1) AND (priority = 2))
                                                  Buffers: shared hit=131
                                ->  Seq Scan on departments_department  (cost=0.00..4.50 rows=1 width=80) (actual time=0.002..0.002 rows=1 loops=353)
                                      Filter: (id = 1)
                                      Rows Removed by Filter: 9
                                      Buffers: shared hit=1412
                          ->  Seq Scan on departments_service  (cost=0.00..4.50 rows=1 width=106) (actual time=0.001..0.005 rows=1 loops=353)
                                Filter: (id = 29)
                                Rows Removed by Filter: 119
                                Buffers: shared hit=1059
                    ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..8.30 rows=1 width=194) (actual time=0.002..0.002 rows=1 loops=353)
                          Index Cond: (id = desk_request.requester_id)
                          Buffers: shared hit=1059
              ->  Index Scan using departments_employee_pkey on departments_employee t5  (cost=0.28..8.30 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=353)
                    Index Cond: (id = desk_request.assignee_id)
                    Buffers: shared hit=846
Planning:
  Buffers: shared hit=26
Planning Time: 0.660 ms
Execution Time: 27.160 ms

-- EXPLAIN ANALYZE of a 22.0 ms query
Aggregate  (cost=6630.60..6630.61 rows=1 width=72) (actual time=20.098..20.102 rows=1 loops=1)
  Buffers: shared hit=4805
  ->  Bitmap Heap Scan on desk_request  (cost=2172.87..6630.55 rows=1 width=23) (actual time=9.656..19.971 rows=353 loops=1)
        Recheck Cond: ((service_id = 29) AND (department_id = 1) AND (priority = 2))
        Filter: ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text))
        Rows Removed by Filter: 4561
        Heap Blocks: exact=4664
        Buffers: shared hit=4805
        ->  BitmapAnd  (cost=2172.87..2172.87 rows=1286 width=0) (actual time=9.165..9.167 rows=0 loops=1)
              Buffers: shared hit=141
              ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..95.34 rows=8389 width=0) (actual time=0.750..0.751 rows=8146 loops=1)
                    Index Cond: (service_id = 29)
                    Buffers: shared hit=10
              ->  Bitmap Index Scan on request_dept_priority  (cost=0.00..2077.28 rows=154485 width=0) (actual time=8.122..8.122 rows=152191 loops=1)
                    Index Cond: ((department_id = 1) AND (priority = 2))
                    Buffers: shared hit=131
Planning Time: 0.197 ms
Execution Time: 20.625 ms

-- EXPLAIN ANALYZE of a 21.0 ms query
Aggregate  (cost=6630.55..6630.56 rows=1 width=8) (actual time=35.288..35.292 rows=1 loops=1)
  Buffers: shared hit=4805
  ->  Bitmap Heap Scan on desk_request  (cost=2172.87..6630.55 rows=1 width=0) (actual time=22.348..35.260 rows=353 loops=1)
        Recheck Cond: ((service_id = 29) AND (department_id = 1) AND (priority = 2))
        Filter: ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text))
        Rows Removed by Filter: 4561
        Heap Blocks: exact=4664
        Buffers: shared hit=4805
        ->  BitmapAnd  (cost=2172.87..2172.87 rows=1286 width=0) (actual time=21.856..21.858 rows=0 loops=1)
              Buffers: shared hit=141
              ->  Bitmap Index Scan on desk_request_service_id_c885d9c4  (cost=0.00..95.34 rows=8389 width=0) (actual time=0.968..0.968 rows=8146 loops=1)
                    Index Cond: (service_id = 29)
                    Buffers: shared hit=10
              ->  Bitmap Index Scan on request_dept_priority  (cost=0.00..2077.28 rows=154485 width=0) (actual time=20.510..20.510 rows=152191 loops=1)
                    Index Cond: ((department_id = 1) AND (priority = 2))
                    Buffers: shared hit=131
Planning Time: 0.171 ms
Execution Time: 35.833 ms

