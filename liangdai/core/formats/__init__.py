"""How pages write a date in each language (settings.FORMAT_MODULE_PATH): `{{ day|date }}` reads
2019年10月31日 in Chinese and 31 Oct 2019 in English. Documents (the Word briefing, the workbooks)
and the API write their dates themselves and do not follow the page's language."""
