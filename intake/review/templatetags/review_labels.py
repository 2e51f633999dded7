"""Dutch labels for stored codes in the queue (exploitation type, answers)."""
from django import template

from intake.review.presentation import ANSWER_LABELS, EXPLOITATION_LABELS

register = template.Library()
_TABLES = {"exploitation": EXPLOITATION_LABELS, "answer": ANSWER_LABELS}


@register.filter
def dutch(value, table):
    return _TABLES.get(table, {}).get(value, value)
