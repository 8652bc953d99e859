from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from surveys.models import Question, Round, Survey


class QuestionFormSet(BaseInlineFormSet):
    """The rules of surveys.services.survey_save for the admin: a question that already has
    answers keeps its kind and is never deleted (its answers would go with it)."""

    def clean(self):
        super().clean()
        if self.instance.pk is None:
            return
        answered = set(
            Question.objects.filter(survey=self.instance, answers__isnull=False)
            .values_list("pk", flat=True)
            .distinct()
        )
        for form in self.forms:
            question = form.instance
            if question.pk not in answered:
                continue
            if self.can_delete and self._should_delete_form(form):
                raise ValidationError(
                    _("“%(text)s” has answers and cannot be removed.") % {"text": question.text}
                )
            if "kind" in form.changed_data:
                raise ValidationError(
                    _("“%(text)s” has answers: its kind cannot change.") % {"text": question.text}
                )


class QuestionInline(admin.TabularInline):
    model = Question
    formset = QuestionFormSet
    extra = 0
    # 3–7 questions, as on the head's page (surveys.services.survey_save).
    min_num = 3
    max_num = 7

    def get_formset(self, request, obj=None, **kwargs):
        # The admin passes min_num and max_num on, but not whether to enforce them.
        return super().get_formset(request, obj, validate_min=True, validate_max=True, **kwargs)


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "department", "is_active"]
    list_filter = ["is_active", "department"]
    inlines = [QuestionInline]
    readonly_fields = ["created_by"]

    def save_model(self, request, obj, form, change):
        if obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    # Rounds only: invitations and answers stay out of the admin, so nobody pairs them by eye.
    list_display = ["survey", "period_start", "period_end", "sent_at", "closes_at"]
    readonly_fields = ["survey", "period_start", "period_end", "sent_at"]
