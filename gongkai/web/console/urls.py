"""The console's URLs, under /console/."""

from django.urls import path

from .views import compare, exports, findings, imports, indicators, matrix, overview, region, reports, tree

app_name = "console"

urlpatterns = [
    path("", overview.overview, name="home"),
    path("tree/", tree.tree_page, name="tree"),
    path("tree/agencies.xlsx", tree.tree_export, name="tree_export"),
    path("tree/new/", tree.agency_edit, name="agency_new"),
    path("tree/<int:pk>/", tree.agency_edit, name="agency_edit"),
    path("imports/", imports.batch_list, name="batches"),
    path("imports/<int:pk>/", imports.batch_detail, name="batch"),
    path("imports/<int:pk>/progress.json", imports.batch_progress, name="batch_progress"),
    path("imports/<int:pk>/resume/", imports.batch_resume, name="batch_resume"),
    path("imports/<int:pk>/items/<int:item>/", imports.item_decide, name="item_decide"),
    path("matrix/", matrix.matrix_page, name="matrix"),
    path("reports/<int:pk>/", reports.report_detail, name="report"),
    path("reports/<int:pk>/correct/", reports.report_correct, name="report_correct"),
    path("reports/<int:pk>/original/", reports.report_original, name="report_original"),
    path("reports/<int:pk>/compare/", compare.compare, name="compare"),
    path("reports/<int:pk>/rectification.<str:fmt>", compare.rectification_file, name="rectification"),
    path("findings/", findings.findings_page, name="findings"),
    path("findings/<int:pk>/status/", reports.finding_status, name="finding_status"),
    path("rankings/", indicators.rankings_page, name="rankings"),
    path("trends/", indicators.trends_page, name="trends"),
    path("region/", region.region_page, name="region"),
    path("region/download/<str:fmt>/", region.region_download, name="region_download"),
    path("exports/", exports.exports_page, name="exports"),
    path("exports/reports.zip", exports.collection, name="collection"),
    path("exports/<str:what>.<str:fmt>", exports.export, name="export"),
]
