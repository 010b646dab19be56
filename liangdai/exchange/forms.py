from django import forms
from django.utils.translation import gettext_lazy as _

from .kinds import ACCEPT_ATTRIBUTE, WPS

MAX_UPLOAD = 50 * 1024 * 1024


class UploadForm(forms.Form):
    # .et is offered too, so that a WPS user finds the file and is told to save it as .xlsx.
    file = forms.FileField(
        label=_("工作簿（.xlsx、.xlsm、.xls、.ods）"),
        error_messages={"required": _("请选择要导入的工作簿"), "empty": _("上传的文件是空的")},
        widget=forms.ClearableFileInput(attrs={"accept": ",".join([ACCEPT_ATTRIBUTE, *WPS])}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("文件超过50MB，请分成几个工作簿导入"))
        return upload
