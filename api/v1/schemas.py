"""The shapes the API reads and writes; the OpenAPI document is generated from them."""

from datetime import date, datetime
from typing import Any, Literal

from django.conf import settings
from ninja import Field, Schema

from departments.models import ClientType
from desk.models import Priority, Request, Status

PriorityName = Literal["low", "normal", "high", "urgent"]
PRIORITY_BY_NAME: dict[str, int] = {member.name.lower(): member.value for member in Priority}
NAME_BY_PRIORITY: dict[int, str] = {value: name for name, value in PRIORITY_BY_NAME.items()}


class Error(Schema):
    detail: str
    errors: dict[str, list[str]] | None = Field(
        None, description="Messages by field, when the input was refused field by field."
    )


class DepartmentRef(Schema):
    code: str
    slug: str
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.localized_name


class ServiceRef(Schema):
    id: int
    slug: str
    name: str

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.localized_name


class Person(Schema):
    name: str = Field(..., alias="full_name")
    email: str


class RequestOut(Schema):
    reference: str = Field(..., examples=["IT-0042"])
    url: str = Field(..., description="The request's page in Desk.")
    title: str
    status: Status
    status_display: str
    priority: PriorityName
    client_type: ClientType
    department: DepartmentRef
    service: ServiceRef
    requester: Person
    assignee: Person | None
    created_at: datetime
    last_activity_at: datetime
    due_at: datetime | None
    first_response_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None

    @staticmethod
    def resolve_url(obj: Request) -> str:
        return settings.DESK_BASE_URL + obj.get_absolute_url()

    @staticmethod
    def resolve_status_display(obj: Request) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_priority(obj: Request) -> str:
        return NAME_BY_PRIORITY[obj.priority]


class Answer(Schema):
    field: int | None = None
    label: str
    value: str


class AttachmentOut(Schema):
    name: str
    size: int
    url: str


class EventOut(Schema):
    id: int
    kind: str = Field(
        ...,
        description="filed, comment, note (internal, staff only), status, assigned, service, "
        "priority, reopened, due",
    )
    actor: str | None = Field(None, description="Who did it; empty when Desk did it by itself.")
    old_value: str
    new_value: str
    body: str
    internal: bool
    created_at: datetime
    attachments: list[AttachmentOut]


class RequestDetail(RequestOut):
    description: str
    extra: list[Answer] = Field(..., description="Answers to the service's own questions.")
    timeline: list[EventOut] = Field(..., description="What you may see of the request's history.")
    actions: list[str] = Field(..., description="What you may do to this request in principle.")
    next_states: list[Status] = Field(
        ..., description="States you may move it to now (POST .../status)."
    )

    # Filled in by api.v1.requests.request_detail for the person asking.
    @staticmethod
    def resolve_extra(obj: Request) -> list[dict]:
        from desk.selectors import extra_answers

        return extra_answers(obj)

    @staticmethod
    def resolve_timeline(obj: Request) -> list[dict]:
        return obj.api_timeline

    @staticmethod
    def resolve_actions(obj: Request) -> list[str]:
        return obj.api_actions

    @staticmethod
    def resolve_next_states(obj: Request) -> list[str]:
        return obj.api_next_states


class RequestIn(Schema):
    service_id: int = Field(
        ..., ge=1, le=2**31 - 1, description="A published service's id (GET /catalog)."
    )
    title: str = Field(..., max_length=200)
    description: str = Field(..., max_length=20000)
    priority: PriorityName = "normal"
    extra: dict[str, Any] = Field(
        default_factory=dict,
        description='Answers to the service\'s extra fields, by field id: {"12": "Lenovo"}.',
    )


class CommentIn(Schema):
    body: str = Field(..., max_length=20000)
    internal: bool = Field(False, description="An internal note: the department's staff only.")


class StatusIn(Schema):
    status: Status
    expected_status: Status | None = Field(
        None,
        description="The state you saw; if the request changed meanwhile you get 409 and "
        "nothing changes.",
    )
    reason: str = Field(
        "",
        max_length=2000,
        description="Required to reopen; optional note when cancelling or changing state.",
    )


class Membership(Schema):
    department: DepartmentRef
    role: str


class Me(Schema):
    name: str
    email: str
    client_type: ClientType
    teams: list[Membership]
    token_scope: str | None = Field(None, description="read or write; empty for the browser.")
    token_expires_at: datetime | None = None


class FieldOut(Schema):
    id: int
    label: str
    kind: str
    required: bool
    help_text: str
    options: list[str]


class ServiceOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    target_hours: int
    around_the_clock: bool
    fields: list[FieldOut]


class CatalogDepartment(Schema):
    code: str
    slug: str
    name: str
    description: str
    services: list[ServiceOut]


class Figures(Schema):
    filed: int
    resolved: int
    closed: int
    cancelled: int
    backlog: int = Field(..., description="Open at the end of the period.")
    turnaround_median_hours: float | None
    turnaround_p90_hours: float | None
    turnaround_business_median_hours: float | None
    turnaround_business_p90_hours: float | None
    first_response_business_median_hours: float | None
    within_target_percent: float | None
    rated: int
    csat_percent: float | None = Field(..., description="Share of ratings of 4 or 5.")
    mean_rating: float | None
    mean_quality: float | None
    mean_speed: float | None
    mean_communication: float | None
    response_rate_percent: float | None


class PeriodOut(Schema):
    kind: Literal["week", "month"]
    start: date
    end: date = Field(..., description="The first day after the period.")
    label: str


class ServiceFigures(Schema):
    service: ServiceRef
    figures: Figures


class DepartmentFigures(Schema):
    department: DepartmentRef
    figures: Figures


class DepartmentReport(Schema):
    department: DepartmentRef
    period: PeriodOut
    total: Figures
    by_client_type: dict[str, Figures]
    by_service: list[ServiceFigures]


class CompanyReport(Schema):
    period: PeriodOut
    total: Figures
    by_client_type: dict[str, Figures]
    by_department: list[DepartmentFigures]


class ReportIndex(Schema):
    company: bool = Field(..., description="Whether GET /reports/company is yours to read.")
    departments: list[DepartmentRef]
