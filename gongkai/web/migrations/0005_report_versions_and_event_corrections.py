# Approval becomes a version of the report; events are corrected by superseding events; the
# lifecycle gains the extension request and the head's refusal.

import django.db.models.deletion
import django.db.models.functions.comparison
from django.conf import settings
from django.db import migrations, models


def approvals_to_versions(apps, schema_editor):
    """Each report approved so far becomes its version 1, with the checks of what was approved."""
    from gongkai.web.services.versions import digest, findings_of

    AnnualReport = apps.get_model("office", "AnnualReport")
    ReportVersion = apps.get_model("office", "ReportVersion")
    for row in AnnualReport.objects.filter(approved_at__isnull=False, compiled__isnull=False):
        findings = findings_of(row.compiled)
        version = ReportVersion.objects.create(
            report=row, number=1, record=row.compiled, findings=findings, sha256=digest(row.compiled, findings),
            approved_by_id=row.approved_by_id,
        )
        ReportVersion.objects.filter(pk=version.pk).update(approved_at=row.approved_at)


class Migration(migrations.Migration):

    dependencies = [
        ('office', '0004_letters_and_fees'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ReportVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField(verbose_name='版本')),
                ('record', models.JSONField(verbose_name='报告数据')),
                ('findings', models.JSONField(default=list, verbose_name='检查结果')),
                ('sha256', models.CharField(max_length=64, verbose_name='校验值（SHA-256）')),
                ('approved_at', models.DateTimeField(auto_now_add=True, verbose_name='审核时间')),
                ('approved_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to=settings.AUTH_USER_MODEL, verbose_name='审核人')),
                ('report', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='versions', to='office.annualreport')),
            ],
            options={
                'verbose_name': '年度报告审核版本',
                'verbose_name_plural': '年度报告审核版本',
                'ordering': ['report', 'number'],
            },
        ),
        migrations.AddConstraint(
            model_name='reportversion',
            constraint=models.UniqueConstraint(fields=('report', 'number'), name='report_version_unique'),
        ),
        migrations.RunPython(approvals_to_versions, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name='annualreport',
            name='approved_at',
        ),
        migrations.RemoveField(
            model_name='annualreport',
            name='approved_by',
        ),
        migrations.RemoveField(
            model_name='annualreport',
            name='compiled',
        ),
        migrations.CreateModel(
            name='ReportChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('entry', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='office.auditentry', verbose_name='操作记录')),
                ('version', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='changes', to='office.reportversion')),
            ],
            options={
                'verbose_name': '审核后登记变动',
                'verbose_name_plural': '审核后登记变动',
                'ordering': ['entry__at', 'entry_id'],
            },
        ),
        migrations.AlterModelOptions(
            name='event',
            options={'ordering': ['on', models.OrderBy(django.db.models.functions.comparison.Coalesce('position', 'id'))], 'verbose_name': '办理事项', 'verbose_name_plural': '办理事项'},
        ),
        migrations.AddField(
            model_name='event',
            name='corrects',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='correction', to='office.event', verbose_name='更正的事项'),
        ),
        migrations.AddField(
            model_name='event',
            name='position',
            field=models.PositiveBigIntegerField(blank=True, editable=False, null=True, verbose_name='次序'),
        ),
        migrations.AddField(
            model_name='event',
            name='reason',
            field=models.TextField(blank=True, verbose_name='更正理由'),
        ),
        migrations.AlterField(
            model_name='event',
            name='kind',
            field=models.CharField(choices=[('received', '收到申请'), ('correction_requested', '告知补正'), ('corrected', '收到补正后的申请'), ('correction_lapsed', '逾期未补正'), ('consultation_started', '开始征求意见'), ('consultation_ended', '征求意见结束'), ('extension_requested', '申请延期答复'), ('extension_approved', '批准延期答复'), ('extension_refused', '不批准延期'), ('fee_notice_sent', '发出收费通知'), ('fee_paid', '缴纳费用'), ('answered', '答复'), ('archived', '归档')], max_length=30, verbose_name='事项'),
        ),
    ]
