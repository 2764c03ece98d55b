"""Core: users, districts and who belongs to which district in what role."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.text import slugify


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

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def display_name(self):
        return self.get_full_name() or self.email


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
    state = models.CharField(max_length=2, help_text="Two-letter code, e.g. CA.")
    locale = models.CharField(max_length=10, choices=Locale.choices, blank=True)
    enrollment_band = models.CharField(max_length=20, choices=EnrollmentBand.choices, blank=True)
    # Student context, as the seed's district-context descriptions give it.
    pct_multilingual_learners = models.PositiveSmallIntegerField(null=True, blank=True)
    pct_students_with_disabilities = models.PositiveSmallIntegerField(null=True, blank=True)
    pct_economically_disadvantaged = models.PositiveSmallIntegerField(null=True, blank=True)
    pct_students_of_color = models.PositiveSmallIntegerField(null=True, blank=True)
    # The north star (managing-multiple-partners.txt): every partner works towards it.
    instructional_vision = models.TextField(blank=True)
    priorities = models.TextField(blank=True, help_text="One priority per line.")
    strategy = models.TextField(blank=True)
    is_demo = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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

    class Meta:
        ordering = ["district__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "district"], name="one_membership_per_district")
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} of {self.district}"


class Holiday(models.Model):
    """A day the district's staff do not meet: due dates computed by the app move before it.

    Seeded with the US federal holidays of the current and next school year when a district
    is created (plpg.holidays); a district adds its own (breaks, PD days) in the admin.
    """

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="holidays")
    date = models.DateField()
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["district", "date"]
        constraints = [
            models.UniqueConstraint(fields=["district", "date"], name="one_holiday_per_day")
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.name}"
