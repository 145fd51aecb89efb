from django.db import migrations, models
from django.utils import timezone


class Migration(migrations.Migration):
    """Agencies as a tree a supervisor oversees: each one's kind and region code."""

    dependencies = [("office", "0006_request_numbers_form_tokens_export_permission")]

    operations = [
        migrations.AddField(
            model_name="agency", name="kind",
            field=models.CharField(blank=True, max_length=20, verbose_name="机关类型", choices=[
                ("province", "省级人民政府"), ("city", "市级人民政府"), ("county", "县级人民政府"),
                ("township", "乡镇人民政府、街道办事处"), ("department", "政府部门")]),
        ),
        migrations.AddField(
            model_name="agency", name="region_code",
            field=models.CharField(blank=True, max_length=12, verbose_name="行政区划代码"),
        ),
        migrations.AddField(
            model_name="agency", name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="更新时间", default=timezone.now),
            preserve_default=False,
        ),
    ]
