-- 9 queries; times in ms as captured (one request)

-- #1: 0.0 ms
SELECT "django_session"."session_key", "django_session"."session_data", "django_session"."expire_date" FROM "django_session" WHERE ("django_session"."expire_date" > '2026-11-30 06:28:04.920456+00:00'::timestamptz AND "django_session"."session_key" = '6fzs5rzjt4qqg2qpadccgfcim5magbhf') LIMIT 21;

-- #2: 0.0 ms
SELECT "departments_employee"."id", "departments_employee"."password", "departments_employee"."last_login", "departments_employee"."is_superuser", "departments_employee"."email", "departments_employee"."full_name", "departments_employee"."job_title", "departments_employee"."department_id", "departments_employee"."client_type", "departments_employee"."language", "departments_employee"."is_staff", "departments_employee"."is_active", "departments_employee"."date_joined" FROM "departments_employee" WHERE "departments_employee"."id" = 2 LIMIT 21;

-- #3: 0.0 ms
SELECT "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_department" WHERE ("departments_department"."is_active" AND "departments_department"."slug" = 'it') LIMIT 21;

-- #4: 0.0 ms
SELECT "departments_membership"."id", "departments_membership"."department_id", "departments_membership"."employee_id", "departments_membership"."role", "departments_department"."id", "departments_department"."name", "departments_department"."slug", "departments_department"."code", "departments_department"."description", "departments_department"."name_pl", "departments_department"."description_pl", "departments_department"."contact_email", "departments_department"."is_active", "departments_department"."time_zone", "departments_department"."last_request_number" FROM "departments_membership" INNER JOIN "departments_department" ON ("departments_membership"."department_id" = "departments_department"."id") WHERE ("departments_department"."is_active" AND "departments_membership"."employee_id" = 2) ORDER BY "departments_department"."name" ASC, "departments_membership"."department_id" ASC;

-- #5: 1.0 ms
SELECT "feedback_reportcell"."id", "feedback_reportcell"."period_kind", "feedback_reportcell"."period_start", "feedback_reportcell"."department_id", "feedback_reportcell"."department_key", "feedback_reportcell"."service_id", "feedback_reportcell"."service_key", "feedback_reportcell"."client_type", "feedback_reportcell"."filed", "feedback_reportcell"."resolved", "feedback_reportcell"."closed", "feedback_reportcell"."cancelled", "feedback_reportcell"."backlog", "feedback_reportcell"."turnaround_median_hours", "feedback_reportcell"."turnaround_p90_hours", "feedback_reportcell"."turnaround_business_median_hours", "feedback_reportcell"."turnaround_business_p90_hours", "feedback_reportcell"."first_responses", "feedback_reportcell"."first_response_business_median_hours", "feedback_reportcell"."target_known", "feedback_reportcell"."target_met", "feedback_reportcell"."rated", "feedback_reportcell"."satisfied", "feedback_reportcell"."rating_sum", "feedback_reportcell"."quality_count", "feedback_reportcell"."quality_sum", "feedback_reportcell"."speed_count", "feedback_reportcell"."speed_sum", "feedback_reportcell"."communication_count", "feedback_reportcell"."communication_sum", "feedback_reportcell"."closed_rated", "feedback_reportcell"."computed_at" FROM "feedback_reportcell" INNER JOIN "departments_department" ON ("feedback_reportcell"."department_id" = "departments_department"."id") WHERE ("feedback_reportcell"."department_id" = 1 AND "feedback_reportcell"."period_kind" = 'month' AND "feedback_reportcell"."period_start" IN ('2025-12-01'::date, '2026-01-01'::date, '2026-02-01'::date, '2026-03-01'::date, '2026-04-01'::date, '2026-05-01'::date, '2026-06-01'::date, '2026-07-01'::date, '2026-08-01'::date, '2026-09-01'::date, '2026-10-01'::date, '2026-11-01'::date) AND "feedback_reportcell"."service_key" = 0) ORDER BY "departments_department"."name" ASC, "feedback_reportcell"."period_kind" ASC, "feedback_reportcell"."period_start" ASC, "feedback_reportcell"."service_key" ASC, "feedback_reportcell"."client_type" ASC;

-- #6: 0.0 ms
SELECT "departments_service"."id", "departments_service"."department_id", "departments_service"."name", "departments_service"."slug", "departments_service"."description", "departments_service"."name_pl", "departments_service"."description_pl", "departments_service"."target_hours", "departments_service"."around_the_clock", "departments_service"."is_active", "departments_service"."order" FROM "departments_service" WHERE ("departments_service"."department_id" = 1 AND ("departments_service"."is_active" OR EXISTS(SELECT 1 AS "a" FROM "feedback_reportcell" U0 WHERE (U0."department_key" = 1 AND U0."period_kind" = 'month' AND U0."period_start" = '2026-11-01'::date AND U0."service_key" = ("departments_service"."id")) LIMIT 1))) ORDER BY "departments_service"."order" ASC, "departments_service"."name" ASC;

