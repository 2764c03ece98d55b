"""The needs diagnostic (/diagnostic/): a short questionnaire that recommends phases."""

from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from partners.forms import DiagnosticForm
from partners.models import Phase
from partners.needs import (
    SESSION_KEY,
    diagnostic_answers,
    needs_directory_query,
    needs_recommend,
)
from partners.selectors import directory_search


@require_GET
def diagnostic(request):
    # Any of the form's fields in the query means the form was sent, even with nothing chosen
    # (unchecked radios send nothing; the selects send empty values).
    submitted = any(name in request.GET for name in DiagnosticForm.base_fields)
    form = DiagnosticForm(request.GET if submitted else None)
    context = {"form": form}
    status = 200
    if submitted and form.is_valid():
        data = form.cleaned_data
        request.session[SESSION_KEY] = diagnostic_answers(data)
        context["selection_url"] = reverse("interviews:selection_create")
        recommendations = needs_recommend(stage=data["stage"], audience=data["audience"])
        phases = Phase.objects.in_bulk([r.phase for r in recommendations], field_name="slug")
        context["recommendations"] = [(phases.get(r.phase), r) for r in recommendations]
        context["primary_count"] = sum(r.primary for r in recommendations)
        query = needs_directory_query(
            recommendations=recommendations,
            content_area=data["content_area"],
            curriculum=data["curriculum"],
            budget=data["budget"],
        )
        context["directory_url"] = reverse("partners:list") + "?" + query
        context["match_count"] = directory_search(
            params=QueryDict(query), page_size=1, facets=False
        ).total
    elif submitted:
        status = 400
    return render(request, "partners/diagnostic.html", context, status=status)
