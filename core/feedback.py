"""Turning a service's ``ValidationError`` into what the person sees.

Services refuse with ``ValidationError`` (Danish text, one message or one per field);
views show it either on the form it came from or, when there is no form to show it
on, as messages at the top of the next page. One helper for both, so every view says
a refusal the same way.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest


def error_messages(request: HttpRequest, error: ValidationError) -> None:
    """Every message of ``error`` as an error message for the next page."""
    for message in error.messages:
        messages.error(request, message)


def error_to_form(form: Form, error: ValidationError) -> None:
    """The errors of ``error`` on ``form``: per field where the field is on the
    form, otherwise at the top of the form (non-field errors)."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)
