# Day, month, year, as English outside the United States writes it; unambiguous for every reader.
DATE_FORMAT = "j M Y"
