"""The reform's shared vocabulary: the strategy's cornerstones and the preparation
workstreams. Governance tags positions with them; preparation reports readiness by them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Cornerstone(models.TextChoices):
    SITUATIONAL_AWARENESS = "awareness", _("Situational awareness")
    JOINT_PREPARATION = "joint", _("Joint preparation")
    INFLUENCE = "influence", _("Influence")


class Workstream(models.TextChoices):
    ORGANISATION = "organisation", _("Organisation")
    FINANCE = "finance", _("Finance")
    PERSONNEL = "personnel", _("Personnel")
    ICT = "ict", _("ICT")
    SERVICE_LEVEL = "service_level", _("Service level")
    PREMISES = "premises", _("Premises")
    EMERGENCY_CARE = "emergency_care", _("Emergency medical services")
    PREPAREDNESS = "preparedness", _("Preparedness")
