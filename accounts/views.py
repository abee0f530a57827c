from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """The user's own account page: who they are, their organisation and roles."""
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "profile_user": user,
            "organisation": user.organisation,
            "roles": user.roles,
        },
    )
