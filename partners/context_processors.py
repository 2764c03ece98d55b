from django.utils.functional import SimpleLazyObject


def portal(request):
    """Whether to link the provider portal and the curator workspace (lazy: no query unless
    the navigation asks, and it asks only for users outside any district)."""
    from partners.portal_access import staff_partner
    from plpg.access import is_curator

    user = request.user
    return {
        "is_curator": SimpleLazyObject(lambda: is_curator(user)),
        "portal_partner": SimpleLazyObject(lambda: staff_partner(user)),
    }
