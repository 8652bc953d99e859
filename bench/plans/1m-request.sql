-- 10 queries; times in ms as captured (one request)

-- #1: 0.0 ms
SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > '2026-11-30 06:27:19.141138+00:00'::timestamptz AND "django_session"."session_key" = 'qsliorzc99oh83t2q7lw8wpigbx68g0q') LIMIT 21;

-- #2: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" WHERE "departments_employee"."id" = 2 LIMIT 21;

-- #3: 0.0 ms
SELECT "departments_membership"."id", "departments_membership"."department_id", "departments_membership"."employee_id", "departments_membership"."role", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_membership" INNER JOIN "departments_department" ON ("departments_membership"."department_id" = "departments_department"."id") WHERE ("departments_department"."is_active" AND "departments_membership"."employee_id" = 2) ORDER BY "departments_department"."name" ASC, "departments_membership"."department_id" ASC;

-- #4: 1.0 ms
SELECT "desk_request"."id", "desk_request"."department_id", "desk_request"."number", "desk_request"."service_id", "desk_request"."requester_id", "desk_request"."client_type", "desk_request"."title", "desk_request"."description", "desk_request"."priority", "desk_request"."status", "desk_request"."assignee_id", "desk_request"."extra", "desk_request"."created_at", "desk_request"."updated_at", "desk_request"."last_activity_at", "desk_request"."due_at", "desk_request"."paused_at", "desk_request"."first_response_at", "desk_request"."resolved_at", "desk_request"."closed_at", "desk_request"."overdue_notified_at", "desk_request"."first_response_business_seconds", "desk_request"."resolution_seconds", "desk_request"."resolution_business_seconds", "desk_request"."met_target", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number", "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order", "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined", T5."id", T5."password", T5."last_login", T5."is_superuser", T5."email", T5."full_name", T5."job_title", T5."department_id", T5."client_type", T5."language", T5."is_staff", T5."is_active", T5."date_joined" FROM "desk_request" INNER JOIN "departments_employee" ON ("desk_request"."requester_id" = "departments_employee"."id") INNER JOIN "departments_department" ON ("desk_request"."department_id" = "departments_department"."id") INNER JOIN "departments_service" ON ("desk_request"."service_id" = "departments_service"."id") LEFT OUTER JOIN "departments_employee" T5 ON ("desk_request"."assignee_id" = T5."id") WHERE (("desk_request"."requester_id" = 2 OR "desk_request"."department_id" IN (1)) AND "departments_department"."code" = 'IT' AND "desk_request"."number" = 250057) LIMIT 21;

-- #5: 0.0 ms
SELECT "desk_event"."id", "desk_event"."request_id", "desk_event"."actor_id", "desk_event"."kind", "desk_event"."old_value", "desk_event"."new_value", "desk_event"."body", "desk_event"."created_at", "departments_employee"."id", "departments_employee"."full_name" FROM "desk_event" LEFT OUTER JOIN "departments_employee" ON ("desk_event"."actor_id" = "departments_employee"."id") WHERE "desk_event"."request_id" = 1000001 ORDER BY "desk_event"."created_at" ASC, "desk_event"."id" ASC;

-- #6: 0.0 ms
SELECT "desk_attachment"."id", "desk_attachment"."event_id", "desk_attachment"."token", "desk_attachment"."name", "desk_attachment"."size" FROM "desk_attachment" WHERE "desk_attachment"."event_id" IN (5201453, 5201454, 5201455, 5201456, 5201457, 5201458, 5201459, 5201460, 5201461, 5201462, 5201463, 5201464, 5201465, 5201466, 5201467, 5201468, 5201469, 5201470, 5201471, 5201472, 5201473, 5201474, 5201475, 5201476, 5201477, 5201478, 5201479, 5201480, 5201481, 5201482) ORDER BY "desk_attachment"."created_at" ASC, "desk_attachment"."id" ASC;

-- #7: 0.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_notification" WHERE ("desk_notification"."in_app" AND "desk_notification"."recipient_id" = 2 AND "desk_notification"."read_at" IS NULL);

-- #8: 0.0 ms
SELECT "desk_cannedreply"."id", "desk_cannedreply"."department_id", "desk_cannedreply"."title", "desk_cannedreply"."body", "desk_cannedreply"."is_active" FROM "desk_cannedreply" INNER JOIN "departments_department" ON ("desk_cannedreply"."department_id" = "departments_department"."id") WHERE ("desk_cannedreply"."is_active" AND "desk_cannedreply"."department_id" = 1) ORDER BY "departments_department"."name" ASC, "desk_cannedreply"."title" ASC;

