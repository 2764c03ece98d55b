from django.utils.functional import SimpleLazyObject


def portal(request):
    """Whether to link the provider portal and the curator workspace (lazy: no query unless
    the navigation asks, and it asks only for users outside any district)."""
    from partners.portal_access import staff_partner
    from plpg.access import is_curator

    user = getattr(request, "user", None)  # a request built by hand (PDF tests) has none
    if user is None:
        return {"is_curator": False, "portal_partner": None}
    return {
        "is_curator": SimpleLazyObject(lambda: is_curator(user)),
        "portal_partner": SimpleLazyObject(lambda: staff_partner(user)),
    }
