"""Throttles shared by the apps' write endpoints."""

from rest_framework.throttling import ScopedRateThrottle


class WriteThrottle(ScopedRateThrottle):
    """The view's `throttle_scope`, counted on POST only: reading is never throttled."""

    def allow_request(self, request, view):
        if request.method != "POST":
            return True
        return super().allow_request(request, view)
