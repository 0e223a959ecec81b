"""model_bakery fills file fields bound to an upload policy with a sample the policy accepts (its
own mock files are text, which no policy takes)."""

from django.core.files.base import ContentFile
from model_bakery import generators

from tests.security import samples


def policy_file(policy) -> ContentFile:
    content_type = next(kind for kind in samples.SAMPLES if kind in policy.types)
    return ContentFile(samples.SAMPLES[content_type], name="baker-sample")


policy_file.required = [lambda field: ("policy", field.policy)]

generators.add("lms.uploads.fields.PolicyFileField", policy_file)
generators.add("lms.uploads.fields.PolicyImageField", policy_file)
