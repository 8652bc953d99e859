from django.urls import path, re_path

from desk.links import REF  # a request's address is its reference: /requests/IT-0042/
from desk.views import (
    approvals,
    effort,
    my_work,
    notifications,
    queue,
    queue_actions,
    requests,
    saved_views,
    workflow,
)

app_name = "desk"


urlpatterns = [
    path("", requests.home, name="home"),
    path("catalog/", requests.catalog, name="catalog"),
    path(
        "catalog/<slug:department_slug>/<slug:service_slug>/new/",
        requests.request_new,
        name="request-new",
    ),
    path("requests/", requests.my_requests, name="my-requests"),
    re_path(rf"^requests/{REF}/$", requests.request_detail, name="request-detail"),
    re_path(rf"^requests/{REF}/comment/$", requests.request_comment, name="request-comment"),
    re_path(rf"^requests/{REF}/cancel/$", requests.request_cancel, name="request-cancel"),
    re_path(rf"^requests/{REF}/confirm/$", requests.request_confirm, name="request-confirm"),
    re_path(rf"^requests/{REF}/reopen/$", requests.request_reopen, name="request-reopen"),
    re_path(
        rf"^requests/{REF}/files/(?P<token>[0-9a-f]{{32}})/$",
        requests.attachment_download,
        name="attachment-download",
    ),
    # Staff actions on a request (workflow); POST only.
    re_path(rf"^requests/{REF}/take/$", workflow.request_take, name="request-take"),
    re_path(rf"^requests/{REF}/assign/$", workflow.request_assign, name="request-assign"),
    re_path(rf"^requests/{REF}/status/$", workflow.request_status, name="request-status"),
    re_path(rf"^requests/{REF}/priority/$", workflow.request_priority, name="request-priority"),
    re_path(rf"^requests/{REF}/service/$", workflow.request_service, name="request-service"),
    re_path(rf"^requests/{REF}/time/$", effort.request_log_time, name="request-log-time"),
    # Department queue (staff): filters in the URL, row and bulk actions, saved views.
    path("departments/<slug:slug>/queue/", queue.queue, name="queue"),
    path("departments/<slug:slug>/queue/actions/", queue_actions.queue_action, name="queue-action"),
    path(
        "departments/<slug:slug>/queue/<int:pk>/actions/",
        queue_actions.queue_row_actions,
        name="queue-row-actions",
    ),
    path(
        "departments/<slug:slug>/queue/views/",
        saved_views.saved_view_create,
        name="queue-view-save",
    ),
    path(
        "departments/<slug:slug>/queue/views/<int:pk>/delete/",
        saved_views.saved_view_remove,
        name="queue-view-delete",
    ),
    path("my-work/", my_work.my_work, name="my-work"),
    path("approvals/", approvals.approval_list, name="approvals"),
    path("approvals/<int:pk>/decide/", approvals.approval_decide, name="approval-decide"),
    path("approvals/delegations/", approvals.delegation_create, name="delegation-create"),
    path(
        "approvals/delegations/<int:pk>/delete/",
        approvals.delegation_delete,
        name="delegation-delete",
    ),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/read/", notifications.notifications_read_all, name="notifications-read"),
    path("notifications/<int:pk>/open/", notifications.notification_open, name="notification-open"),
    path("profile/", notifications.profile, name="profile"),
]
