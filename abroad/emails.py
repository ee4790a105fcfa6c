"""Mails of study abroad, rendered from templates in text and HTML like the sign-in mails."""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from abroad.models import Application

logger = logging.getLogger(__name__)
TEMPLATE_PREFIX = "abroad/email/application_status"


def application_url(application: Application) -> str:
    return f"{settings.APP_URL.rstrip('/')}/abroad/applications/{application.pk}"


def application_status_mail_send(*, application: Application) -> None:
    """Tell the learner the new status of their application, in their preferred language.

    Sent after the change is committed; a mail server that fails is logged, never undoes the
    change.
    """
    learner = application.learner
    if not learner.is_active or not learner.email:
        return
    profile = getattr(learner, "profile", None)
    language = getattr(profile, "language_preference", None) or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            # The listing's title in the learner's language, where it is translated.
            "listing": application.target.text_in("title", language),
            "kind": application.target._meta.verbose_name,
            "status": application.get_status_display().lower(),
            "accepted": application.status == Application.Status.ACCEPTED,
            "rejected": application.status == Application.Status.REJECTED,
            "withdrawn": application.status == Application.Status.WITHDRAWN,
            "application_url": application_url(application),
            "LANGUAGE_CODE": language,
        }
        subject = render_to_string(f"{TEMPLATE_PREFIX}_subject.txt", context).strip()
        text = render_to_string(f"{TEMPLATE_PREFIX}_message.txt", context)
        html = render_to_string(f"{TEMPLATE_PREFIX}_message.html", context)
    message = EmailMultiAlternatives(
        subject=f"[Toto] {' '.join(subject.split())}",
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[learner.email],
    )
    message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception:  # the status change stands; the mail is not worth a failed request
        logger.exception("Could not mail application %s status to its learner", application.pk)
