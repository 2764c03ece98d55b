from django.apps import AppConfig


class ImpactConfig(AppConfig):
    name = "engagements.impact"
    label = "impact"
    verbose_name = "Evidence of impact (spend, outcome terms, feedback, year-end review)"
