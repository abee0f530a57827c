from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from .forms import PlatformUserCreationForm, PlatformUserEditForm


class UserViewSet(WagtailUserViewSet):
    """Wagtail's user admin with the platform's organisation and sector fields."""

    def get_form_class(self, for_update: bool = False):
        return PlatformUserEditForm if for_update else PlatformUserCreationForm
