"""Import, export and template pages. Thin: parse, call one service or selector, render."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_POST

from liangdai.core.errors import DomainError
from liangdai.core.web import area_view, int_param
from liangdai.org.scoping import area_prefix, can_write

from . import selectors, services
from .forms import UploadForm
from .pipeline import FileError
from .sheets import known_sheets

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHOWN_ERRORS = 500


def _xlsx(data: bytes, filename: str) -> HttpResponse:
    return HttpResponse(
        data, content_type=XLSX, headers={"Content-Disposition": content_disposition_header(True, filename)}
    )


def _page(request, form, result=None, *, committed=False, problem=None):
    if area_prefix(request.user) is None:
        raise Http404
    context = {
        "form": form,
        "problem": problem,
        "result": result,
        "committed": committed,
        "errors_shown": result.errors[:SHOWN_ERRORS] if result else [],
        "sheets": [s.name for s in known_sheets()],
        "history": selectors.import_history(request.user, size=10).items,
    }
    return render(request, "exchange/import.html", context)


def _attempt(service, **kwargs):
    """(the service's result, None), or (None, the reason it gave)."""
    try:
        return service(**kwargs), None
    except (FileError, DomainError) as exc:
        return None, exc.message


@area_view
def import_page(request):
    """GET: the upload form (for users who may write) and the downloads. POST: validate."""
    if not can_write(request.user):
        if request.method == "POST":
            raise Http404
        return _page(request, None)
    if request.method != "POST":
        return _page(request, UploadForm())
    form = UploadForm(request.POST, request.FILES)
    result = problem = None
    if form.is_valid():
        upload = form.cleaned_data["file"]
        result, problem = _attempt(
            services.upload_validate, actor=request.user, data=upload.read(), filename=upload.name
        )
    elif "file" in request.FILES:  # a file came but was refused as it came: in the history too
        reason = "；".join(str(e) for e in form.errors["file"])
        services.upload_refused(actor=request.user, filename=request.FILES["file"].name, reason=reason)
    return _page(request, form, result, problem=problem)


@area_view
@require_POST
def import_commit(request, pk: int):
    result, problem = _attempt(services.upload_commit, actor=request.user, record_id=pk)
    return _page(request, UploadForm(), result, committed=result is not None and result.ok, problem=problem)


@area_view
@require_GET
def import_errors(request, pk: int):
    record = selectors.own_record(request.user, pk)
    try:
        data = services.errors_path(record.pk).read_bytes()
    except OSError:
        raise Http404 from None
    return _xlsx(data, f"errors-{record.pk}.xlsx")


@area_view
@require_GET
def history(request):
    if area_prefix(request.user) is None:
        raise Http404
    page = selectors.import_history(request.user, before=int_param(request.GET.get("before")))
    return render(request, "exchange/history.html", {"records": page.items, "next_before": page.next_cursor})


@area_view
@require_GET
def template_download(request):
    return _xlsx(services.template_build(names=request.GET.get("sheets")), "template.xlsx")


@area_view
@require_GET
def export_download(request):
    """The user's area, or with ?code= the part of it under that division (404 outside)."""
    code = request.GET.get("code") or None
    data = services.area_export(actor=request.user, names=request.GET.get("sheets"), code=code)
    return _xlsx(data, f"export-{code or area_prefix(request.user) or 'all'}.xlsx")
