import pytest
from django.core.management import call_command

from communications.models import Notification
from network.models import User

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_the_benchmark_delivers_everything_reports_and_cleans_up(capsys):
    call_command("notifications_benchmark", recipients=25, timeout=120)

    out = capsys.readouterr().out
    assert "write 25 notifications" in out
    assert "25 sent" in out
    assert not User.objects.filter(email__endswith="@benchmark.invalid").exists()
    assert not Notification.objects.exists()
