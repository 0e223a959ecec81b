"""H5P attempts and xAPI statements are tracking rows: Wagtail's reference index ignores them, so
that storing a statement does not queue an index update."""

from wagtail.models import ReferenceIndex
from wagtail_lms.models import H5PAttempt, H5PXAPIStatement


def test_tracking_rows_are_outside_the_reference_index():
    assert not ReferenceIndex.is_indexed(H5PAttempt)
    assert not ReferenceIndex.is_indexed(H5PXAPIStatement)
