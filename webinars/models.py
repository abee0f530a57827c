"""Webinar rooms: the live interaction layer around a session's video stream.

Every room event (chat, question, vote, slide turn, hand, breakout, moderation) is a
``RoomEvent`` row with a sequence number that is unique per stream: the main room's
stream, or one breakout's stream. Clients catch up from the database by that number,
so nothing is lost when a socket drops or Redis restarts. The other models hold the
state the services check before they append an event (one vote per poll, one upvote
per question, one open hand per person, who is in which breakout, who was present).
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RoomState(models.TextChoices):
    PLANNED = "planlagt", _("Planned")
    OPEN = "aaben", _("Open for entry")
    LIVE = "live", _("Live")
    ENDED = "afsluttet", _("Ended")


class Room(models.Model):
    """The webinar room of one session, or a standalone (national) webinar with its
    own title, time and invitation list (``session`` null). ``last_seq`` is the main
    stream's counter: services increment it under the row lock, so sequence
    numbers never collide."""

    session = models.OneToOneField(
        "courses.Session",
        on_delete=models.CASCADE,
        related_name="webinar_room",
        verbose_name=_("session"),
        null=True,
        blank=True,
    )
    # Only for a standalone webinar; a session's room takes these from the session.
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=RoomState.choices, default=RoomState.OPEN
    )
    video_url = models.URLField(_("video stream"), blank=True)
    recording_url = models.URLField(_("recording"), blank=True)
    hosts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="hosted_webinar_rooms",
        verbose_name=_("hosts"),
    )
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="moderated_webinar_rooms",
        verbose_name=_("moderators"),
    )
    # Live captioners (skrivetolke): they may enter and send captions, nothing else
    # a moderator does. Named by administrators on the room's settings page.
    captioners = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="captioned_webinar_rooms",
        verbose_name=_("captioners"),
    )
    questions_need_approval = models.BooleanField(
        _("questions need approval"),
        default=False,
        help_text=_(
            "New questions are shown to the other participants only after a "
            "moderator approves them."
        ),
    )
    chat_paused = models.BooleanField(_("chat paused"), default=False)
    locked = models.BooleanField(_("locked"), default=False)
    last_seq = models.PositiveBigIntegerField(default=0, editable=False)
    # The captions' own stream counter (see ``Caption``).
    caption_last_seq = models.PositiveBigIntegerField(default=0, editable=False)
    # When a moderator took the webinar live: time zero of the captions' WebVTT.
    live_at = models.DateTimeField(null=True, blank=True)
    slides = models.FileField(_("slides (PDF)"), upload_to="webinars/", blank=True)
    slide_pages = models.PositiveIntegerField(default=0)
    slide_page = models.PositiveIntegerField(default=0)
    ended_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("webinar room")
        verbose_name_plural = _("webinar rooms")
        constraints = [
            models.CheckConstraint(
                name="webinar_room_has_session_or_own_time",
                condition=Q(session__isnull=False)
                | (
                    ~Q(title="") & Q(starts_at__isnull=False) & Q(ends_at__isnull=False)
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title_display

    @property
    def is_standalone(self) -> bool:
        return self.session_id is None

    @property
    def is_hls_stream(self) -> bool:
        """The stream link is an HLS playlist (``.m3u8``), played inside the room;
        any other link (a meeting) opens outside it."""
        return urlsplit(self.video_url).path.lower().endswith(".m3u8")

    @property
    def title_display(self) -> str:
        """The module and session title, or the standalone webinar's title."""
        session = self.session
        if session is None:
            return self.title
        title = session.offering.module.title
        return f"{title} · {session.title}" if session.title else title

    @property
    def starts(self):
        return self.session.starts_at if self.session else self.starts_at

    @property
    def ends(self):
        return self.session.ends_at if self.session else self.ends_at


class BreakoutSplit(models.TextChoices):
    """How moderators split the participants into breakout groups."""

    RANDOM = "random", _("At random")
    POLICE_DISTRICT = "politikreds", _("By police district")
    MUNICIPALITY = "kommune", _("By municipality")
    SECTOR = "sector", _("By sector")


