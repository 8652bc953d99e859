from django.apps import AppConfig


class DemoConfig(AppConfig):
    # No models, URLs or templates: only the load_demo command.
    name = "demo"
    verbose_name = "Demo company"
