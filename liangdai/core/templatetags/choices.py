"""`{{ value|choice_label:"cadres.Holding.position" }}`: an enumerated value shown by its label in the
user's language, as `get_FOO_display` shows a model instance's, for a value that comes without its
instance (a dataclass, a dict, a form's initial). The stored values stay Chinese: the sheets, the
exports and the API use them; a value the field does not know is shown as it is."""

from django import template
from django.apps import apps

register = template.Library()


@register.filter
def choice_label(value, field: str):
    app_label, model_name, field_name = field.split(".")
    choices = apps.get_model(app_label, model_name)._meta.get_field(field_name).flatchoices
    return dict(choices).get(value, value)
