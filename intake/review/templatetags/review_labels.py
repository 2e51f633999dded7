"""Labels of stored codes on the pages: `{{ signal.priority|label:"priorities" }}` (catalogue/labels.yml, Dutch)."""
from django import template

from signaal import labels

register = template.Library()


@register.filter
def label(value, kind):
    """The Dutch label of a code of this kind; the code itself when none is written."""
    return labels.label(kind, value, "nl")


@register.filter
def linked_phrase(count):
    """"3 eerdere signalen op deze plek / 3 earlier signals at this place" (intake/signals/linking.py)."""
    from django.utils.html import format_html

    from intake.signals.linking import queue_phrase

    nl, en = queue_phrase(int(count))
    return format_html('{} <span class="en">/ {}</span>', nl, en)
