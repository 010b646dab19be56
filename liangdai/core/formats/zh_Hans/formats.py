# As a Chinese report writes a date (Django's own zh_Hans form, kept here so that it stays).
DATE_FORMAT = "Y年n月j日"
