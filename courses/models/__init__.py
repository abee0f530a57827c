from .calendar import CalendarFeed
from .certificates import Certificate, CertificateKind, CertificateSettings
from .learning import (
    AttendanceSource,
    LessonCompletion,
    ModuleCompletion,
    QuizAttempt,
    ReflectionAnswer,
    SessionAttendance,
)
from .offerings import (
    Enrolment,
    EnrolmentStatus,
    Offering,
    OfferingFormat,
    OfferingStatus,
    Session,
)
from .pages import CourseIndexPage, LessonPage, ModuleKind, ModulePage, PreventionLevel

__all__ = [
    "AttendanceSource",
    "CalendarFeed",
    "Certificate",
    "CertificateKind",
    "CertificateSettings",
    "CourseIndexPage",
    "Enrolment",
    "EnrolmentStatus",
    "LessonCompletion",
    "LessonPage",
    "ModuleCompletion",
    "ModuleKind",
    "ModulePage",
    "Offering",
    "OfferingFormat",
    "OfferingStatus",
    "PreventionLevel",
    "QuizAttempt",
    "ReflectionAnswer",
    "Session",
    "SessionAttendance",
]
