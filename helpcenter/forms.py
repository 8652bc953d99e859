"""Forms check the shape of input; helpcenter.services checks the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from departments.models import Service
from helpcenter.models import Article, ArticleStatus
from helpcenter.services import BODY_MAX_LENGTH

MARKDOWN_HELP = _(
    "Markdown: **bold**, *italic*, lists with “- ”, headings with “## ”, links as "
    "[text](https://…). Upload images below and paste the line Desk gives you."
)


class ServiceChoices(forms.ModelMultipleChoiceField):
    """Services by id; a value that cannot be an id is an unknown choice before any query (SQLite
    cannot even compare a number that long)."""

    def _check_values(self, value):
        for pk in value:
            text = str(pk)
            if not (text.isascii() and text.isdigit() and len(text) <= 12):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": text[:20]},
                )
        return super()._check_values(value)


class ArticleForm(forms.Form):
    title = forms.CharField(label=_("Title (English)"), max_length=200)
    body = forms.CharField(
        label=_("Text (English)"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=BODY_MAX_LENGTH,
        help_text=MARKDOWN_HELP,
    )
    title_pl = forms.CharField(label=_("Title (Polish)"), max_length=200, required=False)
    body_pl = forms.CharField(
        label=_("Text (Polish)"),
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=BODY_MAX_LENGTH,
        required=False,
        help_text=_("Optional. Polish pages show the English text when this is empty."),
    )
    services = ServiceChoices(
        label=_("Suggest it for these services"),
        queryset=Service.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=ArticleStatus.choices,
        help_text=_("Only published articles are suggested and shown to colleagues."),
    )

    def __init__(self, *args, department, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["services"].queryset = department.services.order_by("name")

    @staticmethod
    def initial_from(article: Article) -> dict:
        return {
            "title": article.title,
            "body": article.body,
            "title_pl": article.title_pl,
            "body_pl": article.body_pl,
            "status": article.status,
            "services": list(article.services.all()),
        }


class ImageForm(forms.Form):
    image = forms.FileField(
        label=_("Image"),
        help_text=_("PNG, JPEG, GIF or WebP; checked by its content like any attachment."),
    )
