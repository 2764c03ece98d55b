from django.apps import AppConfig


class PlpgConfig(AppConfig):
    name = "plpg"
    verbose_name = "PLPG core"
