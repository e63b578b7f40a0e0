from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_noop

#: Django's placeholder of an empty drop-down (``BLANK_CHOICE_LABEL``) is newer than its
#: Finnish and Swedish catalogs: named here so that our catalogs translate it.
BLANK_CHOICE_LABEL = gettext_noop("- Select an option -")


class FormRenderer(TemplatesSetting):
    """Render every form with the portal's own field and form templates."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"
