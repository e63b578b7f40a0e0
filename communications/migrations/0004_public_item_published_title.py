from django.db import migrations, models


def remember_published_titles(apps, schema_editor):
    # Items on the site, or taken off it, were last published with the title they have
    # now, except one changed after withdrawal; that change cannot be told apart here.
    PublicItem = apps.get_model("communications", "PublicItem")
    PublicItem.objects.filter(state__in=["published", "unpublished"]).update(
        published_title=models.F("title")
    )


class Migration(migrations.Migration):

    dependencies = [
        ("communications", "0003_dates_in_range_titles_on_one_line"),
    ]

    operations = [
        migrations.AddField(
            model_name="publicitem",
            name="published_title",
            field=models.CharField(blank=True, editable=False, max_length=250),
        ),
        migrations.RunPython(remember_published_titles, migrations.RunPython.noop),
    ]
