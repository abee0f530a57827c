"""Who owns personal data, and what happens to it on export and erasure.

Every model with a relation to the user model is declared here with what an erasure
does to its rows and whether they belong in a person's data export. A test enumerates
the models and fails when one is missing or stale, so no new model that stores
something about a person is forgotten. Add your model here in the same change.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.db import models, transaction
from django.db.models import Q


class Erasure(StrEnum):
    DELETE = "delete"  # the rows go with the person
    DETACH = "detach"  # the rows stay; the link to the person is set to NULL
    CLEAR = "clear"  # many-to-many: the person is removed from the relation
    KEEP = "keep"  # kept as they are; ``reason`` says why


@dataclass(frozen=True)
class PersonalData:
    """What erasure and export do with a model's rows.

    ``owner`` names the field that says whose row it is, for models that point at
    people in more than one role (a nomination names the nominee and the contact
    person who nominated them). ``DELETE`` removes only the rows the erased person
    owns; where they appear in any other role (author, actor, moderator) the link
    is set to NULL and the row stays, because it belongs to someone else. With one
    user field, that field is the owner.
    """

    erasure: Erasure
    export: bool
    reason: str
    owner: str | None = None


REGISTRY: dict[str, PersonalData] = {
    # Accounts and login
    "account.EmailAddress": PersonalData(Erasure.DELETE, True, "login address"),
    "mfa.Authenticator": PersonalData(Erasure.DELETE, False, "secret; never exported"),
    "socialaccount.SocialAccount": PersonalData(
        Erasure.DELETE, True, "NemLog-in identity link"
    ),
    "wagtailusers.UserProfile": PersonalData(Erasure.DELETE, True, "admin settings"),
    "wagtailcore.APIToken": PersonalData(Erasure.DELETE, False, "secret"),
    "wagtailadmin.EditingSession": PersonalData(Erasure.DELETE, False, "transient"),
    "wagtailadmin.FormState": PersonalData(Erasure.DELETE, False, "transient"),
    "wagtailcore.PageSubscription": PersonalData(Erasure.DELETE, True, "notifications"),
    "accounts.RoleChange": PersonalData(Erasure.DETACH, False, "audit trail of roles"),
    # Editorial work: the content stays, the author link goes.
    "wagtailcore.Page": PersonalData(Erasure.DETACH, False, "published content stays"),
    "wagtailcore.Revision": PersonalData(Erasure.DETACH, False, "content history"),
    "wagtailcore.PageLogEntry": PersonalData(Erasure.DETACH, False, "audit trail"),
    "wagtailcore.ModelLogEntry": PersonalData(Erasure.DETACH, False, "audit trail"),
    "wagtailcore.WorkflowState": PersonalData(
        Erasure.DETACH, False, "content workflow"
    ),
    "wagtailcore.TaskState": PersonalData(Erasure.DETACH, False, "content workflow"),
    "wagtailcore.Comment": PersonalData(
        Erasure.DELETE, True, "editor comments", owner="user"
    ),
    "wagtailcore.CommentReply": PersonalData(Erasure.DELETE, True, "editor comments"),
    "wagtailcore.UploadedFile": PersonalData(Erasure.DELETE, False, "temporary upload"),
    "wagtailimages.Image": PersonalData(Erasure.DETACH, False, "shared material"),
    "wagtaildocs.Document": PersonalData(Erasure.DETACH, False, "shared material"),
    # The record that an erasure happened stays; it names the person by a label.
    "core.ErasureRequest": PersonalData(Erasure.KEEP, False, "erasure record"),
    # E-mail
    "core.ScheduledEmail": PersonalData(Erasure.DELETE, True, "e-mails to the person"),
    # Courses
    "courses.Offering": PersonalData(Erasure.CLEAR, False, "responsible staff"),
    "courses.Enrolment": PersonalData(Erasure.DELETE, True, "participation"),
    "courses.LessonCompletion": PersonalData(Erasure.DELETE, True, "progress"),
    "courses.ReflectionAnswer": PersonalData(Erasure.DELETE, True, "own reflections"),
    "courses.QuizAttempt": PersonalData(Erasure.DELETE, True, "quiz answers"),
    "courses.SessionAttendance": PersonalData(
        Erasure.DELETE, True, "attendance", owner="user"
    ),
    "courses.ModuleCompletion": PersonalData(Erasure.DELETE, True, "completion"),
    "courses.Certificate": PersonalData(Erasure.DELETE, True, "certificates"),
    "courses.CalendarFeed": PersonalData(Erasure.DELETE, False, "secret token"),
    # The nominee's; the contact person who nominated them is only detached.
    "courses.Nomination": PersonalData(
        Erasure.DELETE, True, "nominations", owner="user"
    ),
    "courses.DialogueMessage": PersonalData(
        Erasure.DETACH, True, "the organisation's thread stays"
    ),
    "courses.DialogueReadMark": PersonalData(Erasure.DELETE, False, "read markers"),
    "courses.EnrolmentEvent": PersonalData(Erasure.DETACH, False, "audit trail"),
    # Networks: what someone wrote for others stays (detached); what is about them
    # alone goes.
    "network.Thread": PersonalData(Erasure.DETACH, True, "shared discussion"),
    "network.Post": PersonalData(Erasure.DETACH, True, "shared discussion"),
    "network.PostRevision": PersonalData(Erasure.DETACH, False, "post history"),
    "network.PostUseful": PersonalData(Erasure.DELETE, True, "own marks"),
    "network.Follow": PersonalData(Erasure.DELETE, True, "own follows"),
    "network.NotificationPreference": PersonalData(Erasure.DELETE, True, "settings"),
    "network.Notification": PersonalData(Erasure.DELETE, False, "transient"),
    "network.Report": PersonalData(Erasure.DETACH, False, "moderation case"),
    "network.ModerationLogEntry": PersonalData(Erasure.DETACH, False, "audit trail"),
    "network.PracticeExample": PersonalData(
        Erasure.DETACH, True, "shared practice; contact and author detached"
    ),
    "network.MemberProfile": PersonalData(Erasure.DELETE, True, "directory entry"),
    # Webinars
    "webinars.Room": PersonalData(
        Erasure.CLEAR, False, "hosts, moderators and captioners"
    ),
    "webinars.Breakout": PersonalData(Erasure.CLEAR, False, "breakout members"),
    "webinars.RoomEvent": PersonalData(Erasure.DELETE, True, "own chat and actions"),
    "webinars.Question": PersonalData(Erasure.DELETE, True, "own questions"),
    "webinars.QuestionUpvote": PersonalData(Erasure.DELETE, False, "upvotes"),
    "webinars.PollVote": PersonalData(Erasure.DELETE, True, "poll answers"),
    "webinars.Hand": PersonalData(Erasure.DELETE, False, "raised hands"),
    "webinars.Presence": PersonalData(Erasure.DELETE, True, "webinar attendance"),
    "webinars.Removal": PersonalData(Erasure.DELETE, False, "moderation"),
    "webinars.WebinarInvitation": PersonalData(
        Erasure.DELETE, True, "invitations to national webinars"
    ),
    # Evaluations: the invitation goes; a named response stays without the link.
    "evaluations.Invitation": PersonalData(
        Erasure.DELETE, True, "evaluation invitations"
    ),
}


def user_relations() -> dict[str, list[models.Field]]:
    """Every model (by label) with the fields it declares itself that point at the
    user model: foreign keys, one-to-ones and many-to-manys."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    found: dict[str, list[models.Field]] = {}
    for model in apps.get_models():
        if model is user_model:
            continue
        fields = [
            field
            for field in [*model._meta.fields, *model._meta.many_to_many]
            if field.is_relation
            and field.related_model is user_model
            and field.model is model
        ]
        if fields:
            found[model._meta.label] = fields
    return found


