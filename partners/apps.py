from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Partner directory"

    def ready(self):
        # Partner staff invitations use the core's invitations (the core never imports us).
        from partners.team import invitation_target
        from plpg.invitation_targets import register

        register(invitation_target)
