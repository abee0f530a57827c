"""Reads for learning: the learner's state on a lesson page, the "Mine forløb"
dashboard, the check-in list of a session and the completion overviews.

Every selector runs a fixed number of queries, whatever the number of enrolments,
lessons or participants. Reflection answers and quiz attempts are only ever read for
the learner who owns them. One module per page; callers import from here.
"""

from courses.selectors.learning.checkin import session_checkin_list
from courses.selectors.learning.completion import (
    CompletionRow,
    ModuleOverview,
    PersonProgress,
    completion_filter_options,
    completion_overview_national,
    completion_overview_organisation,
)
from courses.selectors.learning.dashboard import (
    Dashboard,
    DashboardOffering,
    ModuleProgress,
    dashboard_get,
)
from courses.selectors.learning.lessons import (
    QuizGrade,
    lesson_block_get,
    lesson_learning_context,
    quiz_grade,
)

__all__ = [
    "CompletionRow",
    "Dashboard",
    "DashboardOffering",
    "ModuleOverview",
    "ModuleProgress",
    "PersonProgress",
    "QuizGrade",
    "completion_filter_options",
    "completion_overview_national",
    "completion_overview_organisation",
    "dashboard_get",
    "lesson_block_get",
    "lesson_learning_context",
    "quiz_grade",
    "session_checkin_list",
]
