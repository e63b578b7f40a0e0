from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

register = template.Library()


@register.simple_tag
def follow_url(about) -> str:
    content_type = ContentType.objects.get_for_model(about)
    return reverse(
        "notifications:follow",
        kwargs={"content_type_id": content_type.pk, "object_id": str(about.pk)},
    )