-- #9: 0.0 ms
SELECT "departments_employee"."id" AS "pk", "departments_employee"."full_name" AS "full_name" FROM "departments_employee" INNER JOIN "departments_membership" ON ("departments_employee"."id" = "departments_membership"."employee_id") WHERE ("departments_employee"."is_active" AND "departments_membership"."department_id" = 1) ORDER BY 2 ASC;

-- #10: 0.0 ms
SELECT "departments_service"."id" AS "pk", "departments_service"."name" AS "f1" FROM "departments_service" WHERE ("departments_service"."department_id" = 1 AND "departments_service"."is_active") ORDER BY "departments_service"."order" ASC, "departments_service"."name" ASC;

-- EXPLAIN ANALYZE of a 1.0 ms query
Limit  (cost=15.50..36.20 rows=1 width=897) (actual time=0.019..0.033 rows=1 loops=1)
  Buffers: shared hit=14
  ->  Nested Loop Left Join  (cost=15.50..36.20 rows=1 width=897) (actual time=0.018..0.032 rows=1 loops=1)
        Buffers: shared hit=14
        ->  Nested Loop  (cost=15.22..27.90 rows=1 width=703) (actual time=0.016..0.030 rows=1 loops=1)
              Buffers: shared hit=11
              ->  Hash Join  (cost=14.94..19.60 rows=1 width=509) (actual time=0.014..0.028 rows=1 loops=1)
                    Hash Cond: (departments_service.id = desk_request.service_id)
                    Buffers: shared hit=8
                    ->  Seq Scan on departments_service  (cost=0.00..4.20 rows=120 width=106) (actual time=0.002..0.010 rows=120 loops=1)
                          Buffers: shared hit=3
                    ->  Hash  (cost=14.93..14.93 rows=1 width=403) (actual time=0.009..0.009 rows=1 loops=1)
                          Buckets: 1024  Batches: 1  Memory Usage: 9kB
                          Buffers: shared hit=5
                          ->  Nested Loop  (cost=0.42..14.93 rows=1 width=403) (actual time=0.006..0.007 rows=1 loops=1)
                                Buffers: shared hit=5
                                ->  Seq Scan on departments_department  (cost=0.00..1.12 rows=1 width=80) (actual time=0.001..0.002 rows=1 loops=1)
                                      Filter: ((code)::text = 'IT'::text)
                                      Rows Removed by Filter: 9
                                      Buffers: shared hit=1
                                ->  Index Scan using request_number_unique_in_department on desk_request  (cost=0.42..8.45 rows=1 width=323) (actual time=0.003..0.003 rows=1 loops=1)
                                      Index Cond: ((department_id = departments_department.id) AND (number = 250057))
                                      Filter: ((requester_id = 2) OR (department_id = 1))
                                      Buffers: shared hit=4
              ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..8.30 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=1)
                    Index Cond: (id = desk_request.requester_id)
                    Buffers: shared hit=3
        ->  Index Scan using departments_employee_pkey on departments_employee t5  (cost=0.28..8.30 rows=1 width=194) (actual time=0.001..0.001 rows=1 loops=1)
              Index Cond: (id = desk_request.assignee_id)
              Buffers: shared hit=3
Planning:
  Buffers: shared hit=40
Planning Time: 0.474 ms
Execution Time: 0.067 ms

-- EXPLAIN ANALYZE of a 0.0 ms query
Limit  (cost=0.00..1.73 rows=1 width=138) (actual time=0.003..0.003 rows=1 loops=1)
  Buffers: shared hit=1
  ->  Seq Scan on django_session  (cost=0.00..1.73 rows=1 width=138) (actual time=0.003..0.003 rows=1 loops=1)
        Filter: ((expire_date > '2026-11-30 06:27:19.141138+00'::timestamp with time zone) AND ((session_key)::text = 'qsliorzc99oh83t2q7lw8wpigbx68g0q'::text))
        Buffers: shared hit=1
Planning Time: 0.024 ms
Execution Time: 0.007 ms

-- EXPLAIN ANALYZE of a 0.0 ms query
Limit  (cost=0.28..8.30 rows=1 width=194) (actual time=0.005..0.005 rows=1 loops=1)
  Buffers: shared hit=3
  ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..8.30 rows=1 width=194) (actual time=0.005..0.005 rows=1 loops=1)
        Index Cond: (id = 2)
        Buffers: shared hit=3
Planning Time: 0.017 ms
Execution Time: 0.010 ms

