def district(request):
    """The active membership and the user's other districts, for the navigation."""
    membership = getattr(request, "membership", None)
    if membership is None or not request.user.is_authenticated:
        return {"active_membership": None, "active_district": None, "active_role": None}
    active = membership if membership else None
    return {
        "active_membership": active,
        "active_district": active.district if active else None,
        "active_role": active.role if active else None,
        "all_memberships": request.memberships,
    }
