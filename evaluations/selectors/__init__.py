"""Reads for evaluations, one module per area; the names are re-exported here."""

from evaluations.selectors.answering import invitation_from_token
from evaluations.selectors.reports import (
    COMPLEMENT,
    MIN_GROUP,
    SMALL,
    Breakdown,
    BreakdownRow,
    Cell,
    OptionCount,
    QuestionReport,
    Report,
    ReportFilters,
    report_build,
    report_filter_choices,
    report_offering_label,
    survey_versions_for_reports,
)

__all__ = [
    "COMPLEMENT",
    "MIN_GROUP",
    "SMALL",
    "Breakdown",
    "BreakdownRow",
    "Cell",
    "OptionCount",
    "QuestionReport",
    "Report",
    "ReportFilters",
    "invitation_from_token",
    "report_build",
    "report_filter_choices",
    "report_offering_label",
    "survey_versions_for_reports",
]
