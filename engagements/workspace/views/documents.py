"""Documents of the engagement and contract amendments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from engagements.workspace import documents as services
from engagements.workspace.access import DISTRICT, seat_for
from engagements.workspace.forms import AmendmentForm, DocumentForm
from engagements.workspace.models import Document
from engagements.workspace.views.files import private_file


def _page(request, seat, *, form=None, status=200, error=None):
    engagement = seat.engagement
    can_file = seat.is_partner or seat.can_edit
    return render(
        request,
        "workspace/documents.html",
        {
            "seat": seat,
            "engagement": engagement,
            "documents": list(services.documents_for(seat).select_related("uploaded_by")),
            "amendments": []
            if seat.is_partner
            else list(engagement.amendments.select_related("document", "recorded_by")),
            "form": form or (DocumentForm(partner=seat.is_partner) if can_file else None),
            "error": error,
        },
        status=status,
    )


@login_required
@require_GET
def documents(request, pk):
    return _page(request, seat_for(request, pk))


@login_required
@require_POST
def document_new(request, pk):
    seat = seat_for(request, pk, edit=True)
    form = DocumentForm(request.POST, request.FILES, partner=seat.is_partner)
    if not form.is_valid():
        return _page(request, seat, form=form, status=400)
    data = form.cleaned_data
    try:
        services.document_add(
            engagement=seat.engagement,
            user=request.user,
            side=seat.side,
            kind=data["kind"],
            title=data["title"],
            date=data["date"],
            visibility=data.get("visibility", Document.Visibility.SHARED),
            upload=data["file"],
        )
    except services.DocumentRefused as exc:
        return _page(request, seat, form=form, status=400, error=exc.message)
    except ValidationError as exc:
        form.add_error("file", exc)
        return _page(request, seat, form=form, status=400)
    messages.success(request, "Document filed.")
    return redirect("workspace:documents", pk=pk)


@login_required
@require_GET
def document_file(request, pk, document_pk):
    """A document's file: the district's members, or the partner if it is shared."""
    seat = seat_for(request, pk)
    document = get_object_or_404(
        services.documents_for(seat).select_related("engagement"), pk=document_pk
    )
    return private_file(
        document.file,
        kind=document.file_kind,
        filename=document.filename,
        recorded=lambda: services.document_downloaded(document=document, user=request.user),
    )


@login_required
@require_http_methods(["GET", "POST"])
def amendment_new(request, pk):
    """Record a contract amendment (district leads and PL managers)."""
    seat = seat_for(request, pk, sides=(DISTRICT,), edit=True)
    engagement = seat.engagement
    status, error = 200, None
    if request.method == "POST":
        form = AmendmentForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.amendment_record(
                    engagement=engagement,
                    user=request.user,
                    effective=data["effective"],
                    new_start=data["new_start"],
                    new_end=data["new_end"],
                    new_amount=data["new_amount"],
                    scope_change=data["scope_change"],
                    upload=data["file"],
                )
            except services.DocumentRefused as exc:
                error = exc.message
            else:
                messages.success(request, "Amendment recorded; the old terms are kept.")
                return redirect("workspace:documents", pk=pk)
        status = 400
    else:
        form = AmendmentForm()
    return render(
        request,
        "workspace/amendment_new.html",
        {"seat": seat, "engagement": engagement, "form": form, "error": error},
        status=status,
    )
