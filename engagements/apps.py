from django.apps import AppConfig


class EngagementsConfig(AppConfig):
    name = "engagements"
    verbose_name = "Engagements"

    def ready(self):
        from plpg.models import password_changed

        password_changed.connect(rotate_feed_on_password_change, dispatch_uid="engagements-feed")


def rotate_feed_on_password_change(sender, user, **kwargs):
    """A new password retires the calendar feed's secret URL too (whoever had the old
    password may have copied it). The user subscribes again from the calendar page."""
    from engagements.models import CalendarFeed, new_feed_token

    CalendarFeed.objects.filter(user=user).update(token=new_feed_token())
