import pytest


@pytest.fixture
def response_cache_on(settings):
    """The content API's response cache on, against the real Redis (off in the test settings)."""
    settings.CONTENT_API_CACHE = True
