"""Networks across municipal borders: forums (networks, threads, posts), following
and notifications, moderation, the practice bank and the opt-in member directory.

Who may read a network is computed, never stored: a district network's members are
the people whose organisation lies in that district *now*, an offering network's are
its confirmed participants and responsible staff *now* (see
``network.selectors.networks_visible``). So membership is always in sync when someone
changes municipality or an enrolment changes, with nothing to keep up to date.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class NetworkKind(models.TextChoices):
    THEME = "tema", _("Theme network")
    POLICE_DISTRICT = "politikreds", _("District network")
    OFFERING = "hold", _("Offering network")


class Network(models.Model):
    """A forum: national per theme (open to everyone logged in), one per politikreds
    or one per offering (private to their members)."""

    kind = models.CharField(_("kind"), max_length=12, choices=NetworkKind.choices)
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    description = models.TextField(_("description"), max_length=1000, blank=True)
    politikreds = models.OneToOneField(
        "accounts.Politikreds",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="network",
        verbose_name=_("police district"),
    )
    offering = models.OneToOneField(
        "courses.Offering",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="network",
        verbose_name=_("offering"),
    )
    is_closed = models.BooleanField(
        _("closed"), default=False, help_text=_("A closed network can be read only.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "order", "name"]
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        constraints = [
            models.CheckConstraint(
                name="network_kind_matches_links",
                condition=(
                    Q(kind="tema", politikreds__isnull=True, offering__isnull=True)
                    | Q(
                        kind="politikreds",
                        politikreds__isnull=False,
                        offering__isnull=True,
                    )
                    | Q(kind="hold", politikreds__isnull=True, offering__isnull=False)
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Thread(models.Model):
    """A discussion in a network. The first post is the question or opening."""

    network = models.ForeignKey(
        Network,
        on_delete=models.CASCADE,
        related_name="threads",
        verbose_name=_("network"),
    )
    title = models.CharField(_("title"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_threads",
        verbose_name=_("started by"),
    )
    is_locked = models.BooleanField(_("locked"), default=False)
    accepted_post = models.OneToOneField(
        "network.Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_in",
        verbose_name=_("accepted answer"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_activity_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-last_activity_at"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [models.Index(fields=["network", "-last_activity_at"])]

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    """One post in a thread, written in Markdown. ``body_html`` is the sanitised
    rendering, stored so pages do not re-render 200 posts on every view."""

    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, related_name="posts", verbose_name=_("thread")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="network_posts",
        verbose_name=_("author"),
    )
    body = models.TextField(_("text"), max_length=10000)
    body_html = models.TextField(editable=False)
    quoted_post = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quoted_by",
        verbose_name=_("quotes"),
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")

    def __str__(self) -> str:
        return f"{self.thread} #{self.pk}"


class PostRevision(models.Model):
    """An earlier version of a post, kept when it is edited."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("post")
    )
    body = models.TextField(_("text"))
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("edited by"),
    )
    created_at = models.DateTimeField(_("replaced at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")

    def __str__(self) -> str:
        return f"{self.post_id} · {self.created_at:%Y-%m-%d %H:%M}"


class PostUseful(models.Model):
    """A member marked a post as useful."""

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="useful_marks"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("useful mark")
        verbose_name_plural = _("useful marks")
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="one_useful_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.post_id}"


class Follow(models.Model):
    """A member follows a whole network or one thread."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    network = models.ForeignKey(
        Network, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    thread = models.ForeignKey(
        Thread, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                name="follow_network_xor_thread",
                condition=Q(network__isnull=True, thread__isnull=False)
                | Q(network__isnull=False, thread__isnull=True),
            ),
            models.UniqueConstraint(
                fields=["user", "network"],
                condition=Q(network__isnull=False),
                name="one_follow_per_network",
            ),
            models.UniqueConstraint(
                fields=["user", "thread"],
                condition=Q(thread__isnull=False),
                name="one_follow_per_thread",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.thread_id or self.network_id}"


class EmailFrequency(models.TextChoices):
    IMMEDIATE = "straks", _("Immediately")
    DAILY = "dagligt", _("Daily digest")
    WEEKLY = "ugentligt", _("Weekly digest")
    NEVER = "aldrig", _("No e-mail, only on the site")


class NotificationPreference(models.Model):
    """How a person wants e-mail about what they follow. No row means daily."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="network_preference",
    )
    email_frequency = models.CharField(
        _("e-mail about new posts"),
        max_length=10,
        choices=EmailFrequency.choices,
        default=EmailFrequency.DAILY,
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return self.get_email_frequency_display()


class NotificationKind(models.TextChoices):
    REPLY = "svar", _("New post")
    MENTION = "omtale", _("Mentioned you")
    ACCEPTED = "accepteret", _("Your answer was accepted")


class Notification(models.Model):
    """An in-site notification about a post. ``digested_at`` is set when a daily or
    weekly digest claims it, so it is sent in one digest only."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="network_notifications",
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=NotificationKind.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    digested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "post"], name="one_notification_per_post"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.post_id}"


class Report(models.Model):
    """A member flagged a post for the moderators."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return self.reason


class ModerationAction(models.TextChoices):
    HIDE = "skjul", _("Hid a post")
    RESTORE = "gendan", _("Restored a post")
    EDIT = "rediger", _("Edited a post")
    DISMISS = "afvis", _("Dismissed reports")
    LOCK = "laas", _("Locked a thread")
    UNLOCK = "aabn", _("Unlocked a thread")
    MOVE = "flyt", _("Moved a thread")
    REVIEW = "vurder", _("Reviewed an evidence level")


class ModerationLogEntry(models.Model):
    """Every moderator action, with the reason given."""

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    action = models.CharField(max_length=10, choices=ModerationAction.choices)
    thread = models.ForeignKey(
        Thread, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    post = models.ForeignKey(
        Post, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    practice_example = models.ForeignKey(
        "network.PracticeExample",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.CharField(_("reason"), max_length=500)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation log entry")
        verbose_name_plural = _("moderation log")

    def __str__(self) -> str:
        return f"{self.get_action_display()}: {self.reason}"


class EvidenceLevel(models.TextChoices):
    """How well documented a practice is, from strongest to weakest."""

    DOCUMENTED_EFFECT = "dokumenteret", _("Documented effect")
    PROMISING_PRACTICE = "lovende", _("Promising practice")
    EXPERIENCE_BASED = "erfaring", _("Experience-based")
    IDEA = "ide", _("Idea / assumption")


class PracticeExample(models.Model):
    """A praksiseksempel: what a municipality did, for whom, and how well it is
    documented. The contributor's evidence level counts as self-assessed until a
    moderator or administrator reviews it (``evidence_reviewed_at``)."""

    title = models.CharField(_("title"), max_length=200)
    kommune = models.ForeignKey(
        "accounts.Kommune",
        on_delete=models.PROTECT,
        related_name="practice_examples",
        verbose_name=_("municipality"),
    )
    target_group = models.CharField(_("target group"), max_length=200)
    problem = models.TextField(_("problem"), max_length=4000)
    what_was_done = models.TextField(_("what was done"), max_length=6000)
    prevention_level = models.ForeignKey(
        "courses.PreventionLevel",
        on_delete=models.PROTECT,
        related_name="practice_examples",
        verbose_name=_("prevention level"),
    )
    partners = models.CharField(_("partners"), max_length=300, blank=True)
    results = models.TextField(_("results"), max_length=4000, blank=True)
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    material_url = models.URLField(_("link to material"), blank=True)
    evidence_level = models.CharField(
        _("evidence level"), max_length=12, choices=EvidenceLevel.choices
    )
    evidence_reviewed_at = models.DateTimeField(null=True, blank=True)
    evidence_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    themes = models.ManyToManyField(
        Network,
        blank=True,
        related_name="practice_examples",
        limit_choices_to={"kind": NetworkKind.THEME},
        verbose_name=_("themes"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="network_practice_examples",
    )
    thread = models.OneToOneField(
        Thread,
        on_delete=models.PROTECT,
        related_name="practice_example",
        verbose_name=_("discussion"),
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("practice example")
        verbose_name_plural = _("practice examples")

    def __str__(self) -> str:
        return self.title

    @property
    def evidence_is_reviewed(self) -> bool:
        return self.evidence_reviewed_at is not None


class MemberProfile(models.Model):
    """An opt-in entry in the member directory. Nobody is listed without one with
    ``is_listed``; only the fields the person chose to show are shown."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="member_profile",
    )
    is_listed = models.BooleanField(_("show me in the member directory"), default=False)
    show_organisation = models.BooleanField(
        _("show my municipality or organisation"), default=True
    )
    show_sector = models.BooleanField(_("show my sector"), default=True)
    job_title = models.CharField(_("job"), max_length=120, blank=True)
    bio = models.TextField(_("short introduction"), max_length=600, blank=True)
    themes = models.ManyToManyField(
        Network,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": NetworkKind.THEME},
        verbose_name=_("themes I work with"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("member profile")
        verbose_name_plural = _("member profiles")

    def __str__(self) -> str:
        return str(self.user)
