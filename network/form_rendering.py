from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Render every form with the portal's own field and form templates."""

    form_template_name = "components/form.html"
    field_template_name = "components/field.html"
