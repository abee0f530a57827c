from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from wagtail.users.views.users import CreateView, EditView
from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .forms import PlatformUserCreationForm, PlatformUserEditForm
from .models import RoleChange


class PlatformUserCreateView(CreateView):
    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "acting_user": self.request.user}


class PlatformUserEditView(EditView):
    def setup(self, request, *args, **kwargs) -> None:
        super().setup(request, *args, **kwargs)
        # A superuser can do anything; only another superuser may change one.
        if self.object.is_superuser and not request.user.is_superuser:
            raise PermissionDenied(
                _("Only a superuser can change another superuser's account.")
            )

    def get_form_kwargs(self) -> dict:
        return {**super().get_form_kwargs(), "acting_user": self.request.user}

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        context["role_changes"] = RoleChange.objects.filter(
            person=self.object
        ).select_related("changed_by", "organisation")[:20]
        return context


class UserViewSet(WagtailUserViewSet):
    """Wagtail's user admin with the platform's organisation, sector and roles."""

    add_view_class = PlatformUserCreateView
    edit_view_class = PlatformUserEditView

    def get_form_class(self, for_update: bool = False):
        return PlatformUserEditForm if for_update else PlatformUserCreationForm
