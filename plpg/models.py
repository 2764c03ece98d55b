"""Core: users, districts and who belongs to which district in what role."""

import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F
from django.dispatch import Signal
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.text import slugify

from plpg.history import district_history

# Sent after a user's password changed (set_password + save): by the person, a reset, or
# an operator. Receivers rotate what the old password protected (e.g. the calendar feed).
password_changed = Signal()


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person; signs in with their email address."""

    username = None
    email = models.EmailField("email address", unique=True)
    # Bumped to end every session of this user at its next request (see end_sessions).
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        changed_password = self._password is not None and self.pk is not None
        super().save(*args, **kwargs)
        if changed_password:
            password_changed.send(sender=type(self), user=self)

    def _get_session_auth_hash(self, secret=None):
        """Django checks this hash on every request: a session whose hash no longer
        matches is ended. It covers the password (Django's rule: a password change ends
        the other sessions) and the session epoch (removal from a district)."""
        if not self.session_epoch:
            return super()._get_session_auth_hash(secret=secret)
        key_salt = "plpg.User.session_auth_hash"
        value = f"{self.password}:{self.session_epoch}"
        return salted_hmac(key_salt, value, secret=secret, algorithm="sha256").hexdigest()

    def end_sessions(self):
        """End every open session of this user at its next request."""
        User.objects.filter(pk=self.pk).update(session_epoch=F("session_epoch") + 1)
        self.refresh_from_db(fields=["session_epoch"])

    @property
    def display_name(self):
        return self.get_full_name() or self.email


def validate_state(value):
    from plpg.states import US_STATES

    if value not in US_STATES:
        raise ValidationError("Enter a US state's two-letter code, e.g. CA.")


PERCENT = [MaxValueValidator(100, "Enter a percentage from 0 to 100.")]


class District(models.Model):
    class Locale(models.TextChoices):
        URBAN = "urban", "Urban"
        SUBURBAN = "suburban", "Suburban"
        TOWN = "town", "Town"
        RURAL = "rural", "Rural"

    class EnrollmentBand(models.TextChoices):
        UNDER_2500 = "under-2500", "Fewer than 2,500 students"
        FROM_2500 = "2500-10000", "2,500–10,000 students"
        FROM_10000 = "10000-50000", "10,001–50,000 students"
        FROM_50000 = "50000-100000", "50,001–100,000 students"
        OVER_100000 = "over-100000", "More than 100,000 students"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    state = models.CharField(
        max_length=2, validators=[validate_state], help_text="Two-letter code, e.g. CA."
    )
    locale = models.CharField(max_length=10, choices=Locale.choices, blank=True)
    enrollment_band = models.CharField(max_length=20, choices=EnrollmentBand.choices, blank=True)
    # Student context, as the seed's district-context descriptions give it.
    pct_multilingual_learners = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=PERCENT
    )
    pct_students_with_disabilities = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=PERCENT
    )
    pct_economically_disadvantaged = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=PERCENT
    )
    pct_students_of_color = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=PERCENT
    )
    # The north star (managing-multiple-partners.txt): every partner works towards it.
    instructional_vision = models.TextField(blank=True)
    priorities = models.TextField(blank=True, help_text="One priority per line.")
    strategy = models.TextField(blank=True)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = district_history()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:200]
        super().save(*args, **kwargs)

    @property
    def priority_list(self) -> list[str]:
        return [line.strip() for line in self.priorities.splitlines() if line.strip()]


class Membership(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", "District lead"
        INTERVIEWER = "interviewer", "Interview panelist"
        MANAGER = "manager", "PL manager"
        VIEWER = "viewer", "Viewer"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    history = district_history()

    class Meta:
        ordering = ["district__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "district"], name="one_membership_per_district")
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} of {self.district}"


INVITATION_VALID_DAYS = 7


def _token_hash(token: str) -> str:
    import hashlib

    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def open(self):
        """Neither accepted nor revoked (possibly expired)."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)

    def pending(self):
        return self.open().filter(expires_at__gt=timezone.now())

    def for_token(self, token: str):
        """The invitation a link's token names, or None (also for a malformed token)."""
        if not token or len(token) > 100:
            return None
        return self.filter(token_hash=_token_hash(token)).first()


class Invitation(models.Model):
    """An invitation by email: one-time link, valid INVITATION_VALID_DAYS days.

    An invitation is to a district in a role (``district`` and ``role``), or — with no
    district and no role — to a target another app owns (a partner organisation's staff:
    ``partners.PartnerInvitation``), with the same link, expiry and accept flow
    (plpg.invitation_targets).
    Only a hash of the token is stored; the link in the email is the only copy.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", "Accepted"
        REVOKED = "revoked", "Revoked"
        EXPIRED = "expired", "Expired"

    email = models.EmailField()
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, related_name="invitations", null=True, blank=True
    )
    role = models.CharField(max_length=20, choices=Membership.Role.choices)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()
    # Who was invited, when, resent, revoked or accepted (the token's hash stays out).
    history = district_history(excluded_fields=["token_hash"])

    class Meta:
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "email"],
                condition=models.Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="one_open_invitation_per_district_and_email",
            )
        ]

    def __str__(self):
        if self.district_id is None:
            return f"Invitation of {self.email}"
        return f"Invitation of {self.email} to {self.district} as {self.get_role_display()}"

    def new_token(self) -> str:
        """A fresh link token (the old link stops working); starts a new validity period."""
        token = secrets.token_urlsafe(32)
        self.token_hash = _token_hash(token)
        self.sent_at = timezone.now()
        self.expires_at = self.sent_at + timezone.timedelta(days=INVITATION_VALID_DAYS)
        return token

    @property
    def status(self) -> str:
        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING


class AdminViewLog(models.Model):
    """Who opened which admin page of what panelists wrote (scorecards, ratings), when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    model = models.CharField(max_length=100)
    object_id = models.CharField(max_length=64, blank=True)
    path = models.CharField(max_length=500)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.user} viewed {self.model} {self.object_id} at {self.at:%Y-%m-%d %H:%M}"


class Holiday(models.Model):
    """A day the district's staff do not meet: due dates computed by the app move before it.

    Seeded with the US federal holidays of the current and next school year when a district
    is created (plpg.holidays); a district adds its own (breaks, PD days) in the admin.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="holidays")
    date = models.DateField()
    name = models.CharField(max_length=200)

    history = district_history()

    class Meta:
        ordering = ["district", "date"]
        constraints = [
            models.UniqueConstraint(fields=["district", "date"], name="one_holiday_per_day")
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"
