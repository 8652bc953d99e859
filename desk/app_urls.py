from django.urls import path, re_path

from desk.views import requests

app_name = "desk"

# A request's address is its reference: /requests/IT-0042/
REF = r"(?P<code>[A-Z][A-Z0-9]{0,7})-(?P<number>[0-9]{1,9})"

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
]
