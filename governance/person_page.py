"""Governance's section of a person's page: their seats, current and past."""

from django.utils.translation import gettext as _

from governance import selectors
from network.person_page import Section, register_person_section


@register_person_section
def seats_section(request, person) -> Section:
    seats = list(selectors.person_seats(user=person))
    return Section(
        title=_("Seats in the network's bodies"),
        template="governance/person_seats.html",
        context={
            "current": [s for s in seats if s.is_active or s.end_date is None],
            "past": [s for s in seats if not (s.is_active or s.end_date is None)],
            "person": person,
        },
        order=10,
    )