class WebinarInvitation(models.Model):
    """A person invited to a standalone webinar by an administrator: who may enter
    besides the hosts, moderators and administrators."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="webinar_invitations",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["room", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "user"], name="webinar_one_invitation_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.room_id} · {self.user_id}"


class Breakout(models.Model):
    """A breakout group of a room with its own chat stream (``last_seq``)."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="breakouts")
    number = models.PositiveSmallIntegerField()
    # What the group's members share when split by district, municipality or sector.
    label = models.CharField(max_length=150, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="webinar_breakouts", blank=True
    )
    last_seq = models.PositiveBigIntegerField(default=0, editable=False)
    opened_at = models.DateTimeField(auto_now_add=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["room", "number"]

    def __str__(self) -> str:
        return f"{self.room_id} · {self.number}"


class Audience(models.TextChoices):
    ALL = "all", _("Everyone in the stream")
    MODERATORS = "moderators", _("Moderators and the author")


class RoomEvent(models.Model):
    """One stored event. ``breakout`` is null for the main stream; ``seq`` is unique
    within the stream. An event for ``Audience.MODERATORS`` (a question awaiting
    approval) reaches only moderators and its actor; the others get a placeholder
    with the same number, so their streams have no gaps. ``moderator_data`` is
    added to the data for moderators only (the author of an anonymous question).
    """

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="events")
    breakout = models.ForeignKey(
        Breakout, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    seq = models.PositiveBigIntegerField()
    kind = models.CharField(max_length=40)
    payload = models.JSONField(default=dict)
    audience = models.CharField(
        max_length=10, choices=Audience.choices, default=Audience.ALL
    )
    moderator_data = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "seq"],
                condition=Q(breakout__isnull=True),
                name="webinar_event_seq_unique_in_room",
            ),
            models.UniqueConstraint(
                fields=["breakout", "seq"],
                condition=Q(breakout__isnull=False),
                name="webinar_event_seq_unique_in_breakout",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.room_id} · {self.seq} · {self.kind}"


class Question(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        HIDDEN = "hidden", _("Hidden")

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    text = models.CharField(max_length=500)
    anonymous = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default="open")
    answer = models.CharField(max_length=1000, blank=True)
    upvotes = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.text[:50]


class QuestionUpvote(models.Model):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="upvote_rows"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["question", "user"], name="webinar_one_upvote_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id} · {self.user_id}"


class Poll(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="polls")
    question = models.CharField(max_length=300)
    options = models.JSONField(default=list)
    state = models.CharField(max_length=10, choices=State.choices, default="open")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.question


class PollVote(models.Model):
    poll = models.ForeignKey(Poll, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    option = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["poll", "user"], name="webinar_one_vote_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.poll_id} · {self.user_id}"


class Hand(models.Model):
    """A raised hand; at most one open (not lowered) per person and room."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="hands")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    lowered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "user"],
                condition=Q(lowered_at__isnull=True),
                name="webinar_one_open_hand_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.room_id} · {self.user_id}"


class Presence(models.Model):
    """One socket's stay in the room: joined, left (null while connected)."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="presences")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    joined_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at"]
        indexes = [models.Index(fields=["room", "user"])]

    def __str__(self) -> str:
        return f"{self.room_id} · {self.user_id}"


class Removal(models.Model):
    """A participant removed from the room by a moderator: they cannot come back."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="removals")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["room", "user"], name="webinar_one_removal_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.room_id} · {self.user_id}"


class Caption(models.Model):
    """One live caption line written by the room's captioner (WCAG 2.1 SC 1.2.4).

    Captions are a stream of their own, numbered from ``Room.caption_last_seq``:
    they reach every socket of the room live, a client catches up on them by
    number like on the room stream, but a newcomer does not receive the history,
    and the room stream's catch-up is not swelled by hundreds of lines. After the
    webinar they are the WebVTT file. No author is stored: the room names its
    captioners, and the words are the speakers'."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="captions")
    seq = models.PositiveBigIntegerField()
    text = models.CharField(max_length=500)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["room", "seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["room", "seq"], name="webinar_caption_seq_unique_in_room"
            )
        ]

    def __str__(self) -> str:
        return f"{self.room_id} · {self.seq}"
