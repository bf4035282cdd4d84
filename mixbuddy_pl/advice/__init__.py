"""Gain advice: the structured labels (`labels`), the template banks that render them (`templates`), and the
parser that reads free text back into labels (`parse`)."""
