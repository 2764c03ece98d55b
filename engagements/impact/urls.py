from django.urls import path

from engagements.impact.views import feedback, money, portfolio, review

app_name = "impact"

urlpatterns = [
    path("engagements/portfolio/", portfolio.portfolio, name="portfolio"),
    path("engagements/portfolio.csv", portfolio.portfolio_csv, name="portfolio_csv"),
    path("engagements/<int:pk>/invoices/", money.invoices, name="invoices"),
    path("engagements/<int:pk>/review/", review.review, name="review"),
    path("engagements/<int:pk>/years/", review.years, name="years"),
    path("engagements/<int:pk>/invoices/new/", money.invoice_new, name="invoice_new"),
    path(
        "engagements/<int:pk>/invoices/<int:invoice_pk>/status/",
        money.invoice_status,
        name="invoice_status",
    ),
    path(
        "engagements/<int:pk>/invoices/<int:invoice_pk>/remove/",
        money.invoice_remove,
        name="invoice_remove",
    ),
    path("engagements/<int:pk>/outcomes/", money.outcomes, name="outcomes"),
    path("engagements/<int:pk>/outcomes/terms/", money.terms_set, name="terms_set"),
    path("engagements/<int:pk>/outcomes/amounts/new/", money.contingent_new, name="contingent_new"),
    path(
        "engagements/<int:pk>/outcomes/amounts/<int:contingent_pk>/verify/",
        money.payout_record,
        name="payout_record",
    ),
    path(
        "engagements/<int:pk>/outcomes/commitments/new/",
        money.commitment_new,
        name="commitment_new",
    ),
    path(
        "engagements/<int:pk>/outcomes/commitments/<int:commitment_pk>/status/",
        money.commitment_status,
        name="commitment_status",
    ),
]

urlpatterns += [
    path("feedback/<str:token>/", feedback.answer, name="answer"),
    path("workspace/<int:pk>/feedback/", feedback.feedback, name="feedback"),
    path("workspace/<int:pk>/feedback/new/", feedback.link_new, name="feedback_link_new"),
    path("workspace/<int:pk>/feedback.csv", feedback.feedback_csv, name="feedback_csv"),
    path(
        "workspace/<int:pk>/feedback/<int:link_pk>/",
        feedback.link_page,
        name="feedback_link",
    ),
    path(
        "workspace/<int:pk>/feedback/<int:link_pk>/qr.svg",
        feedback.link_qr,
        name="feedback_qr",
    ),
]
