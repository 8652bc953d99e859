"""The catalog and the caller themselves."""

from django.db.models import prefetch_related_objects
from django.http import HttpRequest
from ninja import Router

from api.models import ApiToken
from api.v1.schemas import CatalogDepartment, Me
from desk import permissions, selectors

router = Router(tags=["catalog"])


@router.get("/me", response=Me, summary="Who the token (or browser) acts for")
def me(request: HttpRequest):
    user = request.user
    roles = permissions._memberships(user)
    token = request.auth if isinstance(request.auth, ApiToken) else None
    return {
        "name": user.full_name,
        "email": user.email,
        "client_type": user.client_type,
        "teams": [
            {"department": department, "role": roles[department.pk]}
            for department in permissions.staff_departments(user)
        ],
        "token_scope": token.scope if token else None,
        "token_expires_at": token.expires_at if token else None,
    }


@router.get(
    "/catalog",
    response=list[CatalogDepartment],
    summary="The service catalog",
    description="Active departments with their published services, each with its promised "
    "turnaround and the extra fields filing asks for. `q` searches names and descriptions.",
)
def catalog(request: HttpRequest, q: str = ""):
    departments = list(selectors.catalog(q[:100]))
    services = [service for department in departments for service in department.published_services]
    prefetch_related_objects(services, "fields")
    return [
        {
            "code": department.code,
            "slug": department.slug,
            "name": department.localized_name,
            "description": department.localized_description,
            "services": [
                {
                    "id": service.pk,
                    "slug": service.slug,
                    "name": service.localized_name,
                    "description": service.localized_description,
                    "target_hours": service.target_hours,
                    "around_the_clock": service.around_the_clock,
                    "fields": [
                        {
                            "id": field.pk,
                            "label": field.localized_label,
                            "kind": field.kind,
                            "required": field.required,
                            "help_text": field.localized_help_text,
                            "options": [value for value, _shown in field.option_choices],
                        }
                        for field in service.fields.all()
                    ],
                }
                for service in department.published_services
            ],
        }
        for department in departments
    ]