-- #7: 0.0 ms
SELECT "feedback_reportcell"."id", "feedback_reportcell"."period_kind", "feedback_reportcell"."period_start", "feedback_reportcell"."department_id", "feedback_reportcell"."department_key", "feedback_reportcell"."service_id", "feedback_reportcell"."service_key", "feedback_reportcell"."client_type", "feedback_reportcell"."filed", "feedback_reportcell"."resolved", "feedback_reportcell"."closed", "feedback_reportcell"."cancelled", "feedback_reportcell"."backlog", "feedback_reportcell"."turnaround_median_hours", "feedback_reportcell"."turnaround_p90_hours", "feedback_reportcell"."turnaround_business_median_hours", "feedback_reportcell"."turnaround_business_p90_hours", "feedback_reportcell"."first_responses", "feedback_reportcell"."first_response_business_median_hours", "feedback_reportcell"."target_known", "feedback_reportcell"."target_met", "feedback_reportcell"."rated", "feedback_reportcell"."satisfied", "feedback_reportcell"."rating_sum", "feedback_reportcell"."quality_count", "feedback_reportcell"."quality_sum", "feedback_reportcell"."speed_count", "feedback_reportcell"."speed_sum", "feedback_reportcell"."communication_count", "feedback_reportcell"."communication_sum", "feedback_reportcell"."closed_rated", "feedback_reportcell"."computed_at" FROM "feedback_reportcell" INNER JOIN "departments_department" ON ("feedback_reportcell"."department_id" = "departments_department"."id") WHERE ("feedback_reportcell"."client_type" = '' AND "feedback_reportcell"."department_id" = 1 AND "feedback_reportcell"."period_kind" = 'month' AND "feedback_reportcell"."period_start" = '2026-11-01'::date AND NOT ("feedback_reportcell"."service_key" = 0)) ORDER BY "departments_department"."name" ASC, "feedback_reportcell"."period_kind" ASC, "feedback_reportcell"."period_start" ASC, "feedback_reportcell"."service_key" ASC, "feedback_reportcell"."client_type" ASC;

-- #8: 0.0 ms
SELECT "feedback_reportsubscription"."id", "feedback_reportsubscription"."employee_id", "feedback_reportsubscription"."department_id", "feedback_reportsubscription"."monthly_email", "feedback_reportsubscription"."last_sent_month" FROM "feedback_reportsubscription" WHERE ("feedback_reportsubscription"."department_id" = 1 AND "feedback_reportsubscription"."employee_id" = 2) ORDER BY "feedback_reportsubscription"."id" ASC LIMIT 1;

-- #9: 0.0 ms
SELECT COUNT(*) AS "__count" FROM "desk_notification" WHERE ("desk_notification"."in_app" AND "desk_notification"."recipient_id" = 2 AND "desk_notification"."read_at" IS NULL);

-- EXPLAIN ANALYZE of a 1.0 ms query
Sort  (cost=13.37..13.37 rows=1 width=261) (actual time=1.141..1.143 rows=48 loops=1)
  Sort Key: departments_department.name, feedback_reportcell.period_start, feedback_reportcell.client_type
  Sort Method: quicksort  Memory: 35kB
  Buffers: shared hit=2262
  ->  Nested Loop  (cost=4.34..13.36 rows=1 width=261) (actual time=0.355..1.108 rows=48 loops=1)
        Buffers: shared hit=2262
        ->  Bitmap Heap Scan on feedback_reportcell  (cost=4.34..12.22 rows=1 width=252) (actual time=0.352..1.063 rows=48 loops=1)
              Recheck Cond: ((department_id = 1) AND ((period_kind)::text = 'month'::text))
              Filter: ((service_key = 0) AND (period_start = ANY ('{2025-12-01,2026-01-01,2026-02-01,2026-03-01,2026-04-01,2026-05-01,2026-06-01,2026-07-01,2026-08-01,2026-09-01,2026-10-01,2026-11-01}'::date[])))
              Rows Removed by Filter: 4560
              Heap Blocks: exact=2207
              Buffers: shared hit=2214
              ->  Bitmap Index Scan on report_cell_dept_period  (cost=0.00..4.31 rows=2 width=0) (actual time=0.161..0.161 rows=4671 loops=1)
                    Index Cond: ((department_id = 1) AND ((period_kind)::text = 'month'::text))
                    Buffers: shared hit=7
        ->  Seq Scan on departments_department  (cost=0.00..1.12 rows=1 width=17) (actual time=0.000..0.000 rows=1 loops=48)
              Filter: (id = 1)
              Rows Removed by Filter: 9
              Buffers: shared hit=48
Planning Time: 0.075 ms
Execution Time: 1.164 ms

-- EXPLAIN ANALYZE of a 0.0 ms query
Limit  (cost=0.00..1.73 rows=1 width=138) (actual time=0.003..0.003 rows=1 loops=1)
  Buffers: shared hit=1
  ->  Seq Scan on django_session  (cost=0.00..1.73 rows=1 width=138) (actual time=0.003..0.003 rows=1 loops=1)
        Filter: ((expire_date > '2026-11-30 06:28:04.920456+00'::timestamp with time zone) AND ((session_key)::text = '6fzs5rzjt4qqg2qpadccgfcim5magbhf'::text))
        Rows Removed by Filter: 2
        Buffers: shared hit=1
Planning Time: 0.023 ms
Execution Time: 0.007 ms

-- EXPLAIN ANALYZE of a 0.0 ms query
Limit  (cost=0.28..8.30 rows=1 width=194) (actual time=0.004..0.005 rows=1 loops=1)
  Buffers: shared hit=3
  ->  Index Scan using departments_employee_pkey on departments_employee  (cost=0.28..8.30 rows=1 width=194) (actual time=0.004..0.005 rows=1 loops=1)
        Index Cond: (id = 2)
        Buffers: shared hit=3
Planning Time: 0.015 ms
Execution Time: 0.010 ms

