from django.utils.functional import SimpleLazyObject

SESSION_KEY = "active_district_id"


def _active_membership(request):
    if not request.user.is_authenticated:
        return None
    memberships = list(request.user.memberships.select_related("district"))
    wanted = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.district_id == wanted:
            return membership
    return memberships[0] if memberships else None


class ActiveDistrictMiddleware:
    """Sets ``request.membership``: the user's membership in the district they work in now.

    A user in several districts switches with the district switcher; the choice is kept in
    the session. Views still fetch objects through scoped querysets, never through this.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.membership = SimpleLazyObject(lambda: _active_membership(request))
        return self.get_response(request)
