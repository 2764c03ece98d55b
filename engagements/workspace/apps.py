from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "engagements.workspace"
    label = "workspace"
    verbose_name = "Shared engagement workspace"
