import gongkai.web.models
from django.db import migrations, models


def one_current_per_year(apps, schema_editor):
    """Reports imported twice for one agency-year: the latest stays current, earlier ones are kept."""
    PublishedReport = apps.get_model("office", "PublishedReport")
    seen = set()
    for row in PublishedReport.objects.order_by("agency_id", "year", "-imported_at", "-id"):
        key = (row.agency_id, row.year)
        if key in seen:
            row.current = False
            row.save(update_fields=["current"])
        seen.add(key)


class Migration(migrations.Migration):
    """Published reports as the supervisor's console keeps them: original, date, counts, indicator figures."""

    dependencies = [("office", "0007_agency_tree")]

    operations = [
        migrations.AddField("publishedreport", "original", models.FileField(
            blank=True, max_length=200, upload_to=gongkai.web.models._original_to, verbose_name="原始文件")),
        migrations.AddField("publishedreport", "sha256", models.CharField(
            blank=True, db_index=True, max_length=64, verbose_name="文件摘要")),
        migrations.AddField("publishedreport", "published", models.DateField(blank=True, null=True, verbose_name="发布日期")),
        migrations.AddField("publishedreport", "current", models.BooleanField(default=True, verbose_name="现用")),
        migrations.AddField("publishedreport", "errors", models.PositiveIntegerField(default=0, verbose_name="错误数")),
        migrations.AddField("publishedreport", "warnings", models.PositiveIntegerField(default=0, verbose_name="警告数")),
        migrations.AddField("publishedreport", "basis", models.JSONField(blank=True, default=dict, verbose_name="指标基础数据")),
        migrations.AddField("publishedreport", "lines", models.JSONField(blank=True, default=dict, verbose_name="表格行位置")),
        migrations.RunPython(one_current_per_year, migrations.RunPython.noop),
        migrations.AddConstraint("publishedreport", models.UniqueConstraint(
            condition=models.Q(current=True), fields=("agency", "year"), name="published_report_current")),
    ]
