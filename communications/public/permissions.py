"""Who may do what with the public site's news and press releases."""

from network.permissions import AnyUser, is_communications_officer, is_official


def can_draft_public(user: AnyUser) -> bool:
    """Communications officers, and officials (network admins included) who draft news."""
    return is_communications_officer(user) or is_official(user)


def can_publish_public(user: AnyUser) -> bool:
    """A communications officer reviews, publishes and takes items off the site."""
    return is_communications_officer(user)
