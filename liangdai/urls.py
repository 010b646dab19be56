from django.urls import include, path

urlpatterns = [
    path("", include("liangdai.reports.urls")),
    path("", include("liangdai.org.urls")),
    path("villages/", include("liangdai.villages.urls")),
    path("cadres/", include("liangdai.cadres.urls")),
    path("exchange/", include("liangdai.exchange.urls")),
    path("audit/", include("liangdai.audit.urls")),
    path("rules/", include("liangdai.rules.urls")),
    path("api/", include("liangdai.api")),
    path("i18n/", include("django.conf.urls.i18n")),
]
