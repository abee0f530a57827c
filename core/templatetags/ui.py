"""Template helpers that render Django form fields with the design system's markup."""

from django import forms, template
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def is_checkbox(bound_field: forms.BoundField) -> bool:
    return isinstance(bound_field.field.widget, forms.CheckboxInput)


@register.simple_tag
def render_widget(bound_field: forms.BoundField, css_class: str) -> SafeString:
    """Render the field's widget with the design system's class, and point
    aria-describedby at its help text and error messages so screen readers read them."""
    attrs = {"class": css_class}
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_helptext")
    described_by.extend(
        f"{bound_field.auto_id}_error{number}"
        for number in range(1, len(bound_field.errors) + 1)
    )
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if bound_field.errors:
        attrs["aria-invalid"] = "true"
    return bound_field.as_widget(attrs=attrs)
