-- 12 queries; times in ms as captured (one request)

-- #1: 1.0 ms
SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > '2026-11-30 04:17:30.338524+00:00'::timestamptz AND "django_session"."session_key" = 'yl691rh5ae9f13ydfqtphu0aoqs0r3tx') LIMIT 21;

-- #2: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" WHERE "departments_employee"."id" = 2 LIMIT 21;

-- #3: 0.0 ms
SELECT "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_department" WHERE ("departments_department"."is_active" AND "departments_department"."slug" = 'it') LIMIT 21;

-- #4: 1.0 ms
SELECT "departments_membership"."department_id" AS "department_id", "departments_membership"."role" AS "role" FROM "departments_membership" INNER JOIN "departments_department" ON ("departments_membership"."department_id" = "departments_department"."id") WHERE ("departments_department"."is_active" AND "departments_membership"."employee_id" = 2);

-- #5: 1.0 ms
SELECT "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order" FROM "departments_service" WHERE "departments_service"."department_id" = 1 ORDER BY "departments_service"."order" ASC, "departments_service"."name" ASC, "departments_service"."id" ASC;

-- #6: 1.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" INNER JOIN "departments_membership" ON ("departments_employee"."id" = "departments_membership"."employee_id") WHERE "departments_membership"."department_id" = 1 ORDER BY "departments_employee"."full_name" ASC, "departments_employee"."id" ASC;

-- #7: 664.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')));

-- #8: 538.0 ms
SELECT COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" IN ('new', 'in_progress', 'waiting')) AS "open", COUNT("desk_request"."id") FILTER (WHERE ("desk_request"."due_at" < '2026-11-30 04:17:30.348512+00:00'::timestamptz AND "desk_request"."status" IN ('new', 'in_progress'))) AS "overdue", COUNT("desk_request"."id") AS "all", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'new') AS "new", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'in_progress') AS "in_progress", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'waiting') AS "waiting", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'resolved') AS "resolved", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'closed') AS "closed", COUNT("desk_request"."id") FILTER (WHERE "desk_request"."status" = 'cancelled') AS "cancelled" FROM "desk_request" WHERE ("desk_request"."department_id" = 1 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%')));

-- #9: 1.0 ms
SELECT "desk_savedview"."id", "desk_savedview"."owner_id", "desk_savedview"."department_id", "desk_savedview"."name", "desk_savedview"."query", "desk_savedview"."shared", "desk_savedview"."created_at", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "desk_savedview" INNER JOIN "departments_employee" ON ("desk_savedview"."owner_id" = "departments_employee"."id") WHERE ("desk_savedview"."department_id" = 1 AND ("desk_savedview"."owner_id" = 2 OR "desk_savedview"."shared")) ORDER BY "desk_savedview"."name" ASC, "desk_savedview"."id" ASC;

-- #10: 797.0 ms
SELECT "desk_request"."id", "desk_request"."department_id", "desk_request"."number", "desk_request"."service_id", "desk_request"."requester_id", "desk_request"."client_type", "desk_request"."title", "desk_request"."description", "desk_request"."priority", "desk_request"."status", "desk_request"."assignee_id", "desk_request"."extra", "desk_request"."created_at", "desk_request"."updated_at", "desk_request"."last_activity_at", "desk_request"."due_at", "desk_request"."paused_at", "desk_request"."first_response_at", "desk_request"."resolved_at", "desk_request"."closed_at", "desk_request"."overdue_notified_at", "desk_request"."first_response_business_seconds", "desk_request"."resolution_seconds", "desk_request"."resolution_business_seconds", "desk_request"."met_target", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number", "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined", T5."id", T5."password", T5."last_login", T5."is_superuser", T5."email", T5."full_name", T5."job_title", T5."department_id", T5."client_type", T5."language", T5."is_staff", T5."is_active", T5."date_joined" FROM "desk_request" INNER JOIN "departments_department" ON ("desk_request"."department_id" = "departments_department"."id") INNER JOIN "departments_service" ON ("desk_request"."service_id" = "departments_service"."id") INNER JOIN "departments_employee" ON ("desk_request"."requester_id" = "departments_employee"."id") LEFT OUTER JOIN "departments_employee" T5 ON ("desk_request"."assignee_id" = T5."id") WHERE ("desk_request"."department_id" = 1 AND (UPPER("desk_request"."title"::text) LIKE UPPER('%printer%') OR UPPER("desk_request"."description"::text) LIKE UPPER('%printer%'))) ORDER BY "desk_request"."due_at" ASC NULLS LAST, "desk_request"."id" ASC LIMIT 50;

