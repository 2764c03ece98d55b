from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from interviews.models import Selection


@login_required
def selection_list(request):
    selections = Selection.objects.for_user(request.user).select_related("district")
    return render(request, "interviews/selection_list.html", {"selections": selections})
