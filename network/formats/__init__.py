"""Date and number formats where Django's defaults do not suit the network's readers
(``FORMAT_MODULE_PATH``): Swedish as written in Finland (12.3.2018 13.00, not Sweden's
2018-03-12), and English as 12 Mar 2018 with a 24-hour clock (not the US 03/12/2018)."""
