from django.apps import AppConfig


class CoursesConfig(AppConfig):
    """The curriculum of the two EPoP courses, edited in Wagtail."""

    name = "courses"
    verbose_name = "Curriculum"

    def ready(self):
        from wagtail_lms.models import CoursePage, H5PAttempt, H5PLessonPage, H5PXAPIStatement, SCORMLessonPage

        # We use wagtail-lms for its H5P player and xAPI capture only: its own page types must not be
        # creatable anywhere in our tree (they declare no parent restriction and would appear at root).
        for page_type in (CoursePage, H5PLessonPage, SCORMLessonPage):
            page_type.is_creatable = False

        # Attempts and statements are tracking rows, not content: nothing references them, so the
        # reference index has nothing to learn from them, and updating it cost every xAPI statement
        # a task and several queries.
        for tracking_model in (H5PAttempt, H5PXAPIStatement):
            tracking_model.wagtail_reference_index_ignore = True

        from courses import privacy

        privacy.register()
