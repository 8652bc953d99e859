-- 6 queries; times in ms as captured (one request)

-- #1: 0.0 ms
SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > '2026-11-30 06:24:39.807539+00:00'::timestamptz AND "django_session"."session_key" = 'qhji61w83ms94eirre0d0dlv4ht1ta2y') LIMIT 21;

-- #2: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" WHERE "departments_employee"."id" = 1 LIMIT 21;

-- #3: 0.0 ms
SELECT "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_department" WHERE "departments_department"."is_active" ORDER BY "departments_department"."name" ASC;

-- #4: 2.0 ms
SELECT "feedback_reportcell"."id", "feedback_reportcell"."period_kind", "feedback_reportcell"."period_start", "feedback_reportcell"."department_id", "feedback_reportcell"."department_key", "feedback_reportcell"."service_id", "feedback_reportcell"."service_key", "feedback_reportcell"."client_type", "feedback_reportcell"."filed", "feedback_reportcell"."resolved", "feedback_reportcell"."closed", "feedback_reportcell"."cancelled", "feedback_reportcell"."backlog", "feedback_reportcell"."turnaround_median_hours", "feedback_reportcell"."turnaround_p90_hours", "feedback_reportcell"."turnaround_business_median_hours", "feedback_reportcell"."turnaround_business_p90_hours", "feedback_reportcell"."first_responses", "feedback_reportcell"."first_response_business_median_hours", "feedback_reportcell"."target_known", "feedback_reportcell"."target_met", "feedback_reportcell"."rated", "feedback_reportcell"."satisfied", "feedback_reportcell"."rating_sum", "feedback_reportcell"."quality_count", "feedback_reportcell"."quality_sum", "feedback_reportcell"."speed_count", "feedback_reportcell"."speed_sum", "feedback_reportcell"."communication_count", "feedback_reportcell"."communication_sum", "feedback_reportcell"."closed_rated", "feedback_reportcell"."computed_at" FROM "feedback_reportcell" LEFT OUTER JOIN "departments_department" ON ("feedback_reportcell"."department_id" = "departments_department"."id") WHERE (("feedback_reportcell"."department_id" IN (4, 3, 2, 1, 9, 5, 7, 6, 8, 10) OR "feedback_reportcell"."department_key" = 0) AND "feedback_reportcell"."period_kind" = 'month' AND "feedback_reportcell"."period_start" IN ('2025-12-01'::date, '2026-01-01'::date, '2026-02-01'::date, '2026-03-01'::date, '2026-04-01'::date, '2026-05-01'::date, '2026-06-01'::date, '2026-07-01'::date, '2026-08-01'::date, '2026-09-01'::date, '2026-10-01'::date, '2026-11-01'::date) AND "feedback_reportcell"."service_key" = 0) ORDER BY "departments_department"."name" ASC, "feedback_reportcell"."period_kind" ASC, "feedback_reportcell"."period_start" ASC, "feedback_reportcell"."service_key" ASC, "feedback_reportcell"."client_type" ASC;

-- #5: 0.0 ms
SELECT "departments_membership"."id", "departments_membership"."department_id", "departments_membership"."employee_id", "departments_membership"."role", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_membership" INNER JOIN "departments_department" ON ("departments_membership"."department_id" = "departments_department"."id") WHERE ("departments_department"."is_active" AND "departments_membership"."employee_id" = 1) ORDER BY "departments_department"."name" ASC, "departments_membership"."department_id" ASC;

-- #6: 0.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_notification" WHERE ("desk_notification"."in_app" AND "desk_notification"."recipient_id" = 1 AND "desk_notification"."read_at" IS NULL);

-- EXPLAIN ANALYZE of a 2.0 ms query
Sort  (cost=29.32..29.33 rows=1 width=261) (actual time=1.746..1.761 rows=528 loops=1)
  Sort Key: departments_department.name, feedback_reportcell.period_start, feedback_reportcell.client_type
  Sort Method: quicksort  Memory: 145kB
  Buffers: shared hit=2247
  ->  Nested Loop Left Join  (cost=0.47..29.31 rows=1 width=261) (actual time=0.625..1.414 rows=528 loops=1)
        Join Filter: (feedback_reportcell.department_id = departments_department.id)
        Rows Removed by Join Filter: 2640
        Buffers: shared hit=2247
        ->  Index Scan using report_cell_key on feedback_reportcell  (cost=0.47..28.09 rows=1 width=252) (actual time=0.620..0.941 rows=528 loops=1)
              Index Cond: (((period_kind)::text = 'month'::text) AND (service_key = 0))
              Filter: ((period_start = ANY ('{2025-12-01,2026-01-01,2026-02-01,2026-03-01,2026-04-01,2026-05-01,2026-06-01,2026-07-01,2026-08-01,2026-09-01,2026-10-01,2026-11-01}'::date[])) AND ((department_id = ANY ('{4,3,2,1,9,5,7,6,8,10}'::bigint[])) OR (department_key = 0)))
              Rows Removed by Filter: 1056
              Buffers: shared hit=1719
        ->  Seq Scan on departments_department  (cost=0.00..1.10 rows=10 width=17) (actual time=0.000..0.000 rows=6 loops=528)
              Buffers: shared hit=528
Planning Time: 0.106 ms
Execution Time: 1.823 ms

-- EXPLAIN ANALYZE of a 0.0 ms query
Limit  (cost=0.00..1.73 rows=1 width=138) (actual time=0.003..0.004 rows=1 loops=1)
  Buffers: shared hit=1
  ->  Seq Scan on django_session  (cost=0.00..1.73 rows=1 width=138) (actual time=0.003..0.003 rows=1 loops=1)
        Filter: ((expire_date > '2026-11-30 06:24:39.807539+00'::timestamp with time zone) AND ((session_key)::text = 'qhji61w83ms94eirre0d0dlv4ht1ta2y'::text))
        Rows Removed by Filter: 2
        Buffers: shared hit=1
Planning Time: 0.025 ms
Execution Time: 0.007 ms

-- EXPLAIN ANALYZE of a 0.0 ms query
Limit  (cost=0.28..8.30 rows=1 width=194) (actual time=0.004..0.004 rows=1 loops=1)
  Buffers: shared hit=3
  ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..8.30 rows=1 width=194) (actual time=0.004..0.004 rows=1 loops=1)
        Index Cond: (id = 1)
        Buffers: shared hit=3
Planning Time: 0.016 ms
Execution Time: 0.009 ms

