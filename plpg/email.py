"""The one way PLPG sends email.

Every message — invitations, password resets, address verification (django-allauth goes
through ``plpg.adapters.AccountAdapter.send_mail``), reminders and notices — is sent with
``send_email(to=..., template=..., context=...)``:

- ``<template>_subject.txt`` and ``<template>_message.txt`` are rendered now, with
  ``site_url`` in the context; ``<template>_message.html`` too if it exists, otherwise the
  HTML part is the plain text laid into ``email/base_message.html`` (links made clickable).
  So every message has a plain-text and an HTML part. Links come from ``absolute_url`` (the
  ``SITE_URL`` setting), never from the request, so a link built in the worker is the same.
- The rendered message is handed to a django-tasks task, ``deliver``: with the database
  backend (production) a worker (``manage.py db_worker``) sends it, so a slow mail server
  never slows a page, and a failed send is tried again later (``EMAIL_MAX_ATTEMPTS``); with
  the immediate backend (``make run``) it is sent at once to the console.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

# Delays before the 2nd, 3rd, … attempt of a failed send.
RETRY_DELAYS = [dt.timedelta(minutes=m) for m in (1, 5, 30, 120)]


def absolute_url(path: str) -> str:
    """An absolute link for emails and feeds: settings.SITE_URL plus the path."""
    return settings.SITE_URL.rstrip("/") + path


def render_email(template: str, context: dict | None = None) -> tuple[str, str, str]:
    """(subject, plain text, HTML) of ``template`` rendered with ``context``."""
    context = {"site_url": settings.SITE_URL, "site_name": "PLPG", **(context or {})}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    text = render_to_string(f"{template}_message.txt", context).strip() + "\n"
    try:
        html = render_to_string(f"{template}_message.html", context)
    except TemplateDoesNotExist:
        html = render_to_string(
            "email/base_message.html", {**context, "subject": subject, "text": text}
        )
    return subject, text, html


def send_email(*, to, template: str, context: dict | None = None, attachments=()) -> int:
    """Queue ``template`` rendered with ``context`` for each address in ``to`` (one message
    each, so recipients never see each other). Returns how many were queued.

    ``attachments``: (filename, text content, MIME type) triples, e.g. a calendar invitation
    (text, so the queued task's arguments stay JSON)."""
    addresses = [to] if isinstance(to, str) else list(dict.fromkeys(to))
    subject, text, html = render_email(template, context)
    files = [
        [name, content.decode() if isinstance(content, bytes) else content, mimetype]
        for name, content, mimetype in attachments
    ]
    for address in addresses:
        deliver.enqueue(
            to=address, subject=subject, text=text, html=html, **({"files": files} if files else {})
        )
    return len(addresses)


@task()
def deliver(*, to: str, subject: str, text: str, html: str, attempt: int = 1, files=None) -> None:
    """Send one message; on failure queue the next attempt (if the backend can defer)."""
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    for name, content, mimetype in files or []:
        message.attach(name, content, mimetype)
    try:
        message.send()
    except Exception:
        backend = deliver.get_backend()
        if attempt < settings.EMAIL_MAX_ATTEMPTS and backend.supports_defer:
            delay = RETRY_DELAYS[min(attempt, len(RETRY_DELAYS)) - 1]
            deliver.using(run_after=timezone.now() + delay).enqueue(
                to=to, subject=subject, text=text, html=html, attempt=attempt + 1, files=files
            )
            logger.warning("Email to %s failed (attempt %s); retrying in %s", to, attempt, delay)
        else:
            logger.error("Email to %s failed for good after %s attempt(s)", to, attempt)
        raise