-- #11: 1.0 ms
SELECT "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_department" WHERE "departments_department"."id" IN (1) ORDER BY "departments_department"."name" ASC;

-- #12: 0.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_notification" WHERE ("desk_notification"."in_app" AND "desk_notification"."recipient_id" = 2 AND "desk_notification"."read_at" IS NULL);

-- EXPLAIN ANALYZE of a 797.0 ms query
Limit  (cost=49941.92..49946.82 rows=42 width=896) (actual time=785.969..794.542 rows=50 loops=1)
  Buffers: shared hit=140932 read=43642 written=32
  ->  Gather Merge  (cost=49941.92..49946.82 rows=42 width=896) (actual time=785.966..794.533 rows=50 loops=1)
        Workers Planned: 2
        Workers Launched: 2
        Buffers: shared hit=140932 read=43642 written=32
        ->  Sort  (cost=48941.89..48941.94 rows=21 width=896) (actual time=772.735..772.748 rows=39 loops=3)
              Sort Key: desk_request.due_at, desk_request.id
              Sort Method: top-N heapsort  Memory: 104kB
              Buffers: shared hit=140932 read=43642 written=32
              Worker 0:  Sort Method: top-N heapsort  Memory: 94kB
              Worker 1:  Sort Method: top-N heapsort  Memory: 94kB
              ->  Nested Loop Left Join  (cost=2777.49..48941.43 rows=21 width=896) (actual time=26.448..753.707 rows=4915 loops=3)
                    Buffers: shared hit=140906 read=43636 written=32
                    ->  Nested Loop  (cost=2777.21..48836.31 rows=21 width=702) (actual time=26.428..738.000 rows=4915 loops=3)
                          Buffers: shared hit=103310 read=43636 written=32
                          ->  Hash Join  (cost=2776.93..48731.18 rows=21 width=508) (actual time=26.376..704.741 rows=4915 loops=3)
                                Hash Cond: (desk_request.service_id = departments_service.id)
                                Buffers: shared hit=59074 read=43635 written=32
                                ->  Nested Loop  (cost=2771.23..48725.43 rows=21 width=402) (actual time=26.158..699.676 rows=4915 loops=3)
                                      Buffers: shared hit=58981 read=43623 written=32
                                      ->  Parallel Bitmap Heap Scan on desk_request  (cost=2771.23..48630.72 rows=21 width=322) (actual time=26.117..650.303 rows=4915 loops=3)
                                            Recheck Cond: (department_id = 1)
                                            Filter: ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text))
                                            Rows Removed by Filter: 79162
                                            Heap Blocks: exact=13541
                                            Buffers: shared hit=1 read=43623 written=32
                                            ->  Bitmap Index Scan on desk_request_department_id_69ed2554  (cost=0.00..2771.22 rows=254772 width=0) (actual time=19.529..19.530 rows=252246 loops=1)
                                                  Index Cond: (department_id = 1)
                                                  Buffers: shared read=213
                                      ->  Seq Scan on departments_department  (cost=0.00..4.50 rows=1 width=80) (actual time=0.005..0.006 rows=1 loops=14745)
                                            Filter: (id = 1)
                                            Rows Removed by Filter: 9
                                            Buffers: shared hit=58980
                                ->  Hash  (cost=4.20..4.20 rows=120 width=106) (actual time=0.099..0.100 rows=120 loops=3)
                                      Buckets: 1024  Batches: 1  Memory Usage: 25kB
                                      Buffers: shared hit=6 read=3
                                      ->  Seq Scan on departments_service  (cost=0.00..4.20 rows=120 width=106) (actual time=0.016..0.054 rows=120 loops=3)
                                            Buffers: shared hit=6 read=3
                          ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..5.01 rows=1 width=194) (actual time=0.005..0.005 rows=1 loops=14745)
                                Index Cond: (id = desk_request.requester_id)
                                Buffers: shared hit=44236 read=1
                    ->  Index Scan using departments_employee_pkey on departments_employee t5  (cost=0.28..5.01 rows=1 width=194) (actual time=0.002..0.002 rows=1 loops=14745)
                          Index Cond: (id = desk_request.assignee_id)
                          Buffers: shared hit=37596
