from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from governance.models import Body
from governance.positions.models import Publication, Stance, VoteChoice
from network.form_fields import DateInput, DateTimeLocalInput
from network.models import User
from network.reform import Cornerstone, Workstream

#: A position's text: generous (some forty pages), and a bound on what every later
#: comparison of its versions has to read.
POSITION_TEXT_MAX = 100_000
POSITION_SUMMARY_MAX = 5_000


class PositionForm(forms.Form):
    title = forms.CharField(label=pgettext_lazy("heading", "Title"), max_length=250)
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=POSITION_SUMMARY_MAX,
    )
    text = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=POSITION_TEXT_MAX,
        help_text=_("Markdown: # headings, - lists, **bold**, [links](https://…)."),
    )
    background = forms.CharField(
        label=_("Background"),
        widget=forms.Textarea,
        required=False,
        max_length=POSITION_TEXT_MAX,
    )
    text_sv = forms.CharField(
        label=_("Text in Swedish"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        max_length=POSITION_TEXT_MAX,
        help_text=_("Optional; published on the Swedish public site when written."),
    )
    prepared_by = forms.ModelChoiceField(
        label=_("Prepared by"), queryset=Body.objects.filter(closed_at__isnull=True), required=False
    )
    cornerstones = forms.MultipleChoiceField(
        label=_("Cornerstones it serves"),
        choices=Cornerstone.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    workstreams = forms.MultipleChoiceField(
        label=_("Workstreams it concerns"),
        choices=Workstream.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    request_from = forms.CharField(
        label=_("Statement requested by"), max_length=200, required=False
    )
    request_reference = forms.CharField(label=_("Their reference"), max_length=100, required=False)
    request_deadline = forms.DateField(
        label=_("Their deadline"), widget=DateInput(), required=False
    )
    request_link = forms.URLField(label=_("Link to the request"), required=False)


class ConsultationForm(forms.Form):
    deadline = forms.DateTimeField(
        label=_("Answers by"), widget=DateTimeLocalInput(), input_formats=["%Y-%m-%dT%H:%M"]
    )
    questions = forms.CharField(
        label=_("Questions to the departments"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Optional; one question per line."),
    )


class AnswerForm(forms.Form):
    stance = forms.ChoiceField(
        label=_("Your department's position"), choices=Stance.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=_("Required when your department supports with changes: say which."),
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = list(questions)
        for question in self.questions:
            self.fields[f"question_{question.pk}"] = forms.CharField(
                label=question.text, widget=forms.Textarea(attrs={"rows": 3}), required=False
            )

    def clean(self):
        data = super().clean()
        if (
            data.get("stance") == Stance.SUPPORTS_WITH_CHANGES
            and not data.get("comment", "").strip()
        ):
            self.add_error("comment", _("Say which changes your department wants."))
        return data

    def question_answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data.get(f"question_{q.pk}", "") for q in self.questions}


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Reason (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    in_place_of = forms.ModelChoiceField(
        label=_("Voting in place of (deputies only)"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, members=None, **kwargs):
        super().__init__(*args, **kwargs)
        if members is not None:
            self.fields["in_place_of"].queryset = members
        else:
            del self.fields["in_place_of"]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class PublishForm(forms.Form):
    publication = forms.ChoiceField(
        label=_("Publish"), choices=Publication.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Text for this track"),
        widget=forms.Textarea(attrs={"rows": 8}),
        required=False,
        help_text=_(
            "Inside the network: the change-management brief for the departments. "
            "On the public site: the advocacy text (empty: the approved text)."
        ),
    )
    review_date = forms.DateField(
        label=_("Review date"),
        widget=DateInput(),
        required=False,
        help_text=_("Optional; the drafters are reminded on this day."),
    )
