from .calendar import CalendarFeed
from .certificates import (
    Certificate,
    CertificateKind,
    CertificateSettings,
    SelfPacedRule,
)
from .dialogue import (
    DialogueMessage,
    DialogueReadMark,
    EnrolmentEvent,
    EnrolmentEventKind,
    Invitation,
    Nomination,
    NominationStatus,
)
from .learning import (
    AttendanceSource,
    LessonCompletion,
    ModuleCompletion,
    QuizAttempt,
    ReflectionAnswer,
    SessionAttendance,
)
from .offerings import (
    SEAT_HOLDING_STATUSES,
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
    "SelfPacedRule",
    "CourseIndexPage",
    "DialogueMessage",
    "DialogueReadMark",
    "Enrolment",
    "EnrolmentEvent",
    "EnrolmentEventKind",
    "EnrolmentStatus",
    "Invitation",
    "LessonCompletion",
    "LessonPage",
    "ModuleCompletion",
    "ModuleKind",
    "ModulePage",
    "Nomination",
    "NominationStatus",
    "Offering",
    "OfferingFormat",
    "OfferingStatus",
    "PreventionLevel",
    "QuizAttempt",
    "ReflectionAnswer",
    "SEAT_HOLDING_STATUSES",
    "Session",
    "SessionAttendance",
]
