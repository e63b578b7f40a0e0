import pytest

from communications.kinds import Delivery, NotificationKind, register_kind, unregister_kind

VOTE_NEEDED = "test_vote_needed"
STATUS_UPDATE = "test_status_update"


@pytest.fixture(autouse=True)
def test_kinds():
    """Two kinds like the ones later apps register: one e-mailed at once, one in the digest."""
    register_kind(
        NotificationKind(
            key=VOTE_NEEDED,
            label="Votes needed",
            title="Your vote is needed: %(title)s",
            default_delivery=Delivery.IMMEDIATE,
        )
    )
    register_kind(
        NotificationKind(
            key=STATUS_UPDATE,
            label="Status updates",
            title="New status update: %(title)s",
            default_delivery=Delivery.DIGEST,
        )
    )
    yield
    unregister_kind(VOTE_NEEDED)
    unregister_kind(STATUS_UPDATE)
