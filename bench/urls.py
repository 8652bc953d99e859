"""Desk's URLs plus the benchmark's trivial page. Used only by bench.settings."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_GET

from desk.urls import urlpatterns as desk_urlpatterns


@require_GET
@login_required
def trivial(request):
    """A logged-in page rendering a fixed template: what the stack costs with no work to do."""
    return render(request, "bench/trivial.html")


urlpatterns = [path("bench/trivial/", trivial, name="bench-trivial"), *desk_urlpatterns]