def owner_field(label: str) -> str | None:
    """The field that says whose a ``DELETE`` model's row is (see PersonalData)."""
    rule = REGISTRY[label]
    if rule.erasure is not Erasure.DELETE:
        return None
    if rule.owner is not None:
        return rule.owner
    fields = user_relations()[label]
    if len(fields) != 1:
        raise ValueError(f"{label} points at people twice: declare its owner field")
    return fields[0].name


def personal_data_export(*, user) -> dict[str, list[dict]]:
    """The person's data as plain Python: their account and every declared row that
    points at them and is marked for export. Read-only."""
    exported = {
        "accounts.User": serializers.serialize(
            "python",
            [user],
            fields=[
                "email",
                "first_name",
                "last_name",
                "organisation",
                "sector",
                "date_joined",
                "last_login",
            ],
        )
    }
    for label, fields in user_relations().items():
        if not REGISTRY[label].export:
            continue
        model = apps.get_model(label)
        condition = Q()
        for field in fields:
            condition |= Q(**{field.name: user})
        exported[label] = serializers.serialize(
            "python", model.objects.filter(condition).distinct()
        )
    return exported


@transaction.atomic
def personal_data_erase(*, user) -> None:
    """Erase a person: apply each model's declared erasure, then anonymise the
    account row itself (kept, inactive, so foreign keys that must survive still
    resolve). Only rows the person owns are deleted; where they appear in another
    role the link is set to NULL and the row, which is someone else's, stays.
    Idempotent. Callers that must archive first export before calling."""
    for label, fields in user_relations().items():
        rule = REGISTRY[label]
        model = apps.get_model(label)
        owner = owner_field(label)
        for field in fields:
            if field.name == owner:
                model.objects.filter(**{field.name: user}).delete()
            elif rule.erasure in (Erasure.DELETE, Erasure.DETACH) and field.null:
                model.objects.filter(**{field.name: user}).update(**{field.name: None})
            elif rule.erasure is Erasure.CLEAR and isinstance(
                field, models.ManyToManyField
            ):
                getattr(model, field.name).through.objects.filter(
                    **{f"{field.m2m_reverse_field_name()}": user}
                ).delete()
    user.groups.clear()
    user.user_permissions.clear()
    user.first_name = "Slettet"
    user.last_name = "bruger"
    user.email = f"slettet-{user.pk}@bruger.invalid"
    user.organisation = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
