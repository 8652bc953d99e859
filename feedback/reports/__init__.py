"""Report figures, computed in the database and stored as ReportCell rows.

On PostgreSQL one SQL statement computes and stores any number of periods at once (sql.py): one
grouped pass per figure family (filed, resolved, finished, first response, ratings, backlog), each
over the rows whose own timestamp falls in the periods, with GROUPING SETS for every grouping,
merged and upserted by the database. A whole history is a handful of table scans; a department's
current week and month read only that department's rows of those periods through the timestamp
indexes. Elsewhere (SQLite) one period is computed by four grouped queries over requests with their
feedback joined, one per grouping, as recompute_period_portable does (portable.py). Nothing is
loaded row by row into Python, and a recomputation replaces the cells' figures, so running it
twice, or concurrently, gives the same rows.

What counts where (all instants compared with the period's [begin, end) in TIME_ZONE):
- filed: created in the period; resolved: first resolved in it; closed / cancelled: finished in
  it as closed (confirmed or expired) / cancelled.
- backlog: filed before the period's end and neither resolved nor closed by then. The report
  timestamps are written once, so a reopened request counts as done from its first resolution.
- turnaround (calendar and business hours), target compliance: the requests resolved in it.
- first response (business hours): the requests first answered in it.
- effort and cost (minutes logged on a request and their cost; totals, and medians over the
  requests that have them): the requests resolved in it.
- CSAT, mean rating and aspects: ratings given in it. Response rate: of the requests closed in
  it, the share that has a rating.
A request counts for its department, its current service and the client type it was filed with.

Keeping cells current (outbox.py): a change marks the department-periods it can move
(feedback.receivers, mark_stale); a worker recomputes them right after the change commits
(recompute_stale) and marks the company-wide cells of those periods, which the periodic sweep
recomputes once a minute (recompute_stale_company). So a department's cells lag a change by the
worker's queue, and the company's by up to about a minute more.

The modules, each owning one part:
- families.py: the cell's figures by family, their ORM aggregates and their SQL;
- percentiles.py: percentile_cont as an aggregate on PostgreSQL and SQLite;
- portable.py: one period with the ORM (SQLite; the reference on PostgreSQL);
- sql.py: many periods in one PostgreSQL statement;
- recompute.py: what callers use to recompute cells, choosing between the two;
- outbox.py: stale marks and the worker's and sweep's recomputation of them;
- catalog.py: the catalog's 90-day line per service;
- findings.py: "where to improve", stored per department and period after its cells (after a
  change, by a task of its own once the cells commit: feedback.tasks.recompute_findings_task).
Callers use this package's names (`from feedback import reports`; `reports.recompute_range`).
"""

from feedback.reports.catalog import STATS_DAYS, STATS_MIN_RATINGS, ServiceStats, service_stats
from feedback.reports.families import (
    COMPANY_GROUPINGS,
    COUNT_FIELDS,
    FAMILIES,
    FAMILY_FIELDS,
    FLOAT_FIELDS,
    GROUPINGS,
    HOUR_FIELDS,
    HOURS,
    KEY_FIELDS,
    PLAIN_FIELDS,
    UPDATE_FIELDS,
)
from feedback.reports.findings import recompute_findings
from feedback.reports.outbox import (
    StaleBatch,
    has_stale,
    has_stale_company,
    mark_company_stale,
    mark_stale,
    mark_stale_between,
    recompute_stale,
    recompute_stale_company,
)
from feedback.reports.percentiles import SQLITE_PERCENTILE, PercentileCont, percentile_cont
from feedback.reports.portable import compute_period, recompute_period_portable
from feedback.reports.recompute import (
    recent_range,
    recompute,
    recompute_period,
    recompute_periods,
    recompute_range,
)

__all__ = [
    "COMPANY_GROUPINGS",
    "COUNT_FIELDS",
    "FAMILIES",
    "FAMILY_FIELDS",
    "FLOAT_FIELDS",
    "GROUPINGS",
    "HOURS",
    "HOUR_FIELDS",
    "KEY_FIELDS",
    "PLAIN_FIELDS",
    "SQLITE_PERCENTILE",
    "STATS_DAYS",
    "STATS_MIN_RATINGS",
    "UPDATE_FIELDS",
    "PercentileCont",
    "ServiceStats",
    "StaleBatch",
    "compute_period",
    "has_stale",
    "has_stale_company",
    "mark_company_stale",
    "mark_stale",
    "mark_stale_between",
    "percentile_cont",
    "recent_range",
    "recompute",
    "recompute_findings",
    "recompute_period",
    "recompute_period_portable",
    "recompute_periods",
    "recompute_range",
    "recompute_stale",
    "recompute_stale_company",
    "service_stats",
]
