from .certificates import urlpatterns as certificate_patterns
from .enrolment import urlpatterns as enrolment_patterns
from .learning import urlpatterns as learning_patterns
from .offerings import urlpatterns as offering_patterns
from .search import urlpatterns as search_patterns

app_name = "courses"

urlpatterns = [
    *offering_patterns,
    *learning_patterns,
    *certificate_patterns,
    *enrolment_patterns,
    *search_patterns,
]
