"""The organisation: employees (the user model), departments, their teams, services and calendars."""

from __future__ import annotations

import zoneinfo
from datetime import time
from decimal import Decimal, InvalidOperation

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _


def localized(obj: models.Model, field: str) -> str:
    """The Polish text of a catalog field on Polish pages when one is given; English otherwise."""
    language = translation.get_language() or ""
    if language.startswith("pl"):
        return getattr(obj, f"{field}_pl") or getattr(obj, field)
    return getattr(obj, field)


def localized_expression(field: str) -> models.Expression:
    """`localized` in SQL, to sort by the name the page shows."""
    if (translation.get_language() or "").startswith("pl"):
        return Coalesce(NullIf(models.F(f"{field}_pl"), models.Value("")), models.F(field))
    return models.F(field)


class ClientType(models.TextChoices):
    """How an employee uses other departments' work (see shared DOMAIN.md)."""

    BUSINESS = "business", _("Business")
    EXECUTIVE = "executive", _("Executive")
    OPERATIONAL = "operational", _("Operational")


class EmployeeManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An employee needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)

    def get_by_natural_key(self, username: str):
        # Emails are stored lower-case, so logging in is case-insensitive.
        return self.get(**{self.model.USERNAME_FIELD: username.lower()})


class Employee(AbstractBaseUser, PermissionsMixin):
    """A person in the company: an internal client, and maybe a member of a service team."""

    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    department = models.ForeignKey(
        "Department",
        verbose_name=_("home department"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employees",
    )
    # Whom the person reports to: the approver of services that need the line manager's yes.
    manager = models.ForeignKey(
        "self",
        verbose_name=_("line manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="direct_reports",
        help_text=_("Approves this person's requests to services that need the line manager."),
    )
    client_type = models.CharField(
        _("client type"),
        max_length=20,
        choices=ClientType.choices,
        default=ClientType.OPERATIONAL,
        help_text=_("How this person uses other departments' services; reports are split by it."),
    )
    language = models.CharField(
        _("language"), max_length=10, blank=True, help_text=_("Empty: follow the browser.")
    )
    is_staff = models.BooleanField(
        _("admin access"), default=False, help_text=_("May log in to the admin site.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = EmployeeManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(value)s is not a known time zone."), params={"value": value})


class LocalizedNameMixin:
    """Name and description in the page's language (name_pl / description_pl on Polish pages)."""

    def __str__(self) -> str:
        return self.localized_name  # form choices and admin pages, in the page's language

    @property
    def localized_name(self) -> str:
        return localized(self, "name")

    @property
    def localized_description(self) -> str:
        return localized(self, "description")


class Department(LocalizedNameMixin, models.Model):
    """A part of the company that serves the others through its catalog of services."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    code = models.CharField(
        _("reference code"),
        max_length=8,
        unique=True,
        validators=[RegexValidator(r"^[A-Z][A-Z0-9]{0,7}$", _("Capital letters and digits."))],
        help_text=_("Prefix of request references, e.g. IT for IT-0042."),
    )
    description = models.TextField(_("description"), blank=True)
    # The catalog in Polish; empty falls back to the English text above.
    name_pl = models.CharField(_("name in Polish"), max_length=100, blank=True)
    description_pl = models.TextField(_("description in Polish"), blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Warsaw", validators=[validate_timezone]
    )
    # Incremented under a row lock when a request is filed; gives IT-0001, IT-0002, ...
    last_request_number = models.PositiveIntegerField(default=0, editable=False)
    members = models.ManyToManyField(
        Employee, through="Membership", related_name="service_departments", blank=True
    )

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["name"]

    @property
    def tzinfo(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)


class Role(models.TextChoices):
    HEAD = "head", _("Head")
    AGENT = "agent", _("Agent")


class Membership(models.Model):
    """An employee's place in a department's service team."""

    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("department"),
    )
    employee = models.ForeignKey(
        Employee, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("employee")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.AGENT)

    class Meta:
        verbose_name = _("team membership")
        verbose_name_plural = _("team memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "employee"], name="one_membership_per_department"
            )
        ]

    def __str__(self) -> str:
        return f"{self.employee} – {self.get_role_display()} ({self.department})"


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class WorkingHours(models.Model):
    """One working interval of a department's week, in the department's time zone."""

    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="working_hours"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start = models.TimeField(_("from"), default=time(8, 0))
    end = models.TimeField(_("until"), default=time(16, 0))

    class Meta:
        verbose_name = _("working hours")
        verbose_name_plural = _("working hours")
        ordering = ["weekday", "start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="hours_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start:%H:%M}–{self.end:%H:%M}"


class Holiday(models.Model):
    """A day the department does not work; the target clock does not run."""

    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="holidays")
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["department", "date"], name="one_holiday_per_day")
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}".strip()


class ServiceQuerySet(models.QuerySet):
    def published(self) -> ServiceQuerySet:
        """What the catalog shows: active services of active departments."""
        return self.filter(is_active=True, department__is_active=True)


class Service(LocalizedNameMixin, models.Model):
    """Something a department promises to do for colleagues, with a promised turnaround."""

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="services", verbose_name=_("department")
    )
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What you get and what to prepare.")
    )
    # The catalog in Polish; empty falls back to the English text above.
    name_pl = models.CharField(_("name in Polish"), max_length=120, blank=True)
    description_pl = models.TextField(_("description in Polish"), blank=True)
    target_hours = models.PositiveIntegerField(
        _("target turnaround (hours)"),
        # The upper bound keeps due-time arithmetic within its ten-year horizon.
        validators=[MinValueValidator(1), MaxValueValidator(2000)],
        help_text=_("Promised time from filing to resolution."),
    )
    around_the_clock = models.BooleanField(
        _("24×7"),
        default=False,
        help_text=_(
            "Count the target in calendar hours instead of the department's working hours."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["department__name", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["department", "slug"], name="service_slug_unique_in_department"
            )
        ]


class FieldKind(models.TextChoices):
    TEXT = "text", _("Text")
    LONG_TEXT = "long_text", _("Long text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    CHOICE = "choice", _("Choice")


class ServiceField(models.Model):
    """An extra question a service asks when a request is filed (defined by admins)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="fields")
    label = models.CharField(_("label"), max_length=120)
    kind = models.CharField(
        _("kind"), max_length=20, choices=FieldKind.choices, default=FieldKind.TEXT
    )
    required = models.BooleanField(_("required"), default=False)
    help_text = models.CharField(_("help text"), max_length=250, blank=True)
    options = models.TextField(
        _("options"), blank=True, help_text=_("For a choice: one option per line.")
    )
    # The question in Polish; empty falls back to the English text above.
    label_pl = models.CharField(_("label in Polish"), max_length=120, blank=True)
    help_text_pl = models.CharField(_("help text in Polish"), max_length=250, blank=True)
    options_pl = models.TextField(
        _("options in Polish"),
        blank=True,
        help_text=_("One per line, in the same order as the options above."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("extra field")
        verbose_name_plural = _("extra fields")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.label

    @property
    def localized_label(self) -> str:
        return localized(self, "label")

    @property
    def localized_help_text(self) -> str:
        return localized(self, "help_text")

    @property
    def option_list(self) -> list[str]:
        return [line.strip() for line in self.options.splitlines() if line.strip()]

    @property
    def option_choices(self) -> list[tuple[str, str]]:
        """(stored value, shown label) pairs: answers keep the English option, so history and
        reports do not depend on the language it was filed in; Polish pages show the Polish line
        at the same position, unless the two lists differ in length (then English throughout)."""
        options = self.option_list
        if (translation.get_language() or "").startswith("pl"):
            shown = [line.strip() for line in self.options_pl.splitlines() if line.strip()]
            if len(shown) == len(options):
                return list(zip(options, shown, strict=True))
        return [(option, option) for option in options]

    def clean(self) -> None:
        if self.kind == FieldKind.CHOICE and not self.option_list:
            raise ValidationError({"options": _("A choice field needs at least one option.")})
        translated = [line for line in self.options_pl.splitlines() if line.strip()]
        if translated and len(translated) != len(self.option_list):
            raise ValidationError(
                {"options_pl": _("Give one Polish line for each option, in the same order.")}
            )


class ApproverKind(models.TextChoices):
    MANAGER = "manager", _("The requester's line manager")
    PERSON = "person", _("A named person")
    DEPARTMENT_HEAD = "department_head", _("Any head of a department")


class ApprovalStep(models.Model):
    """One yes a request to the service needs before its department starts work.

    Steps run in order. A step with a condition applies only when the requester's answer to the
    named number field is above the threshold (e.g. Finance above 5,000).
    """

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="approval_steps", verbose_name=_("service")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    approver_kind = models.CharField(
        _("approved by"), max_length=20, choices=ApproverKind.choices, default=ApproverKind.MANAGER
    )
    person = models.ForeignKey(
        Employee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
        help_text=_("For “a named person”."),
    )
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department"),
        help_text=_("For “any head of a department”."),
    )
    condition_field = models.ForeignKey(
        ServiceField,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("only when the field"),
        help_text=_("A number field of this service; empty: the step always applies."),
    )
    condition_above = models.DecimalField(
        _("is above"), max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = _("approval step")
        verbose_name_plural = _("approval steps")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.order}. {self.get_approver_kind_display()}"

    def clean(self) -> None:
        errors = {}
        if self.approver_kind == ApproverKind.PERSON and self.person_id is None:
            errors["person"] = _("Choose the person who approves.")
        if self.approver_kind == ApproverKind.DEPARTMENT_HEAD and self.department_id is None:
            errors["department"] = _("Choose the department whose heads approve.")
        if self.condition_field_id is not None:
            field = self.condition_field
            if field.kind != FieldKind.NUMBER or field.service_id != self.service_id:
                errors["condition_field"] = _("Choose a number field of this service.")
            if self.condition_above is None:
                errors["condition_above"] = _("Give the amount above which the step applies.")
        elif self.condition_above is not None:
            errors["condition_field"] = _("Choose the field the amount is compared with.")
        if errors:
            raise ValidationError(errors)

    def applies_to(self, extra: list[dict]) -> bool:
        """Whether the step is needed for a request with these answers."""
        if self.condition_field_id is None:
            return True
        for answer in extra:
            if answer.get("field") == self.condition_field_id:
                try:
                    return Decimal(str(answer.get("value"))) > self.condition_above
                except (InvalidOperation, TypeError, ValueError):
                    return False
        return False


class HourlyRate(models.Model):
    """What an hour of a department's work costs, from a date (and until one, if it changed).

    A rate with a person is that person's and wins over the department's on the same day. The
    ranges of one department (or of one person in it) never overlap, so each day has at most one
    rate of each kind: a raise is a new row from its date, the old one ending the day before.
    Amounts are in settings.DESK_CURRENCY.
    """

    department = models.ForeignKey(
        Department,
        on_delete=models.CASCADE,
        related_name="hourly_rates",
        verbose_name=_("department"),
    )
    employee = models.ForeignKey(
        Employee,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="hourly_rates",
        verbose_name=_("person"),
        help_text=_("Empty: the department's rate, for everyone without a rate of their own."),
    )
    amount = models.DecimalField(
        _("cost of an hour"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.00"))],
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Empty: until further notice.")
    )

    class Meta:
        verbose_name = _("hourly cost")
        verbose_name_plural = _("hourly costs")
        ordering = ["department", "employee", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="hourly_rate_range_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="hourly_rate_not_negative"
            ),
        ]
        indexes = [
            models.Index(fields=["department", "valid_from"], name="hourly_rate_dept_from"),
        ]

    def __str__(self) -> str:
        who = self.employee if self.employee_id else self.department
        return f"{who}: {self.amount} from {self.valid_from}"

    def overlapping(self) -> models.QuerySet[HourlyRate]:
        """Rates of the same department and person whose range shares a day with this one's."""
        rates = HourlyRate.objects.filter(
            department_id=self.department_id, employee_id=self.employee_id
        ).exclude(pk=self.pk)
        if self.valid_until is not None:
            rates = rates.filter(valid_from__lte=self.valid_until)
        return rates.filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=self.valid_from)
        )

    def clean(self) -> None:
        if self.valid_until is not None and self.valid_from and self.valid_until < self.valid_from:
            raise ValidationError({"valid_until": _("The end comes before the start.")})
        if self.department_id and self.valid_from and self.overlapping().exists():
            raise ValidationError(
                _(
                    "Another rate of this department and person covers some of these days: "
                    "end it the day before this one starts."
                )
            )


def rate_on(department_id: int, employee_id: int | None, day) -> HourlyRate | None:
    """The rate of an hour of this person's work for this department on this day: the person's
    own if they have one that day, otherwise the department's."""
    rates = (
        HourlyRate.objects.filter(department_id=department_id, valid_from__lte=day)
        .filter(models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day))
        .filter(models.Q(employee__isnull=True) | models.Q(employee_id=employee_id))
        # The person's rate before the department's.
        .annotate(personal=models.Case(models.When(employee__isnull=True, then=1), default=0))
        .order_by("personal")
    )
    return rates.first()
