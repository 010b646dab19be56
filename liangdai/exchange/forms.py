from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD = 50 * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("工作簿（.xlsx）"),
        error_messages={"required": _("请选择要导入的工作簿"), "empty": _("上传的文件是空的")},
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("文件超过50MB，请分成几个工作簿导入"))
        return upload
