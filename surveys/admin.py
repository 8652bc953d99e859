from django.contrib import admin

from surveys.models import Question, Round, Survey


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "department", "is_active"]
    list_filter = ["is_active", "department"]
    inlines = [QuestionInline]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    # Rounds only: invitations and answers stay out of the admin, so nobody pairs them by eye.
    list_display = ["survey", "period_start", "period_end", "sent_at", "closes_at"]
    readonly_fields = ["survey", "period_start", "period_end", "sent_at"]
