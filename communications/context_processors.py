from communications import selectors


def notifications(request):
    """The unread count for the header (one indexed count per page)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"notification_unread": selectors.unread_count(user=user)}
