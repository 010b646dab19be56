from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.i18n import set_language

urlpatterns = [
    path("", include("liangdai.reports.urls")),
    path("", include("liangdai.org.urls")),
    path("villages/", include("liangdai.villages.urls")),
    path("cadres/", include("liangdai.cadres.urls")),
    path("leaders/", include("liangdai.leaders.urls")),
    path("party/", include("liangdai.party.urls")),
    path("training/", include("liangdai.training.urls")),
    path("assessment/", include("liangdai.assessment.urls")),
    path("exchange/", include("liangdai.exchange.urls")),
    path("audit/", include("liangdai.org.audit_urls")),
    path("rules/", include("liangdai.rules.urls")),
    path("api/", include("liangdai.api")),
    path("i18n/setlang/", login_not_required(set_language), name="set_language"),
]
