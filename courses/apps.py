from django.apps import AppConfig


class CoursesConfig(AppConfig):
    """The curriculum of the two EPoP courses, edited in Wagtail."""

    name = "courses"
    verbose_name = "Curriculum"

    def ready(self):
        from wagtail_lms.models import CoursePage, H5PLessonPage, SCORMLessonPage

        # We use wagtail-lms for its H5P player and xAPI capture only: its own page types must not be
        # creatable anywhere in our tree (they declare no parent restriction and would appear at root).
        for page_type in (CoursePage, H5PLessonPage, SCORMLessonPage):
            page_type.is_creatable = False

        from courses import privacy

        privacy.register()
