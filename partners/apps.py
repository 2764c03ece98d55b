from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partner directory"

    def ready(self):
        from partners import signals

        signals.connect()
