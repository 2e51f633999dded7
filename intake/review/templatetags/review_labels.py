"""Labels of stored codes on the pages: `{{ signal.priority|label:"priorities" }}` (catalogue/labels.yml, Dutch)."""
from django import template

from signaal import labels

register = template.Library()


@register.filter
def label(value, kind):
    """The Dutch label of a code of this kind; the code itself when none is written."""
    return labels.label(kind, value, "nl")
