from django.contrib.auth.models import Group

import factory
from allauth.account.models import EmailAddress

from accounts.models import Organisation, User
from accounts.roles import ROLE_GROUPS, Role

DEFAULT_PASSWORD = "korrekt-hest-batteri-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"bruger{n}@kommune.test")
    first_name = "Mette"
    last_name = factory.Sequence(lambda n: f"Hansen{n}")
    organisation = factory.LazyFunction(
        lambda: Organisation.objects.get(kommune__code="0751")  # Aarhus
    )
    sector = User.Sector.SCHOOL
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not create:
            return
        for role in extracted or (Role.PARTICIPANT,):
            self.groups.add(Group.objects.get(name=ROLE_GROUPS[role].group_name))
        self.save()

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(
                user=self,
                email=self.email,
                primary=True,
                verified=extracted if extracted is not None else True,
            )