Planning:
  Buffers: shared hit=23 read=16
Planning Time: 1.578 ms
Execution Time: 794.665 ms

-- EXPLAIN ANALYZE of a 664.0 ms query
Finalize Aggregate  (cost=49630.98..49630.99 rows=1 width=8) (actual time=618.116..630.088 rows=1 loops=1)
  Buffers: shared read=43624 written=5
  ->  Gather  (cost=49630.77..49630.98 rows=2 width=8) (actual time=618.103..630.077 rows=3 loops=1)
        Workers Planned: 2
        Workers Launched: 2
        Buffers: shared read=43624 written=5
        ->  Partial Aggregate  (cost=48630.77..48630.78 rows=1 width=8) (actual time=609.012..609.013 rows=1 loops=3)
              Buffers: shared read=43624 written=5
              ->  Parallel Bitmap Heap Scan on desk_request  (cost=2771.23..48630.72 rows=21 width=0) (actual time=22.477..608.371 rows=4915 loops=3)
                    Recheck Cond: (department_id = 1)
                    Filter: ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text))
                    Rows Removed by Filter: 79162
                    Heap Blocks: exact=14603
                    Buffers: shared read=43624 written=5
                    ->  Bitmap Index Scan on desk_request_department_id_69ed2554  (cost=0.00..2771.22 rows=254772 width=0) (actual time=20.936..20.936 rows=252246 loops=1)
                          Index Cond: (department_id = 1)
                          Buffers: shared read=213
Planning Time: 0.209 ms
Execution Time: 630.133 ms

-- EXPLAIN ANALYZE of a 538.0 ms query
Finalize Aggregate  (cost=49631.94..49631.95 rows=1 width=72) (actual time=534.896..541.185 rows=1 loops=1)
  Buffers: shared read=43624 written=307
  ->  Gather  (cost=49631.69..49631.90 rows=2 width=72) (actual time=534.880..541.171 rows=3 loops=1)
        Workers Planned: 2
        Workers Launched: 2
        Buffers: shared read=43624 written=307
        ->  Partial Aggregate  (cost=48631.69..48631.70 rows=1 width=72) (actual time=522.465..522.467 rows=1 loops=3)
              Buffers: shared read=43624 written=307
              ->  Parallel Bitmap Heap Scan on desk_request  (cost=2771.23..48630.72 rows=21 width=23) (actual time=17.552..519.875 rows=4915 loops=3)
                    Recheck Cond: (department_id = 1)
                    Filter: ((upper((title)::text) ~~ '%PRINTER%'::text) OR (upper(description) ~~ '%PRINTER%'::text))
                    Rows Removed by Filter: 79162
                    Heap Blocks: exact=16166
                    Buffers: shared read=43624 written=307
                    ->  Bitmap Index Scan on desk_request_department_id_69ed2554  (cost=0.00..2771.22 rows=254772 width=0) (actual time=17.787..17.788 rows=252246 loops=1)
                          Index Cond: (department_id = 1)
                          Buffers: shared read=213
Planning Time: 0.223 ms
Execution Time: 541.241 ms

