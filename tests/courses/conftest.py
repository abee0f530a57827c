"""Fixtures shared by the course tests: a named participant and the Grundmodul
(used by the Kursusbevis tests, test_certificates_*.py)."""

import pytest

from courses.models import (
    ModuleKind,
)
from tests.accounts.factories import UserFactory
from tests.courses.factories import module_create


@pytest.fixture
def participant():
    return UserFactory(first_name="Mette", last_name="Sørensen")


@pytest.fixture
def grundmodul():
    return module_create(title="Grundmodul", kind=ModuleKind.BASE, lessons=0)
