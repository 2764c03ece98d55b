from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render


@login_required
def dashboard(request):
    return render(request, "engagements/dashboard.html")


@login_required
def start_from_selection(request, selection_id):
    # Placeholder until the Engagements issue: starts a draft engagement from a decision.
    return redirect("engagements:dashboard")
